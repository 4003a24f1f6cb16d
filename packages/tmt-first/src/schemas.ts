/** The zod schemas of every TMT First component and operation (`X` as received, `XStrict` as sent). */
export * from './generated/schemas.js';
