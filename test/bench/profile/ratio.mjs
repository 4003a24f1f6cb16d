// Paired CPU ratio of the 1-device call, ours / openapi-fetch alone, interleaved rounds (a quick
// loop for optimising; the bench's `peers` section is the measurement of record).
//   node --import tsx test/bench/profile/ratio.mjs [rounds=15] [calls=1500] [seq|par]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import createClient from 'openapi-fetch';
import { devices, payload } from '../src/payloads.ts';

const [rounds = '15', calls = '1500', mode = 'seq'] = process.argv.slice(2);
const server = fork(fileURLToPath(new URL('../src/server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise((resolve) => {
  server.once('message', (m) => resolve(m.port));
  server.send({ bodies: { one: payload('1', devices(1)).text } });
});
const baseUrl = `http://127.0.0.1:${port}/one`;
const headers = { Authorization: 'bench-key' };
const off = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit: false, validateResponses: false });
const on = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit: false });
const plain = createClient({ baseUrl, headers });
const single = {
  'openapi-fetch': async () => (await plain.GET('/devices')).data,
  off: () => off.listDevices(),
  on: () => on.listDevices(),
};
const cases = Object.fromEntries(Object.entries(single).map(([k, f]) => [k, mode === 'seq' ? f : () => Promise.all(Array.from({ length: 16 }, f))]));
const n = mode === 'seq' ? Number(calls) : Math.ceil(Number(calls) / 16);
const per = mode === 'seq' ? 1 : 16;
for (const f of Object.values(cases)) for (let i = 0; i < 300; i++) await f();
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < Number(rounds); r++) {
  const order = Object.keys(cases);
  if (r % 2) order.reverse();
  for (const k of order) {
    const f = cases[k];
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await f();
    const c = process.cpuUsage(c0);
    samples[k].push((c.user + c.system) / (n * per));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = samples['openapi-fetch'];
for (const k of Object.keys(cases)) {
  const ratios = samples[k].map((v, i) => v / base[i]);
  const lowest = (xs) => [...xs].sort((a, b) => a - b).slice(0, Math.max(1, Math.floor(xs.length / 4)));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Under a loaded machine the quietest quarter of rounds is the better estimate of each cost.
  console.log(
    `${k.padEnd(14)} ${median(samples[k]).toFixed(1).padStart(7)} µs  ratio ${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]  quietest-quarter ratio ${(mean(lowest(samples[k])) / mean(lowest(base))).toFixed(3)}`,
  );
}
server.kill();
