/**
 * One call's abort plumbing: at most one AbortController and one timer at a time, and only when
 * something can abort an attempt (a timer that can fire, or the caller's signal). Attempts reuse
 * the controller until one is aborted; the caller's signal gets one listener for the whole call
 * instead of an `AbortSignal.any` per attempt.
 */

/** setTimeout's largest delay; a longer one would fire at once (Node, browsers and workerd alike). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class CallSignal {
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #listening = false;
  readonly #caller: AbortSignal | undefined;

  constructor(caller: AbortSignal | undefined) {
    this.#caller = caller;
  }

  /** Whether the current attempt's timer fired. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * The signal for the next attempt, which aborts after `ms` (no timer when `ms` is not a delay a
   * timer can wait) or when the caller aborts. Undefined when nothing can abort the attempt.
   */
  arm(ms: number): AbortSignal | undefined {
    this.#timedOut = false;
    const timed = ms <= MAX_TIMER_MS;
    // Only the caller can abort: its own signal serves, nothing to create.
    if (!timed) return this.#caller;
    if (!this.#controller || this.#controller.signal.aborted) this.#controller = new AbortController();
    if (this.#caller && !this.#listening) {
      this.#listening = true;
      this.#caller.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    const controller = this.#controller;
    this.#timer = setTimeout(
      () => {
        this.#timedOut = true;
        controller.abort();
      },
      Math.max(0, ms),
    );
    return controller.signal;
  }

  /** The attempt ended: stop its timer. */
  disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The call ended: stop listening to the caller's signal. */
  close(): void {
    this.disarm();
    if (this.#listening) this.#caller!.removeEventListener('abort', this.#onCallerAbort);
  }

  readonly #onCallerAbort = (): void => {
    this.#controller?.abort(this.#caller!.reason);
  };
}
