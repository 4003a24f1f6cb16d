/**
 * Call overhead: raw fetch + JSON.parse vs our TMT client (validation off / on) against a local
 * node:http server, for a 1-device and a 1,000-device `/devices` body, sequential and 16 in flight.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { measure, medianOf, ratioOf } from './harness.js';
import { devices, payload } from './payloads.js';
import { ms, ratio, type Row, type SectionResult, table, verdict } from './report.js';

const IN_FLIGHT = 16;

async function startServer(bodies: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 30 s')), 30_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.send({ bodies });
  });
  return { child, port };
}

export async function overheadSection(quick: boolean): Promise<SectionResult> {
  const sizes = { one: payload('1 device', devices(1)), thousand: payload('1,000 devices', devices(1000)) };
  const { child, port } = await startServer({ one: sizes.one.text, thousand: sizes.thousand.text });
  const rows: Row[] = [];
  const detail: string[][] = [];
  try {
    for (const [name, body] of Object.entries(sizes)) {
      const baseUrl = `http://127.0.0.1:${port}/${name}`;
      const common = { apiKey: 'bench-key', baseUrl, rateLimit: false as const };
      const off = createTmtFirstClient({ ...common, validateResponses: false });
      const on = createTmtFirstClient(common);
      const raw = async () => {
        const response = await fetch(`${baseUrl}/devices`, { headers: { Authorization: 'bench-key' } });
        return JSON.parse(await response.text()) as unknown[];
      };
      const calls = { raw, off: () => off.listDevices(), on: () => on.listDevices() };
      // Every variant must return the whole list, or the timings compare different work.
      for (const [variant, call] of Object.entries(calls)) {
        const list = (await call()) as unknown[];
        if (list.length !== JSON.parse(body.text).length) throw new Error(`${variant}: returned ${list.length} devices`);
      }
      for (const mode of ['sequential', `${IN_FLIGHT} in flight`] as const) {
        const cases = Object.fromEntries(
          Object.entries(calls).map(([variant, call]) => [
            variant,
            mode === 'sequential' ? call : () => Promise.all(Array.from({ length: IN_FLIGHT }, () => call())),
          ]),
        );
        const rounds = await measure(cases, { rounds: quick ? 1 : 5, timeMs: quick ? 100 : 400, iterations: 20 });
        const offRatio = ratioOf(rounds, 'off', 'raw');
        const onRatio = ratioOf(rounds, 'on', 'raw');
        const label = `${body.label} (${Math.round(body.bytes / 1024)} kB), ${mode}`;
        detail.push([label, ms(medianOf(rounds, 'raw')), ms(medianOf(rounds, 'off')), ms(medianOf(rounds, 'on')), ratio(offRatio), ratio(onRatio)]);
        rows.push({ what: `validation off vs raw: ${label}`, value: ratio(offRatio), target: '≤ 1.05×', met: offRatio <= 1.05 });
        const onTarget = name === 'thousand';
        rows.push({ what: `validation on vs raw: ${label}`, value: ratio(onRatio), ...(onTarget ? { target: '≤ 1.3×', met: onRatio <= 1.3 } : {}) });
      }
    }
  } finally {
    child.kill();
  }
  return {
    title: 'Call overhead',
    method:
      'A node:http server in a child process on 127.0.0.1 (free port) serves TMT `/devices` built from the spec\'s Device example. ' +
      '`raw` = `fetch` + `JSON.parse`; `off`/`on` = `createTmtFirstClient({ baseUrl, rateLimit: false })` with `validateResponses` false/true, calling `listDevices()`. ' +
      `"${IN_FLIGHT} in flight" times one batch of ${IN_FLIGHT} concurrent calls. Median latency per case; ratios are the median over interleaved rounds of case/raw.`,
    rows,
    details: table(['payload, mode', 'raw', 'validation off', 'validation on', 'off / raw', 'on / raw'], detail),
  };
}
