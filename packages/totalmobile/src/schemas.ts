/** The zod schemas of every Totalmobile component and operation (`X` as received, `XStrict` as sent). */
export * from './generated/schemas.js';
