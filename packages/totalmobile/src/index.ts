/**
 * @vendor-contracts/totalmobile — Totalmobile Connect Web Services (v1.34), typed and validated.
 * Everything vendor-specific is in the spec: the names below come from codegen (generated/index.ts),
 * the factory from client.ts.
 */
export * from './generated/index.js';
export { createTotalmobileClient, type TotalmobileClient, type TotalmobileClientOptions } from './client.js';
/** The embedded booking flow and re-appointing (`createOrderAndBook`, `reappointVisit`, …); also at `@vendor-contracts/totalmobile/workflows`. */
export * from './workflows/index.js';
/** `yyyy-MM-dd` and `yyyy-MM-dd HH:mm:ss` ↔ `Date`, in UTC or an IANA time zone. */
export { DateFormatError, formatDate, formatLocalDateTime, parseDate, parseLocalDateTime, type TimeZoneOption } from './dates.js';
