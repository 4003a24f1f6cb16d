/**
 * Totalmobile writes dates as `yyyy-MM-dd` and date-times as `yyyy-MM-dd HH:mm:ss`, with no time
 * zone. These convert them to and from `Date` strictly (the exact form and a real calendar date)
 * in a time zone you name: `UTC` by default, or an IANA zone such as `Europe/London` (the
 * vendor's own), resolved with the built-in `Intl` so no time-zone data ships with the SDK.
 */
import { DateFormatError } from '@vendor-contracts/runtime';

/** The runtime's one `DateFormatError` (shared by every vendor's date helpers), re-exported so existing imports keep working. */
export { DateFormatError };

export interface TimeZoneOption {
  /** `UTC` or an IANA time zone, e.g. `Europe/London`. @default 'UTC' */
  timeZone?: string;
}

const DATE_TIME = 'yyyy-MM-dd HH:mm:ss';
const DATE = 'yyyy-MM-dd';
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `2018-05-07 13:45:00` (wall-clock time in `timeZone`) → the `Date` of that instant. */
export function parseLocalDateTime(value: string, options: TimeZoneOption = {}): Date {
  const match = typeof value === 'string' ? DATE_TIME_PATTERN.exec(value) : null;
  if (!match) throw new DateFormatError('totalmobile', value, DATE_TIME, 'the form does not match');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return toInstant(value, DATE_TIME, { year, month, day, hour, minute, second }, options.timeZone ?? 'UTC');
}

/** `2018-05-07` → the `Date` of that day's midnight in `timeZone`. */
export function parseDate(value: string, options: TimeZoneOption = {}): Date {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) throw new DateFormatError('totalmobile', value, DATE, 'the form does not match');
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return toInstant(value, DATE, { year, month, day, hour: 0, minute: 0, second: 0 }, options.timeZone ?? 'UTC');
}

/** A `Date` → `yyyy-MM-dd HH:mm:ss` as the wall clock in `timeZone` shows it (milliseconds dropped). */
export function formatLocalDateTime(date: Date, options: TimeZoneOption = {}): string {
  const f = wallClock(date, options.timeZone ?? 'UTC', DATE_TIME);
  return `${formatDateFields(f)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** A `Date` → `yyyy-MM-dd`, the calendar day in `timeZone`. */
export function formatDate(date: Date, options: TimeZoneOption = {}): string {
  return formatDateFields(wallClock(date, options.timeZone ?? 'UTC', DATE));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const formatDateFields = (f: Fields) => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;

/**
 * Wall-clock fields in `timeZone` → the instant: try the zone's offsets around that time and keep
 * those that give back the same wall clock. A time that a DST change skips does not exist and is
 * refused; a time it repeats takes the earlier instant.
 */
function toInstant(value: string, expected: string, f: Fields, timeZone: string): Date {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== f.year ||
    check.getUTCMonth() !== f.month - 1 ||
    check.getUTCDate() !== f.day ||
    check.getUTCHours() !== f.hour ||
    check.getUTCMinutes() !== f.minute ||
    check.getUTCSeconds() !== f.second
  ) {
    throw new DateFormatError('totalmobile', value, expected, 'no such day or time');
  }
  if (timeZone === 'UTC') return check;
  const offsetAt = (instant: number) => {
    const wall = wallClock(new Date(instant), timeZone, expected);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - instant;
  };
  // The zone's offsets a day either side cover both sides of any DST change near this time.
  const candidates = [asUtc - 86_400_000, asUtc, asUtc + 86_400_000].map((near) => asUtc - offsetAt(near));
  const exact = candidates.filter((instant) => offsetAt(instant) + instant === asUtc).sort((a, b) => a - b);
  if (exact.length === 0) throw new DateFormatError('totalmobile', value, expected, `that time does not exist in ${timeZone} (a daylight-saving change skips it)`);
  return new Date(exact[0]!);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(date: Date, timeZone: string, expected: string): Fields {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new DateFormatError('totalmobile', String(date), expected, 'not a valid Date');
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DateFormatError('totalmobile', timeZone, expected, `unknown time zone ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  const fields = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  if (fields.year < 1000 || fields.year > 9999 || parts.era !== undefined) throw new DateFormatError('totalmobile', date.toISOString(), expected, 'the year must have four digits');
  return fields;
}
