/**
 * Deduplication of pingback deliveries. AT&T Tool retries a pingback until it gets 200, so the
 * same order can arrive several times, even concurrently. The receiver runs your handler once per
 * key and answers every delivery 200 once that run has succeeded.
 */

/** What a claim found. */
export type ClaimResult =
  /** The caller owns the key until its lease ends: run the handler, then `complete` or `release`. */
  | 'acquired'
  /** The handler already succeeded for this key: answer 200, run nothing. */
  | 'completed'
  /** Another delivery holds a live lease: wait (`waitFor`, or claim again later). */
  | 'pending';

/**
 * The contract a store must keep (an in-memory one is the default; back it with Redis `SET NX PX`,
 * a SQL unique key or a DynamoDB conditional write to share it between processes):
 *
 * 1. `claim(key, leaseMs)` is atomic: of any number of concurrent claims on a key that is neither
 *    completed nor leased, exactly one returns `'acquired'`; the others see `'pending'`.
 * 2. A lease ends after `leaseMs` (the holder crashed): the key may then be acquired again.
 * 3. `complete(key)` is durable: from then on every claim returns `'completed'` (keep keys for at
 *    least as long as the vendor may redeliver; days, not minutes).
 * 4. `release(key)` (the handler failed) drops the lease so a redelivery can acquire it.
 * 5. `waitFor(key, signal)` is optional: it resolves when the key is completed or released (or the
 *    signal aborts). Without it, the receiver claims again with a short backoff.
 */
export interface IdempotencyStore {
  claim(key: string, leaseMs: number): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
  waitFor?(key: string, signal: AbortSignal): Promise<void>;
}

interface Entry {
  state: 'leased' | 'completed';
  leaseEndsAt: number;
  waiters: Array<() => void>;
}

export interface MemoryIdempotencyStoreOptions {
  /** The clock for leases; injectable for tests. @default Date.now */
  now?: () => number;
  /** Completed keys kept (oldest forgotten first), so memory stays bounded. @default 100000 */
  maxCompleted?: number;
}

/**
 * The default store: one process, lost on restart (a redelivery after a restart runs the handler
 * again). Use a shared, durable store when you run several receivers or cannot repeat side effects.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #completedOrder: string[] = [];
  readonly #now: () => number;
  readonly #maxCompleted: number;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxCompleted = options.maxCompleted ?? 100_000;
  }

  async claim(key: string, leaseMs: number): Promise<ClaimResult> {
    const entry = this.#entries.get(key);
    if (entry?.state === 'completed') return 'completed';
    if (entry && entry.leaseEndsAt > this.#now()) return 'pending';
    this.#entries.set(key, { state: 'leased', leaseEndsAt: this.#now() + leaseMs, waiters: entry?.waiters ?? [] });
    return 'acquired';
  }

  async complete(key: string): Promise<void> {
    // A copy: each waiter removes itself from the list as it wakes.
    const waiters = [...(this.#entries.get(key)?.waiters ?? [])];
    this.#entries.set(key, { state: 'completed', leaseEndsAt: Infinity, waiters: [] });
    this.#completedOrder.push(key);
    while (this.#completedOrder.length > this.#maxCompleted) this.#entries.delete(this.#completedOrder.shift()!);
    for (const wake of waiters) wake();
  }

  async release(key: string): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry?.state !== 'leased') return;
    this.#entries.delete(key);
    for (const wake of [...entry.waiters]) wake();
  }

  waitFor(key: string, signal: AbortSignal): Promise<void> {
    const entry = this.#entries.get(key);
    if (!entry || entry.state === 'completed' || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        const at = entry.waiters.indexOf(done);
        if (at >= 0) entry.waiters.splice(at, 1);
        resolve();
      };
      entry.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
