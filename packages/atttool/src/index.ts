/**
 * @vendor-contracts/atttool — the AT&T Tool API v1 (AT&T network unlocks by IMEI), typed and
 * validated. Everything vendor-specific is in the spec: the names below come from codegen
 * (generated/index.ts), the factory from client.ts; vendor-errors.ts types away the `ERR_*` bodies
 * the runtime throws as `VendorError`.
 */
export * from './generated/index.js';
export { type AtttoolClient, type AtttoolClientOptions, createAtttoolClient } from './client.js';
export type { VendorErrorBody, WithoutVendorErrorBodies } from './vendor-errors.js';
/** @deprecated Import `REDACTED` from `@vendor-contracts/runtime`, which does the scrubbing. */
export { REDACTED } from '@vendor-contracts/runtime';
/** Wait for an order to complete by polling (`waitForOrder`); also at `@vendor-contracts/atttool/workflows`. */
export * from './workflows/index.js';
// The pingback receiver (`createPingbackReceiver`, `createPingbackUrl`, …) is server-side code (a
// Fetch handler plus a node:http adapter), so it lives only at `@vendor-contracts/atttool/pingback`:
// the client entry stays small for consumers that only call the API.
