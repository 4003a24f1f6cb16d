/**
 * @vendor-contracts/tmt-first — the TMT First Connect API v2, typed and validated.
 * Everything vendor-specific is in the spec: the names below come from codegen (generated/index.ts),
 * the factory from client.ts.
 */
export * from './generated/index.js';
export { createTmtFirstClient, type TmtFirstClient, type TmtFirstClientOptions } from './client.js';
/** Follow a job through its statuses, wait for a quote, answer it; also at `@vendor-contracts/tmt-first/workflows`. */
export * from './workflows/index.js';
/** RFC 1123 dates (`parseHttpDate`, `formatHttpDate`) and the listDevices date filters. */
export { DateFormatError, formatDateFilter, formatHttpDate, parseHttpDate } from './dates.js';
