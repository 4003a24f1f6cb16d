/**
 * `Retry-After`, read strictly as RFC 9110 §10.2.3 defines it: `delay-seconds` (1*DIGIT) or an
 * HTTP-date (§5.6.7) in one of its three forms. Anything else is not a hint (the caller's normal
 * backoff applies): `Date.parse` would read `-1`, `1 2` or `June 1` as dates long past, i.e. a
 * 0 ms wait, and retries would fire with no backoff at all.
 *
 * Hand-written: no maintained package parses exactly these forms (the candidates wrap
 * `Date.parse` or `new Date()`, which accept far more).
 */

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_LONG = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete) */
const RFC850_DATE = new RegExp(`^${DAY_LONG}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (obsolete, ANSI C asctime) */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * The wait a `Retry-After` value asks for, in milliseconds from `now` (never negative), or
 * undefined when the value is neither delay-seconds nor an HTTP-date.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  // Optional whitespace around a field value is not part of it (RFC 9110 §5.5).
  const text = value.replace(/^[\t ]+|[\t ]+$/g, '');
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** An HTTP-date as milliseconds since the epoch, or undefined. `now` places rfc850's two-digit year. */
export function parseHttpDate(text: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[4]), m[3]!, Number(m[2]), m[5]!, m[6]!, m[7]!);
  m = RFC850_DATE.exec(text);
  if (m) {
    // §5.6.7: a two-digit year more than 50 years in the future is the most recent past year with those digits.
    const current = new Date(now).getUTCFullYear();
    let year = current - (current % 100) + Number(m[4]);
    if (year > current + 50) year -= 100;
    return utc(year, m[3]!, Number(m[2]), m[5]!, m[6]!, m[7]!);
  }
  m = ASCTIME_DATE.exec(text);
  if (m) return utc(Number(m[7]), m[2]!, Number(m[3]!.trim()), m[4]!, m[5]!, m[6]!);
  return undefined;
}

function utc(year: number, month: string, day: number, hh: string, mm: string, ss: string): number | undefined {
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss)];
  // 23:59:60 is a leap second (§5.6.7); anything else out of range is not a time of day.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const monthIndex = MONTHS.indexOf(month);
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, monthIndex, day); // unlike Date.UTC, keeps years 0–99 as they are
  if (midnight.getUTCMonth() !== monthIndex || midnight.getUTCDate() !== day) return undefined; // 31 Feb
  return midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
}
