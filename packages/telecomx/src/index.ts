/**
 * @vendor-contracts/telecomx — the TelecomX Internet Request API, typed and validated.
 * Everything vendor-specific is in the spec: the names below come from codegen (generated/index.ts),
 * the factory from client.ts.
 */
export * from './generated/index.js';
export { createTelecomxClient, type TelecomxClient, type TelecomxClientOptions } from './client.js';
