/**
 * Polling: reading something again until it is what the caller waits for. Every vendor workflow
 * that waits (TMT First's `followJob`, AT&T Tool's `waitForOrder`) waits with this one loop, so
 * they share one option set and one timeout error.
 *
 * Bounded in count (`maxAttempts` reads, exactly) and in time (`timeout`): a wait that would pass
 * the timeout is not started. Elapsed time is the larger of what the clock says and the sum of the
 * waits already slept, so a clock that jumps back cannot stretch the bound and one that jumps
 * forward only ends the polling early. `signal` stops it at once, also during a wait.
 */
import { AbortError, ConfigError, type ErrorContext, VendorContractsError } from '../errors.js';
import { brandClasses } from '../internal/brand.js';
import { defaultSleep } from '../limits/wait.js';

/** The options every polling workflow takes, with the same names in every vendor package. */
export interface PollOptions<T> {
  /** Stop polling (→ `AbortError`), also during a wait between reads. */
  signal?: AbortSignal;
  /**
   * Wait after the first read; each later wait is `factor` times the one before, up to `maxInterval`.
   * @default 1000 (each workflow documents its own)
   * @unit milliseconds
   */
  interval?: number;
  /** Growth of the wait from one read to the next. @default 1 (a constant interval) */
  factor?: number;
  /**
   * The longest wait between two reads.
   * @default Infinity
   * @unit milliseconds
   */
  maxInterval?: number;
  /** Reads at most, the first included → `PollTimeoutError` after the last. A whole number ≥ 1. @default 100 */
  maxAttempts?: number;
  /**
   * Overall time allowed; a wait that would pass it is not started → `PollTimeoutError`.
   * @default 3600000 (one hour; each workflow documents its own)
   * @unit milliseconds
   */
  timeout?: number;
  /** Called with every value read and its attempt number (1 for the first read), e.g. to show progress. */
  onAttempt?: (value: T, attempt: number) => void;
  /** How to wait; injectable for tests. Should reject when `signal` aborts. @default the runtime's `sleep` (a timer the signal clears) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock for `timeout`; injectable for tests. @default Date.now */
  now?: () => number;
}

/** Who polls what, for error messages and the errors' `vendor`/`operationId`. */
export interface PollSubject extends ErrorContext {
  /** E.g. `tmt-first: job 12345`. */
  what: string;
}

/** The defaults of {@link PollOptions}: a workflow passes its own where the vendor's pace differs. */
export const POLL_DEFAULTS = { interval: 1_000, factor: 1, maxInterval: Number.POSITIVE_INFINITY, maxAttempts: 100, timeout: 3_600_000 } as const;

export type PollDefaults = { [K in keyof typeof POLL_DEFAULTS]?: number };

/** Why polling stopped without the wanted value. `ended`: the polled thing reached a final state without it. */
export type PollTimeoutReason = 'maxAttempts' | 'timeout' | 'ended';

/** The value did not become the wanted one within `maxAttempts` reads or `timeout`. */
export class PollTimeoutError<T = unknown> extends VendorContractsError {
  /** Reads made, the first included. */
  readonly attempts: number;
  /** The last value read (`undefined` when none was). */
  readonly lastValue: T | undefined;
  readonly reason: PollTimeoutReason;

  constructor(message: string, detail: { attempts: number; lastValue: T | undefined; reason: PollTimeoutReason }, context: ErrorContext = {}) {
    super(message, context);
    this.attempts = detail.attempts;
    this.lastValue = detail.lastValue;
    this.reason = detail.reason;
  }
}

brandClasses({ PollTimeoutError });

/**
 * Reads with `read` until `until(value)` holds and resolves with that value. Throws
 * `PollTimeoutError` (with `attempts` and `lastValue`) when `maxAttempts` or `timeout` runs out,
 * `AbortError` when `signal` fires, and whatever `read` throws as it is (no further read).
 */
export async function poll<T>(
  read: (attempt: number, signal: AbortSignal | undefined) => Promise<T>,
  until: (value: T) => boolean,
  options: PollOptions<T> = {},
  subject: PollSubject = { what: 'poll' },
  defaults: PollDefaults = {},
): Promise<T> {
  for await (const value of pollEach(read, options, subject, defaults)) if (until(value)) return value;
  /* c8 ignore next */
  throw new Error('unreachable: pollEach ends only by throwing');
}

/**
 * Yields every value `read` returns, one read per step, waiting between reads; `break` to stop.
 * Never ends by itself: after the last allowed read it throws `PollTimeoutError`. Options are
 * checked before the first read.
 */
export async function* pollEach<T>(
  read: (attempt: number, signal: AbortSignal | undefined) => Promise<T>,
  options: PollOptions<T> = {},
  subject: PollSubject = { what: 'poll' },
  defaults: PollDefaults = {},
): AsyncGenerator<T, never, undefined> {
  const settings = pollSettings(options, subject, defaults);
  const { signal, onAttempt } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const context: ErrorContext = { vendor: subject.vendor, operationId: subject.operationId };
  const aborted = (cause: unknown) => (cause instanceof AbortError ? cause : new AbortError(`${subject.what}: polling was aborted`, context, { cause }));
  const timedOut = (attempts: number, lastValue: T | undefined, reason: PollTimeoutReason, why: string) =>
    new PollTimeoutError<T>(`${subject.what}: not done after ${attempts} attempt(s) (${why})`, { attempts, lastValue, reason }, context);

  const start = now();
  let slept = 0;
  let wait = settings.interval;
  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw aborted(signal.reason);
    let value: T;
    try {
      value = await read(attempt, signal);
    } catch (error) {
      throw signal?.aborted ? aborted(error) : error;
    }
    onAttempt?.(value, attempt);
    yield value;
    // An abort during the read wins over running out: the caller stopped, the loop did not give up.
    if (signal?.aborted) throw aborted(signal.reason);
    if (attempt >= settings.maxAttempts) throw timedOut(attempt, value, 'maxAttempts', `maxAttempts ${settings.maxAttempts}`);
    const byClock = now() - start;
    const elapsed = Number.isFinite(byClock) ? Math.max(byClock, slept) : slept;
    if (elapsed + wait > settings.timeout) throw timedOut(attempt, value, 'timeout', `timeout ${settings.timeout} ms`);
    try {
      await sleep(wait, signal);
    } catch (error) {
      throw signal?.aborted ? aborted(signal.reason) : error;
    }
    slept += wait;
    wait = Math.min(wait * settings.factor, settings.maxInterval);
  }
}

interface PollSettings {
  interval: number;
  factor: number;
  maxInterval: number;
  maxAttempts: number;
  timeout: number;
}

/** The numeric options, defaulted and checked: a clear `ConfigError` naming the option and its rule. */
function pollSettings(options: Pick<PollOptions<never>, keyof PollSettings>, subject: PollSubject, defaults: PollDefaults): PollSettings {
  const pick = (name: keyof PollSettings) => options[name] ?? defaults[name] ?? POLL_DEFAULTS[name];
  const fail = (name: string, rule: string, value: unknown): never => {
    throw new ConfigError(`${subject.what}: ${name} must be ${rule} (got ${String(value)})`, { vendor: subject.vendor, operationId: subject.operationId });
  };
  const finitePositive = (name: keyof PollSettings) => {
    const value = pick(name);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fail(name, 'a finite number > 0', value);
  };
  const maxAttempts = pick('maxAttempts');
  if (!(typeof maxAttempts === 'number' && Number.isInteger(maxAttempts) && maxAttempts >= 1)) fail('maxAttempts', 'a whole number ≥ 1', maxAttempts);
  const maxInterval = pick('maxInterval');
  if (!(typeof maxInterval === 'number' && maxInterval > 0)) fail('maxInterval', 'a number > 0', maxInterval);
  const interval = finitePositive('interval');
  return { interval: Math.min(interval, maxInterval), factor: finitePositive('factor'), maxInterval, maxAttempts, timeout: finitePositive('timeout') };
}

/**
 * Copies `options` with each deprecated option name moved to its new name (`{ maxChecks: 'maxAttempts' }`).
 * Given both names with different values → `ConfigError` naming both; the same value twice is fine.
 */
export function renameDeprecatedOptions<O extends object>(options: O, renames: Readonly<Record<string, keyof O & string>>, subject: PollSubject): O {
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [old, current] of Object.entries(renames)) {
    if (out[old] === undefined) continue;
    if (out[current] !== undefined && out[current] !== out[old]) {
      throw new ConfigError(`${subject.what}: ${old} is a deprecated name of ${current}; give only ${current} (got both, with different values)`, {
        vendor: subject.vendor,
        operationId: subject.operationId,
      });
    }
    out[current] = out[old];
    delete out[old];
  }
  return out as O;
}
