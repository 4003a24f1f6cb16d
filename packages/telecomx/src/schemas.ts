/** The zod schemas of every TelecomX component and operation (`X` as received, `XStrict` as sent). */
export * from './generated/schemas.js';
