/**
 * A vendor that enforces its rate limit strictly, for the fault rig: every request that arrives
 * when `limit` requests already arrived in the last `windowMs` (by the server's own clock) is
 * answered 429. Tests assert `rejected` is empty and read `arrivals` to check every window.
 */
import type { LedgerEntry, Step } from './fault-server.js';

export interface StrictWindow {
  /** Pass as `rig.fallback`, or call from your own fallback. */
  readonly handle: (entry: LedgerEntry) => Step;
  /** Arrival times of accepted requests (`performance.now()` of the server's process). */
  readonly arrivals: number[];
  /** Requests answered 429. */
  readonly rejected: LedgerEntry[];
  /** The most accepted requests that arrived within any window of `windowMs`. */
  maxInAnyWindow(): number;
}

export function strictWindow(options: { limit: number; windowMs: number; answer?: (entry: LedgerEntry) => Step }): StrictWindow {
  const arrivals: number[] = [];
  const rejected: LedgerEntry[] = [];
  return {
    arrivals,
    rejected,
    handle(entry) {
      const t = performance.now();
      let inWindow = 0;
      for (let i = arrivals.length - 1; i >= 0 && arrivals[i]! > t - options.windowMs; i--) inWindow++;
      if (inWindow >= options.limit) {
        rejected.push(entry);
        return { status: 429, headers: { 'retry-after': String(Math.ceil(options.windowMs / 1000)) }, body: { error: 'rate limit exceeded' } };
      }
      arrivals.push(t);
      return options.answer?.(entry) ?? {};
    },
    maxInAnyWindow() {
      let max = 0;
      for (let i = 0, j = 0; i < arrivals.length; i++) {
        while (arrivals[j]! <= arrivals[i]! - options.windowMs) j++;
        max = Math.max(max, i - j + 1);
      }
      return max;
    },
  };
}
