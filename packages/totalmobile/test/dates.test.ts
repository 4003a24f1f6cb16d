/** yyyy-MM-dd and yyyy-MM-dd HH:mm:ss ↔ Date: strict, in UTC or an IANA zone, DST-aware. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateFormatError, formatDate, formatLocalDateTime, parseDate, parseLocalDateTime } from '../src/index.js';

const LONDON = { timeZone: 'Europe/London' };

describe('parseLocalDateTime', () => {
  it('reads the wall clock in UTC by default, or in the zone given', () => {
    expect(parseLocalDateTime('2018-05-07 13:45:00').toISOString()).toBe('2018-05-07T13:45:00.000Z');
    expect(parseLocalDateTime('2018-05-07 13:45:00', LONDON).toISOString()).toBe('2018-05-07T12:45:00.000Z'); // BST
    expect(parseLocalDateTime('2018-01-07 13:45:00', LONDON).toISOString()).toBe('2018-01-07T13:45:00.000Z'); // GMT
    expect(parseLocalDateTime('2024-07-01 09:00:00', { timeZone: 'America/New_York' }).toISOString()).toBe('2024-07-01T13:00:00.000Z');
  });

  it('a time the spring-forward change skips is refused; a repeated autumn time takes the earlier instant', () => {
    expect(() => parseLocalDateTime('2024-03-31 01:30:00', LONDON)).toThrow(/does not exist in Europe\/London/);
    expect(parseLocalDateTime('2024-10-27 01:30:00', LONDON).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it.each([
    ['2018-05-07T13:45:00', 'the form does not match'],
    ['2018-05-07 13:45', 'the form does not match'],
    ['2018-05-07', 'the form does not match'],
    ['07/05/2018 13:45:00', 'the form does not match'],
    ['2018-5-7 13:45:00', 'the form does not match'],
    ['2018-05-07 13:45:00Z', 'the form does not match'],
    ['2018-02-30 10:00:00', 'no such day or time'],
    ['2018-13-01 10:00:00', 'no such day or time'],
    ['2018-05-07 24:00:00', 'no such day or time'],
    ['2018-05-07 23:59:60', 'no such day or time'],
  ])('%s → DateFormatError (%s)', (text, why) => {
    expect(() => parseLocalDateTime(text)).toThrow(DateFormatError);
    expect(() => parseLocalDateTime(text)).toThrow(why);
    expect(() => parseLocalDateTime(text)).toThrow('yyyy-MM-dd HH:mm:ss');
  });

  it('an unknown time zone is a clear error', () => {
    expect(() => parseLocalDateTime('2018-05-07 13:45:00', { timeZone: 'Europe/Atlantis' })).toThrow(/unknown time zone "Europe\/Atlantis"/);
  });
});

describe('parseDate / formatDate / formatLocalDateTime', () => {
  it('dates are midnight in the zone; formatting reads the zone’s wall clock', () => {
    expect(parseDate('2018-05-07').toISOString()).toBe('2018-05-07T00:00:00.000Z');
    expect(parseDate('2018-05-07', LONDON).toISOString()).toBe('2018-05-06T23:00:00.000Z');
    expect(() => parseDate('2018-05-07 00:00:00')).toThrow(/yyyy-MM-dd: the form/);
    expect(() => parseDate('2019-02-29')).toThrow(/no such day/);
    const instant = new Date('2018-05-06T23:30:15.900Z');
    expect(formatDate(instant)).toBe('2018-05-06');
    expect(formatDate(instant, LONDON)).toBe('2018-05-07');
    expect(formatLocalDateTime(instant)).toBe('2018-05-06 23:30:15');
    expect(formatLocalDateTime(instant, LONDON)).toBe('2018-05-07 00:30:15');
    expect(() => formatDate(new Date(Number.NaN))).toThrow(DateFormatError);
  });

  it('round trip in UTC and London: format then parse gives the same second', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom('UTC', 'Europe/London'),
        (date, timeZone) => {
          const second = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const text = formatLocalDateTime(second, { timeZone });
          const back = parseLocalDateTime(text, { timeZone });
          // In a repeated autumn hour the earlier instant is chosen; both read as the same wall clock.
          expect(formatLocalDateTime(back, { timeZone })).toBe(text);
          if (timeZone === 'UTC') expect(back.getTime()).toBe(second.getTime());
          else expect(second.getTime() - back.getTime()).toSatisfy((d: number) => d === 0 || d === 3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
