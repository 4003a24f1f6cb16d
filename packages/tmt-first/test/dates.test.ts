/** RFC 1123 dates: strict parsing, exact formatting, round trips. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateFormatError, formatDateFilter, formatHttpDate, parseHttpDate } from '../src/index.js';

describe('parseHttpDate', () => {
  it.each([
    ['Tue, 23 Apr 2024 09:30:00 GMT', '2024-04-23T09:30:00.000Z'],
    ['Wed, 08 May 2024 07:43:24 GMT', '2024-05-08T07:43:24.000Z'],
    ['Thu, 29 Feb 2024 23:59:59 GMT', '2024-02-29T23:59:59.000Z'],
    ['Sat, 01 Jan 2000 00:00:00 GMT', '2000-01-01T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseHttpDate(text).toISOString()).toBe(iso);
  });

  it.each([
    ['2024-04-23T09:30:00Z', 'the form does not match'],
    ['Tue, 23 Apr 2024 09:30:00 UTC', 'the form does not match'],
    ['Tue, 23 Apr 2024 09:30:00 +0000', 'the form does not match'],
    ['Tue, 3 Apr 2024 09:30:00 GMT', 'the form does not match'],
    ['tue, 23 apr 2024 09:30:00 GMT', 'the form does not match'],
    ['Tuesday, 23-Apr-24 09:30:00 GMT', 'the form does not match'], // RFC 850
    ['Tue Apr 23 09:30:00 2024', 'the form does not match'], // asctime
    [' Tue, 23 Apr 2024 09:30:00 GMT', 'the form does not match'],
    ['', 'the form does not match'],
    ['Wed, 31 Apr 2024 09:30:00 GMT', 'no such day or time'],
    ['Thu, 29 Feb 2023 09:30:00 GMT', 'no such day or time'],
    ['Tue, 23 Apr 2024 24:00:00 GMT', 'no such day or time'],
    ['Tue, 23 Apr 2024 09:60:00 GMT', 'no such day or time'],
    ['Mon, 23 Apr 2024 09:30:00 GMT', 'that day is a Tue, not a Mon'],
  ])('%s → DateFormatError (%s)', (text, why) => {
    const error = (() => {
      try {
        parseHttpDate(text);
      } catch (e) {
        return e;
      }
      throw new Error('expected a DateFormatError');
    })();
    expect(error).toBeInstanceOf(DateFormatError);
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain('RFC 1123');
  });

  it('a non-string is refused clearly', () => {
    expect(() => parseHttpDate(undefined as unknown as string)).toThrow(/undefined is not a date in RFC 1123/);
  });
});

describe('formatHttpDate / formatDateFilter', () => {
  it('format the forms TMT uses', () => {
    const date = new Date('2024-04-23T09:30:00.789Z');
    expect(formatHttpDate(date)).toBe('Tue, 23 Apr 2024 09:30:00 GMT');
    expect(formatDateFilter(date)).toBe('2024-04-23');
    expect(() => formatHttpDate(new Date(Number.NaN))).toThrow(DateFormatError);
    expect(() => formatDateFilter(new Date('+012345-01-01T00:00:00Z'))).toThrow(/four digits/);
  });

  it('round trip: every second from year 1000 to 9999 formats and parses back to itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
        expect(parseHttpDate(formatHttpDate(seconds)).getTime()).toBe(seconds.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});
