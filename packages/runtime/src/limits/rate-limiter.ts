/**
 * The client's side of a rate limit (`x-rate-limit`): callers queue in order (FIFO) and the one
 * at the head asks the store for a slot, waiting as long as the store says when the window is
 * full. A sliding window (see `MemoryRateLimitStore`), never a fixed-window counter, which
 * allows 2 × limit across a window boundary.
 *
 * Deadlines hold in the queue: when the head learns that no slot opens before time T, every
 * queued caller whose deadline is before T fails at once (it cannot be served earlier than the
 * head). A store that fails or does not answer within `STORE_TIMEOUT_MS` is skipped for
 * `STORE_RETRY_MS`: this client then limits on its own (a local window with the same limit) and
 * reports `onStoreError`, so a dead Redis slows nothing down and stalls nothing.
 */
import { MemoryRateLimitStore, type RateLimitGrant, type RateLimitRequest, type RateLimitStore } from './rate-limit-store.js';
import { abortable, withTimeout } from './wait.js';

/** The longest a store call may take before the client stops waiting for it. @unit milliseconds */
export const STORE_TIMEOUT_MS = 1_000;
/** After a store failure, how long the client uses its local fallback before asking the store again. @unit milliseconds */
export const STORE_RETRY_MS = 1_000;

/** Thrown when the wait for a slot would pass the caller's deadline. */
export class RateLimitWaitExceedsDeadline extends Error {
  constructor(readonly waitMs: number) {
    super(`rate-limit wait of ${waitMs} ms exceeds the deadline`);
  }
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Absolute time (the limiter's monotonic clock) the slot must be granted by. */
  deadlineAt?: number;
  /** Called before each wait. */
  onWait?: (delayMs: number) => void;
}

/** A granted slot; `settle()` when the attempt has ended (answered or failed). */
export interface Permit {
  settle(): void;
}

export interface RateLimiterOptions {
  store?: RateLimitStore;
  /** Resolved once: `vendor` + a hash of the credentials (see `credentialKey`). */
  key: () => Promise<string>;
  limit: number;
  windowMs: number;
  monotonicNow: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The shared store failed; the local fallback answers instead. */
  onStoreError?: (operation: 'take' | 'settle', error: unknown) => void;
}

interface Waiter {
  deadlineAt: number | undefined;
  fail(error: unknown): void;
}

export class RateLimiter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly queue = new Set<Waiter>();
  private readonly local: MemoryRateLimitStore;
  private readonly shared: RateLimitStore | undefined;
  private storeDownUntil = -Infinity;

  constructor(private readonly options: RateLimiterOptions) {
    this.local = new MemoryRateLimitStore({ monotonicNow: options.monotonicNow });
    // A MemoryRateLimitStore given by the user is answered directly (it cannot fail).
    this.shared = options.store;
  }

  /** Resolves with a slot when one request may be sent (it counts as sent from now). */
  acquire(options: AcquireOptions = {}): Promise<Permit> {
    const { signal, deadlineAt } = options;
    let fail!: (error: unknown) => void;
    const early = new Promise<never>((_, reject) => (fail = reject));
    early.catch(() => undefined);
    const waiter: Waiter = { deadlineAt, fail };
    let settled = false;
    this.queue.add(waiter);
    const turn = this.tail.then(async () => {
      this.queue.delete(waiter);
      if (settled) return undefined; // gave up while queued
      return this.serve(options);
    });
    this.tail = turn.catch(() => undefined);
    return abortable(Promise.race([turn as Promise<Permit>, early]), signal).finally(() => {
      settled = true;
      this.queue.delete(waiter);
    });
  }

  private async serve({ signal, deadlineAt, onWait }: AcquireOptions): Promise<Permit> {
    const request = await this.request();
    // Bounded: each pass is granted or waits for the store's retryInMs (at least 1 ms).
    for (let pass = 0; pass < 100_000; pass++) {
      if (signal?.aborted) throw signal.reason;
      const t = this.options.monotonicNow();
      const { grant, store } = await this.take(request);
      if (grant.granted) return this.permit(store, request, grant.permit);
      const wait = Math.max(1, Math.ceil(grant.retryInMs));
      if (deadlineAt !== undefined && t + wait > deadlineAt) throw new RateLimitWaitExceedsDeadline(wait);
      // Nobody behind the head can be served before it: fail those whose deadline comes first.
      for (const w of this.queue) {
        if (w.deadlineAt !== undefined && t + wait > w.deadlineAt) {
          this.queue.delete(w);
          w.fail(new RateLimitWaitExceedsDeadline(wait));
        }
      }
      onWait?.(wait);
      await abortable(this.options.sleep(wait, signal), signal);
    }
    throw new Error('rate limiter: the clock does not advance');
  }

  private requestPromise: Promise<RateLimitRequest> | undefined;
  private request(): Promise<RateLimitRequest> {
    return (this.requestPromise ??= this.options.key().then((key) => ({ key, limit: this.options.limit, windowMs: this.options.windowMs })));
  }

  private async take(request: RateLimitRequest): Promise<{ grant: RateLimitGrant; store: RateLimitStore }> {
    const shared = this.shared;
    if (shared && this.options.monotonicNow() >= this.storeDownUntil) {
      try {
        return { grant: await withTimeout(shared.take(request), STORE_TIMEOUT_MS, 'rate-limit store'), store: shared };
      } catch (error) {
        this.storeDownUntil = this.options.monotonicNow() + STORE_RETRY_MS;
        this.options.onStoreError?.('take', error);
      }
    }
    return { grant: this.local.takeNow(request), store: this.local };
  }

  private permit(store: RateLimitStore, request: RateLimitRequest, permit: string): Permit {
    let done = false;
    return {
      settle: () => {
        if (done) return;
        done = true;
        withTimeout(store.settle(request, permit), STORE_TIMEOUT_MS, 'rate-limit store').catch((error: unknown) => this.options.onStoreError?.('settle', error));
      },
    };
  }
}
