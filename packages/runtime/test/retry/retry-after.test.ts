/**
 * Issue 11 item 12, "Retry-After is parsed strictly (RFC 9110 §10.2.3)": delay-seconds and the
 * three HTTP-date forms are read exactly; everything else is no hint at all, so the client falls
 * back to its normal backoff instead of retrying at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/index.js';
import { parseHttpDate, parseRetryAfter } from '../../src/retry/retry-after.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';
import { acmeClient } from '../support/client.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const time = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

const imf = (d: Date) => `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time(d)} GMT`;
const rfc850 = (d: Date) => `${LONG_DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${time(d)} GMT`;
const asctime = (d: Date) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${d.getUTCFullYear()}`;

/** Whole seconds, within the window where rfc850's two-digit year is unambiguous. */
const dates = fc.integer({ min: Date.UTC(1977, 0, 1) / 1000, max: Date.UTC(2076, 0, 1) / 1000 }).map((s) => new Date(s * 1000));

/** Values that are neither delay-seconds nor an HTTP-date, many of which Date.parse reads. */
const junk = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }).map((n) => `-${n}`),
  fc.tuple(fc.nat(99), fc.nat(99)).map(([a, b]) => `${a} ${b}`),
  fc.tuple(fc.nat(99), fc.nat(99)).map(([a, b]) => `${a}, ${b}`),
  fc.tuple(fc.nat(99), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.constantFrom('June', 'May', 'Jan', 'December'), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m} ${d}`),
  dates.map((d) => d.toISOString()),
  dates.map((d) => d.toString()),
  dates.map((d) => imf(d).toLowerCase()),
  dates.map((d) => imf(d).replace('GMT', 'UTC')),
  dates.map((d) => imf(d).replace(/^\w+, /, '')),
  dates.map((d) => imf(d).replace(/, (\d\d) /, ', $1  ')),
  dates.map((d) => asctime(d).replace(/ GMT$| (\d{4})$/, ' GMT $1')),
  fc.constantFrom('+5', '5s', '0x10', '1e3', 'soon', '', 'NaN', 'Infinity', 'Sun, 31 Feb 2027 00:00:00 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT', 'Sun, 06 Nov 1994 08:61:00 GMT'),
);

describe('Retry-After is parsed strictly (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds (digits only, leading zeros allowed) as that many seconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 2 }), (n, zeros) => {
        expect(parseRetryAfter(`${'0'.repeat(zeros)}${n}`, NOW)).toBe(n * 1000);
      }),
      { seed: 11_201, numRuns: 200 },
    );
  });

  it('reads each HTTP-date form (IMF-fixdate, rfc850, asctime) as the exact instant', () => {
    fc.assert(
      fc.property(dates, fc.constantFrom(imf, rfc850, asctime), (d, form) => {
        expect(parseHttpDate(form(d), NOW)).toBe(d.getTime());
        expect(parseRetryAfter(form(d), NOW)).toBe(Math.max(0, d.getTime() - NOW));
      }),
      { seed: 11_202, numRuns: 500 },
    );
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Wed, 31 Dec 2025 23:59:60 GMT', NOW)).toBe(Date.UTC(2026, 0, 1)); // leap second
  });

  it('ignores everything else (no hint, never a 0 ms wait)', () => {
    fc.assert(
      fc.property(junk, (value) => {
        expect(parseRetryAfter(value, NOW), JSON.stringify(value)).toBeUndefined();
        expect(retryAfterMs({ 'retry-after': value }, NOW)).toBeUndefined();
      }),
      { seed: 11_203, numRuns: 1_000 },
    );
  });

  it('a 503 with a junk Retry-After waits the normal backoff before its retry', async () => {
    await fc.assert(
      fc.asyncProperty(
        junk.filter((v) => v !== ''),
        async (value) => {
          const sleeps: number[] = [];
          const seen = observedFetch(() => (seen.requests.length === 1 ? json({ error: 'busy' }, 503, { 'retry-after': value }) : json({ id: 1, name: 'ok' })));
          const client = acmeClient({ fetch: seen.fetch, random: () => 0, now: () => NOW, sleep: async (ms) => void sleeps.push(ms) });
          await client.getItem({ path: { id: 1 } });
          expect(sleeps).toEqual([500]);
        },
      ),
      { seed: 11_204, numRuns: 100 },
    );
  });
});
