/** The default idempotency store: one process, in memory (see `IdempotencyStore` for the contract). */
import type { ClaimResult, IdempotencyStore } from './idempotency.js';

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
 * One process, lost on restart (a duplicate after a restart runs the work again). Use a shared,
 * durable store when you run several processes or cannot repeat side effects.
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
