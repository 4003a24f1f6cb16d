/**
 * `maxConcurrency`: at most `max` attempts of one client in flight; the others wait in order
 * (FIFO), each abortable and bounded by its deadline. A finished attempt hands its slot straight
 * to the next waiter, so the cap also bounds open connections.
 */

/** Thrown when a caller's deadline passes while it waits for a slot. */
export class ConcurrencyWaitExceedsDeadline extends Error {
  constructor(readonly waitedMs: number) {
    super(`waited ${waitedMs} ms for a concurrency slot: the deadline passed`);
  }
}

interface Waiter {
  grant(release: () => void): void;
}

export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly max: number) {}

  /**
   * Resolves with a release function once a slot is free. `deadlineMs` bounds the wait in real
   * time (a timer; the deadline's remaining time on the client's clock).
   */
  acquire(signal?: AbortSignal, deadlineMs?: number): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const leave = () => {
        const i = this.waiters.indexOf(waiter);
        if (i !== -1) this.waiters.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          leave();
          resolve(release);
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (deadlineMs !== undefined && Number.isFinite(deadlineMs)) {
        timer = setTimeout(
          () => {
            leave();
            reject(new ConcurrencyWaitExceedsDeadline(deadlineMs));
          },
          Math.max(0, deadlineMs),
        );
      }
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant(this.releaser());
      else this.active--;
    };
  }
}
