/**
 * TMT First writes dates as RFC 1123 in GMT (`Tue, 23 Apr 2024 09:30:00 GMT`, the HTTP-date
 * form) and takes `yyyy-mm-dd` in the /devices filters. `Date.parse` would accept far more
 * than that (and read some of it in local time), so parsing is strict: the exact form, a real
 * calendar date, and a weekday that matches it.
 */
import { DateFormatError } from '@vendor-contracts/runtime';

/** The runtime's one `DateFormatError` (shared by every vendor's date helpers), re-exported so existing imports keep working. */
export { DateFormatError };

const RFC_1123 = 'RFC 1123 (Tue, 23 Apr 2024 09:30:00 GMT)';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** `Tue, 23 Apr 2024 09:30:00 GMT` → the `Date` of that instant. Throws `DateFormatError` on anything else. */
export function parseHttpDate(value: string): Date {
  const match = typeof value === 'string' ? HTTP_DATE.exec(value) : null;
  if (!match) throw new DateFormatError('tmt-first', value, RFC_1123, 'the form does not match');
  const [, weekday, day, month, year, hour, minute, second] = match as unknown as [string, string, string, string, string, string, string, string];
  const monthIndex = MONTHS.indexOf(month as (typeof MONTHS)[number]);
  const date = new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second)));
  // Date.UTC rolls 31 Apr over to 1 May and 24:00 to the next day; a real date survives the round trip.
  if (
    date.getUTCDate() !== Number(day) ||
    date.getUTCMonth() !== monthIndex ||
    date.getUTCHours() !== Number(hour) ||
    date.getUTCMinutes() !== Number(minute) ||
    date.getUTCSeconds() !== Number(second)
  ) {
    throw new DateFormatError('tmt-first', value, RFC_1123, 'no such day or time');
  }
  if (WEEKDAYS[date.getUTCDay()] !== weekday) throw new DateFormatError('tmt-first', value, RFC_1123, `that day is a ${WEEKDAYS[date.getUTCDay()]}, not a ${weekday}`);
  return date;
}

/** A `Date` → `Tue, 23 Apr 2024 09:30:00 GMT` (milliseconds dropped). */
export function formatHttpDate(date: Date): string {
  checkFormattable(date, RFC_1123);
  return date.toUTCString(); // ECMAScript defines toUTCString as exactly this form
}

/** A `Date` → `yyyy-mm-dd` (its UTC calendar day), for the `start_date` / `end_date` filters of listDevices. */
export function formatDateFilter(date: Date): string {
  checkFormattable(date, 'yyyy-mm-dd');
  return date.toISOString().slice(0, 10);
}

function checkFormattable(date: Date, expected: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new DateFormatError('tmt-first', String(date), expected, 'not a valid Date');
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new DateFormatError('tmt-first', date.toISOString(), expected, 'the year must have four digits');
}
