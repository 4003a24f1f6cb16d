/**
 * Client-side rate limit (`x-rate-limit`): a sliding-window log. A request may leave only when
 * fewer than `limit` requests left in the last `windowMs`, so no window of that length ever
 * carries more than `limit` — unlike a fixed-window counter, which allows 2 × limit across a
 * window boundary. Callers queue in order (FIFO); a queued caller can abort without blocking
 * the others. One limiter per client: several processes sharing a quota must split it.
 */
import { abortable } from './wait.js';

/** Thrown when the wait for a slot would pass the caller's deadline. */
export class RateLimitWaitExceedsDeadline extends Error {
  constructor(readonly waitMs: number) {
    super(`rate-limit wait of ${waitMs} ms exceeds the deadline`);
  }
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Absolute time (same clock as `now`) the slot must be granted by. */
  deadlineAt?: number;
  /** Called before each wait. */
  onWait?: (delayMs: number) => void;
}

export class SlidingWindowLimiter {
  /** Send times within the last window, oldest first (at most `limit`). */
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ) {}

  /** Resolves when one request may be sent, and counts it as sent. */
  acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal, deadlineAt, onWait } = options;
    const turn = this.tail.then(async () => {
      // Bounded: each pass either grants a slot or waits until the oldest send leaves the window.
      for (let pass = 0; pass < 1_000; pass++) {
        if (signal?.aborted) throw signal.reason;
        const t = this.now();
        while (this.sent.length && this.sent[0]! <= t - this.windowMs) this.sent.shift();
        if (this.sent.length < this.limit) {
          this.sent.push(t);
          return;
        }
        const wait = this.sent[0]! + this.windowMs - t;
        if (deadlineAt !== undefined && t + wait > deadlineAt) throw new RateLimitWaitExceedsDeadline(wait);
        onWait?.(wait);
        await abortable(this.sleep(wait, signal), signal);
      }
      throw new Error('rate limiter: the clock does not advance');
    });
    this.tail = turn.catch(() => undefined);
    return abortable(turn, signal);
  }
}
