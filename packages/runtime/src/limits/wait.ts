/** Abortable waiting, shared by retries and the rate limiter. */

/** The default `sleep`: a timer, cleared when `signal` fires. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or a rejection with `signal.reason` as soon as `signal` fires (whatever `promise` does). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // its own rejection (if any) is superseded by the abort
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * `promise`, or a rejection once `ms` real milliseconds pass (a store that does not answer). The
 * rejection waits for the event loop's next I/O pass: after a busy stretch the timer fires before
 * an answer that has already arrived is read, and that answer must win.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), 0)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
