/**
 * The binding-store contract: a write-once map from a key to a value (e.g. a webhook reference to
 * the order it was issued for), shared between processes by the durable backends. Structurally the
 * same as a vendor package's webhook binding store.
 */
import { VendorContractsError } from '../errors.js';
import { brandClasses } from '../internal/brand.js';

export interface BindingStore {
  /** Record that `key` belongs to `value`. The same pair again: no-op. Another value for a bound key: `BindingConflictError`. */
  bind(key: string, value: string): Promise<void>;
  /** The value bound to `key`, or undefined if none is recorded. */
  get(key: string): Promise<string | undefined>;
}

/** `bind` found the key already bound to another value; nothing was changed. */
export class BindingConflictError extends VendorContractsError {
  constructor(readonly key: string) {
    super(`The key is already bound to another value`);
  }
}

brandClasses({ BindingConflictError });
