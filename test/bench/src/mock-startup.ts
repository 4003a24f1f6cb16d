/**
 * Mock start-up: how long `startMock` takes to serve 1 vendor and all 5 (in parallel), next to
 * plain Prism (`prism mock`, no front) for the same specs, so the cost of the mock's own parts
 * (spec lookup and parsing, the front) is visible and "several vendors ≈ one" is measured.
 * Each round starts and stops everything; the time is until every URL answers.
 */
import { resolveVendorSpec, startMock, startPrism } from '@vendor-contracts/mock';
import { median } from './harness.js';
import { ms, ratio, type Row, type SectionResult, table } from './report.js';

const ALL = ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool'] as const;
/** Several vendors may take at most this many times one vendor's start-up. */
const TARGET_RATIO = 2;

async function timed(fn: () => Promise<() => Promise<unknown>>): Promise<number> {
  const t0 = performance.now();
  const stop = await fn();
  const elapsed = performance.now() - t0;
  await stop();
  return elapsed;
}

const prismOnly = (vendors: readonly string[]) => async () => {
  const servers = await Promise.all(vendors.map((v) => startPrism(resolveVendorSpec(v))));
  return () => Promise.all(servers.map((s) => s.stop()));
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
    { what: 'mock start-up, 5 vendors in parallel', value: ms(m['mock, 5 vendors']) },
    { what: 'mock, 5 vendors ÷ 1 vendor', value: ratio(severalOverOne), target: `≤ ${TARGET_RATIO}×`, met: severalOverOne <= TARGET_RATIO },
    { what: 'mock ÷ plain Prism, 1 vendor', value: ratio(m['mock, 1 vendor'] / m['prism, 1 vendor']) },
    { what: 'mock ÷ plain Prism, 5 vendors', value: ratio(m['mock, 5 vendors'] / m['prism, 5 vendors']) },
  ];
  return {
    title: 'Mock start-up',
    method: `\`startMock\` (@vendor-contracts/mock: shipped spec resolved and parsed, Prism started, the coverage front listening) against plain \`prism mock\` on the same shipped specs; ${rounds} interleaved round(s), median, each from spawn until every process listens, then stopped by pid. 5 vendors start in parallel; on a 2-core machine Prism's own start-up (CPU-bound) is what grows.`,
    rows,
    details: table(['case', 'median', 'rounds'], Object.entries(times).map(([k, v]) => [k, ms(m[k as keyof typeof cases]), v.map((t) => (t / 1000).toFixed(1)).join(' / ') + ' s'])),
  };
}
