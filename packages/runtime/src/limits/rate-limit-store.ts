/**
 * Where a rate limit's count lives. The client asks the store for a slot before every attempt
 * (retries included) and settles the slot when the attempt ends; the store answers for every
 * client that shares it (one process with `MemoryRateLimitStore`, a fleet with the Redis store
 * of `@vendor-contracts/runtime/redis`).
 *
 * The contract, for any store: within any sliding window of `windowMs`, at most `limit` slots
 * of one `key` are live, where a slot counts from its grant and, once settled, from its
 * settlement instead (the latest moment its request can have reached the vendor). A store that
 * cannot answer throws (or times out): the client then falls back to a local store and says so
 * through `hooks.onStoreError`.
 */

export interface RateLimitRequest {
  /** The quota's identity: vendor + a hash of the credential (never the credential itself). */
  key: string;
  /** Slots allowed in any window. */
  limit: number;
  /** The window's length. @unit milliseconds */
  windowMs: number;
}

export type RateLimitGrant =
  | { granted: true /** Identifies the slot for `settle`. */; permit: string }
  | { granted: false /** When to ask again (the oldest slot leaves the window then). @unit milliseconds */; retryInMs: number };

export interface RateLimitStore {
  /** Take a slot now if the window has room; otherwise say how long until it may have. */
  take(request: RateLimitRequest): Promise<RateLimitGrant>;
  /** The attempt under `permit` ended: count its slot from now. */
  settle(request: RateLimitRequest, permit: string): Promise<void>;
}

export interface MemoryRateLimitStoreOptions {
  /**
   * The clock windows are measured on (intervals only, so monotonic); injectable for tests.
   * @default performance.now
   */
  monotonicNow?: () => number;
}

/**
 * A sliding-window log per key, in this process. Share one instance between clients that use
 * the same quota (two clients with the same API key); the default is one per client.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly logs = new Map<string, Array<{ permit: string; at: number }>>();
  private readonly now: () => number;
  private next = 0;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.now = options.monotonicNow ?? (() => performance.now());
  }

  async take(request: RateLimitRequest): Promise<RateLimitGrant> {
    return this.takeNow(request);
  }

  /** `take` without the promise (the client's fallback path uses it directly). */
  takeNow({ key, limit, windowMs }: RateLimitRequest): RateLimitGrant {
    const t = this.now();
    const log = this.prune(key, t, windowMs);
    if (log.length < limit) {
      const permit = String(++this.next);
      log.push({ permit, at: t });
      return { granted: true, permit };
    }
    // Entries are kept in time order (grants and settlements only ever append `now`).
    return { granted: false, retryInMs: log[0]!.at + windowMs - t };
  }

  async settle(request: RateLimitRequest, permit: string): Promise<void> {
    const log = this.logs.get(request.key);
    const i = log?.findIndex((e) => e.permit === permit) ?? -1;
    if (!log || i === -1) return;
    log.splice(i, 1);
    log.push({ permit, at: this.now() });
  }

  private prune(key: string, t: number, windowMs: number): Array<{ permit: string; at: number }> {
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = []));
    let drop = 0;
    while (drop < log.length && log[drop]!.at <= t - windowMs) drop++;
    if (drop) log.splice(0, drop);
    return log;
  }
}
