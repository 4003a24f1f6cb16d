/**
 * The zod schemas of every AT&T Tool component and operation (`X` as received, `XStrict` as sent),
 * e.g. `Imei` (15 digits + Luhn) or `OrderCompletedPayload` (to check a pingback body).
 */
export * from './generated/schemas.js';
