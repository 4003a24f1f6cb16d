/**
 * Mock start-up: how long `startMock` takes to serve 1 vendor and all 5, next to plain Prism
 * (`prism mock` from @stoplight/prism-cli, one process per spec, no front) for the same specs, so
 * the cost of the mock's own parts (spec lookup and parsing, the fronts) is visible and "several
 * vendors ≈ one" is measured. The mock serves every vendor from one Prism process; plain Prism
 * needs a process per spec. Each round starts and stops everything; the time is until every
 * vendor's URL is listening.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveVendorSpec, startMock } from '@vendor-contracts/mock';
import { median } from './harness.js';
import { ms, ratio, type Row, type SectionResult, table } from './report.js';

const ALL = ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool'] as const;
/** Several vendors may take at most this many times one vendor's start-up. */
const TARGET_RATIO = 2;
const START_TIMEOUT_MS = 120_000;

async function timed(fn: () => Promise<() => Promise<unknown>>): Promise<number> {
  const t0 = performance.now();
  const stop = await fn();
  const elapsed = performance.now() - t0;
  await stop();
  return elapsed;
}

function prismCli(): string {
  const manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin.prism!;
  return join(dirname(manifest), bin);
}

/** `prism mock <spec> --errors` on a port the kernel picks; resolves with its stop(), by pid, once it listens. */
function prismMock(spec: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [prismCli(), 'mock', spec, '--host', '127.0.0.1', '--port', '0', '--errors', '--no-multiprocess'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`prism mock ${spec} did not listen within ${START_TIMEOUT_MS} ms:\n${output}`))), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Prism is listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(stop);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`prism mock ${spec} exited before listening:\n${output}`));
    });
  });
}

const prismOnly = (vendors: readonly string[]) => async () => {
  const stops = await Promise.all(vendors.map((v) => prismMock(resolveVendorSpec(v))));
  return () => Promise.all(stops.map((stop) => stop()));
};
const mockOf = (vendors: readonly string[]) => async () => {
  const mock = await startMock({ vendors });
  return () => mock.close();
};

export async function mockStartupSection(quick: boolean): Promise<SectionResult> {
  const rounds = quick ? 1 : 5;
  const cases = {
    'prism, 1 vendor': prismOnly(['tmt-first']),
    'mock, 1 vendor': mockOf(['tmt-first']),
    'prism, 5 vendors': prismOnly(ALL),
    'mock, 5 vendors': mockOf(ALL),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  // Interleaved rounds, so a load spike hits every case alike.
  for (let round = 0; round < rounds; round++) {
    for (const [name, start] of Object.entries(cases)) times[name]!.push(await timed(start));
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof cases, number>;
  const severalOverOne = m['mock, 5 vendors'] / m['mock, 1 vendor'];
  const rows: Row[] = [
    { what: 'mock start-up, 1 vendor (tmt-first)', value: ms(m['mock, 1 vendor']) },
    { what: 'mock start-up, 5 vendors (one Prism process)', value: ms(m['mock, 5 vendors']) },
    { what: 'mock, 5 vendors ÷ 1 vendor', value: ratio(severalOverOne), target: `≤ ${TARGET_RATIO}×`, met: severalOverOne <= TARGET_RATIO },
    { what: 'mock ÷ plain Prism, 1 vendor', value: ratio(m['mock, 1 vendor'] / m['prism, 1 vendor']) },
    { what: 'mock ÷ plain Prism, 5 vendors', value: ratio(m['mock, 5 vendors'] / m['prism, 5 vendors']) },
    { what: 'plain Prism, 5 processes ÷ 1', value: ratio(m['prism, 5 vendors'] / m['prism, 1 vendor']) },
  ];
  return {
    title: 'Mock start-up',
    method: `\`startMock\` (@vendor-contracts/mock: shipped specs resolved and parsed, ONE Prism process loading Prism once and serving every spec on its own port, a coverage front per vendor listening) against plain \`prism mock --errors\` (@stoplight/prism-cli, one process per spec, started in parallel) on the same shipped specs; ${rounds} interleaved round(s), median, each from spawn until every vendor listens, then stopped by pid. Prism's start-up is CPU (loading its modules, then each spec): one process pays the load once.`,
    rows,
    details: table(
      ['case', 'median', 'rounds'],
      Object.entries(times).map(([k, v]) => [k, ms(m[k as keyof typeof cases]), v.map((t) => (t / 1000).toFixed(1)).join(' / ') + ' s']),
    ),
  };
}
