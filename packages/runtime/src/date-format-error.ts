/**
 * The one error of every vendor's date helpers (TMT First's RFC 1123, Totalmobile's
 * `yyyy-MM-dd HH:mm:ss`, …): a string that is not the vendor's date form, or a time zone that does
 * not exist. One class, so `instanceof DateFormatError` holds whichever vendor threw it.
 */
import { VendorContractsError } from './errors.js';
import { brandClasses } from './internal/brand.js';

/** The longest part of the rejected value a message shows (a date is short; anything longer is cut). */
const SHOWN_CHARACTERS = 40;

export class DateFormatError extends VendorContractsError {
  /** The expected form, e.g. `RFC 1123 (Tue, 23 Apr 2024 09:30:00 GMT)` or `yyyy-MM-dd HH:mm:ss`. */
  readonly expected: string;

  constructor(vendor: string, value: unknown, expected: string, why: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value) : typeof value;
    super(`${vendor}: ${shown} is not a date in ${expected}: ${why}`, { vendor });
    this.expected = expected;
  }
}
brandClasses({ DateFormatError });
