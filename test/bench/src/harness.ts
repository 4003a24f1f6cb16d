/**
 * Timing harness on tinybench: each case gets a warm-up, then samples until both a small time
 * budget and a minimum sample count are met (both finite, so every loop is bounded). Cases of one
 * comparison run interleaved in several rounds, so load from other processes on a shared machine
 * hits every case alike; a ratio is the median over rounds of (case median / baseline median).
 */
import { Bench } from 'tinybench';

export interface MeasureOptions {
  /** Interleaved rounds; each round samples every case once more. */
  rounds?: number;
  /** Sampling budget per case and round, in ms. */
  timeMs?: number;
  /** Minimum samples per case and round. */
  iterations?: number;
  /**
   * `wall` (performance.now) or `cpu`: this process's CPU time (user + system). CPU time leaves
   * out the time the process waits for a core, which on a shared, overloaded machine is most of
   * the noise; it counts only the measuring process (a server in a child process is not counted).
   */
  clock?: 'wall' | 'cpu';
}

/** process.cpuUsage() as a tinybench timestamp provider, in ms (µs resolution). */
const cpuClock = {
  name: 'process.cpuUsage',
  fn: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  toMs: (value: number | bigint) => Number(value),
  fromMs: (value: number) => value,
};

/** Median latency (ms) of every case, per round: `rounds[r][case]`. */
export type RoundMedians = Array<Record<string, number>>;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The case's median latency over rounds (ms). */
export function medianOf(rounds: RoundMedians, name: string): number {
  return median(rounds.map((r) => measurement(r, name)));
}

/** Median over rounds of case/baseline: the paired ratio cancels load that varies between rounds. */
export function ratioOf(rounds: RoundMedians, name: string, baseline: string): number {
  return median(rounds.map((r) => measurement(r, name) / measurement(r, baseline)));
}

/** Smallest and largest per-round ratio: how much the machine's load moved the result. */
export function ratioRange(rounds: RoundMedians, name: string, baseline: string): [number, number] {
  const ratios = rounds.map((r) => measurement(r, name) / measurement(r, baseline));
  return [Math.min(...ratios), Math.max(...ratios)];
}

function measurement(round: Record<string, number>, name: string): number {
  const v = round[name];
  if (v === undefined) throw new Error(`no measurement named "${name}"`);
  return v;
}

export async function measure(cases: Record<string, () => unknown>, options: MeasureOptions = {}): Promise<RoundMedians> {
  const { rounds = 3, timeMs = 300, iterations = 20, clock = 'wall' } = options;
  const out: RoundMedians = [];
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time: timeMs,
      iterations,
      warmup: true,
      warmupTime: Math.min(100, timeMs),
      warmupIterations: 5,
      throws: true,
      ...(clock === 'cpu' ? { timestampProvider: cpuClock } : {}),
    });
    for (const [name, fn] of Object.entries(cases)) bench.add(name, fn);
    await bench.run();
    const medians: Record<string, number> = {};
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`benchmark "${task.name}" ended ${result.state}`);
      medians[task.name] = result.latency.p50;
    }
    out.push(medians);
  }
  return out;
}

/** Runs `fn` `times` times after one warm-up run and returns the median wall time (ms). */
export async function timeRuns(times: number, fn: () => Promise<unknown> | unknown, warmup = true): Promise<number> {
  if (warmup) await fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
