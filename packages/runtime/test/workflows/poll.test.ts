/**
 * The polling loop every vendor workflow waits with: bounded in count (maxAttempts, exactly) and
 * time (timeout, even on a clock that jumps), stopped by an abort at any point, and a read that
 * throws ends it with that error. On an injected clock and sleep; one test on real timers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, ConfigError, poll, pollEach, PollTimeoutError, renameDeprecatedOptions, sleep as realSleep } from '../../src/index.js';

const SUBJECT = { what: 'test: thing 7', vendor: 'test', operationId: 'getThing' };

/** Reads (1-based) the scenario makes special; everything else reads `attempt * 10`. */
interface Scenario {
  maxAttempts: number;
  interval: number;
  factor: number;
  maxInterval: number;
  timeout: number;
  /** Added to the clock at each of its readings: any jump, back or forward. */
  jumps: number[];
  doneAt: number | undefined;
  throwAt: number | undefined;
  abort: { during: 'read' | 'sleep' | 'onAttempt'; at: number } | undefined;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 30 }),
  interval: fc.integer({ min: 1, max: 5_000 }),
  factor: fc.constantFrom(1, 1.5, 2, 3),
  maxInterval: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constant(Number.POSITIVE_INFINITY)),
  timeout: fc.integer({ min: 1, max: 100_000 }),
  jumps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -1e9, max: 1e9 }), fc.constant(Number.NaN)), { maxLength: 40 }),
  doneAt: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  throwAt: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  abort: fc.option(fc.record({ during: fc.constantFrom('read' as const, 'sleep' as const, 'onAttempt' as const), at: fc.integer({ min: 1, max: 30 }) }), {
    nil: undefined,
  }),
});

/** Reads the loop may make at most on an honest clock: 1, then one more per wait that fits in the timeout. */
function readsAllowed(s: Scenario): number {
  let reads = 1;
  let slept = 0;
  let wait = Math.min(s.interval, s.maxInterval);
  while (reads < s.maxAttempts && slept + wait <= s.timeout) {
    slept += wait;
    wait = Math.min(wait * s.factor, s.maxInterval);
    reads += 1;
  }
  return reads;
}

async function run(s: Scenario, honestClock: boolean) {
  const controller = new AbortController();
  const thrown = new Error('read failed');
  let clock = 1_000_000;
  let jump = 0;
  const waits: number[] = [];
  const readsAt: number[] = [];
  let abortedAtRead: number | undefined;
  const abortNow = () => {
    controller.abort(new Error('caller gave up'));
    abortedAtRead = readsAt.length;
  };
  const outcome = await poll(
    async (attempt, signal) => {
      expect(signal).toBe(controller.signal);
      readsAt.push(attempt);
      if (s.abort?.during === 'read' && s.abort.at === attempt) abortNow();
      if (s.throwAt === attempt) throw thrown;
      return attempt * 10;
    },
    (value) => value === (s.doneAt ?? 0) * 10,
    {
      ...s,
      signal: controller.signal,
      onAttempt: (_value, attempt) => {
        if (s.abort?.during === 'onAttempt' && s.abort.at === attempt) abortNow();
      },
      now: () => {
        if (!honestClock) clock += s.jumps[jump++ % Math.max(1, s.jumps.length)] ?? 0;
        return clock;
      },
      sleep: async (ms, signal) => {
        waits.push(ms);
        if (s.abort?.during === 'sleep' && s.abort.at === waits.length) abortNow();
        if (signal?.aborted) throw signal.reason;
        clock += ms;
      },
    },
    SUBJECT,
  ).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome, waits, readsAt, abortedAtRead, thrown };
}

describe('poll', () => {
  it('is bounded exactly by maxAttempts and by timeout, on any clock; ends on the wanted value, a throwing read or an abort at any point', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.boolean(), async (s, honestClock) => {
        const { outcome, waits, readsAt, abortedAtRead, thrown } = await run(s, honestClock);
        const reads = readsAt.length;
        const allowed = readsAllowed(s);
        // Reads are numbered 1, 2, … and never more than maxAttempts, nor more than the time allows.
        expect(readsAt).toEqual(Array.from({ length: reads }, (_, i) => i + 1));
        expect(reads).toBeLessThanOrEqual(Math.min(s.maxAttempts, allowed));
        expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(s.timeout);
        // No read starts after an abort.
        if (abortedAtRead !== undefined) expect(reads).toBe(abortedAtRead);

        // What ends it first, in the order the loop meets things within the last read.
        const last = reads;
        if (s.throwAt === last) {
          if (abortedAtRead === last) expect(outcome).toMatchObject({ error: { constructor: AbortError } });
          else expect(outcome).toEqual({ error: thrown });
          return;
        }
        if (abortedAtRead !== undefined && (s.doneAt !== last || s.abort?.during === 'sleep')) {
          expect((outcome as { error: unknown }).error).toBeInstanceOf(AbortError);
          expect((outcome as { error: AbortError }).error).toMatchObject({ vendor: 'test', operationId: 'getThing' });
          return;
        }
        if (s.doneAt === last) {
          expect(outcome).toEqual({ value: last * 10 });
          return;
        }
        const error = (outcome as { error: unknown }).error;
        expect(error).toBeInstanceOf(PollTimeoutError);
        const timeout = error as PollTimeoutError<number>;
        expect(timeout.attempts).toBe(reads);
        expect(timeout.lastValue).toBe(reads * 10);
        expect(timeout.message).toContain('test: thing 7');
        if (timeout.reason === 'maxAttempts') expect(reads).toBe(s.maxAttempts);
        else expect(timeout.reason).toBe('timeout');
        // On an honest clock the bounds are met exactly: every read the count and time allow is made.
        if (honestClock) expect(reads).toBe(Math.min(s.maxAttempts, allowed));
      }),
      { seed: 1307, numRuns: 400 },
    );
  });

  it('waits interval, then factor times longer each time, up to maxInterval', async () => {
    const waits: number[] = [];
    const error = await poll(
      async () => 0,
      () => false,
      {
        maxAttempts: 6,
        interval: 100,
        factor: 3,
        maxInterval: 2_000,
        timeout: 1e9,
        sleep: async (ms) => void waits.push(ms),
      },
    ).catch((e: unknown) => e);
    expect(waits).toEqual([100, 300, 900, 2_000, 2_000]);
    expect(error).toMatchObject({ attempts: 6, lastValue: 0, reason: 'maxAttempts' });
  });

  it('an abort during a real 60 s wait rejects at once with AbortError', async () => {
    const controller = new AbortController();
    let reads = 0;
    const started = performance.now();
    const polling = poll(
      async () => ++reads,
      () => false,
      { signal: controller.signal, interval: 60_000, sleep: realSleep },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(polling).rejects.toBeInstanceOf(AbortError);
    expect(reads).toBe(1);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('pollEach yields every read and stops reading when the loop is left', async () => {
    let reads = 0;
    const seen: number[] = [];
    for await (const value of pollEach(async () => ++reads, { sleep: async () => {} })) {
      seen.push(value);
      if (value === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(reads).toBe(3);
  });

  it.each([
    ['maxAttempts', 0],
    ['maxAttempts', 2.5],
    ['maxAttempts', Number.POSITIVE_INFINITY],
    ['interval', 0],
    ['interval', Number.NaN],
    ['factor', -1],
    ['maxInterval', 0],
    ['timeout', Number.POSITIVE_INFINITY],
  ])('%s = %s → ConfigError naming it, before any read', async (name, value) => {
    let reads = 0;
    const error = await poll(
      async () => ++reads,
      () => true,
      { [name]: value },
      SUBJECT,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`test: thing 7: ${name} must be`);
    expect(reads).toBe(0);
  });
});

describe('renameDeprecatedOptions', () => {
  type Options = { maxAttempts?: number; maxChecks?: number; interval?: number };
  const renames = { maxChecks: 'maxAttempts' } as const;

  it('moves a deprecated name to its new one, and the new one alone is kept', () => {
    expect(renameDeprecatedOptions<Options>({ maxChecks: 4, interval: 1 }, renames, SUBJECT)).toEqual({ maxAttempts: 4, interval: 1 });
    expect(renameDeprecatedOptions<Options>({ maxAttempts: 5 }, renames, SUBJECT)).toEqual({ maxAttempts: 5 });
    expect(renameDeprecatedOptions<Options>({ maxAttempts: 5, maxChecks: 5 }, renames, SUBJECT)).toEqual({ maxAttempts: 5 });
  });

  it('both names with different values → ConfigError naming both', () => {
    expect(() => renameDeprecatedOptions<Options>({ maxAttempts: 5, maxChecks: 4 }, renames, SUBJECT)).toThrow(
      new ConfigError('test: thing 7: maxChecks is a deprecated name of maxAttempts; give only maxAttempts (got both, with different values)', {
        vendor: 'test',
        operationId: 'getThing',
      }),
    );
  });
});
