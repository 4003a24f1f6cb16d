/**
 * Where a `cachedToken` keeps its token so that several clients (processes, containers) share
 * it: `redisTokenStore` from `@vendor-contracts/runtime/redis`, or your own. The contract:
 * - `get` never returns a token past the time-to-live it was `set` with (the store expires it,
 *   on its own clock, so process clocks never matter);
 * - `lock` is a lease: at most one holder per key until it is released or `leaseMs` passes;
 * - `invalidate(key, token)` deletes the entry only while it still holds `token`
 *   (compare-and-delete), so N processes that saw the same 401 cause one renewal, not N.
 * A store that throws or does not answer is skipped: the client fetches its own token.
 */
export interface StoredToken {
  token: string;
  /** Time left before the token must be renewed. @unit milliseconds */
  ttlMs: number;
}

export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: string, ttlMs: number): Promise<void>;
  invalidate(key: string, token: string): Promise<void>;
  /** Take the lock of `key` for `leaseMs`: its release, or `undefined` while another holder has it. */
  lock(key: string, leaseMs: number): Promise<(() => Promise<void>) | undefined>;
}
