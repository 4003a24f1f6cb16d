// Profiling aid (not a test, not the bench): N sequential 1-device listDevices calls through one
// client, against the bench server in a child process. Run under `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile/call-path.mjs ours-off 20000
// Variants: raw, openapi-fetch, ours-off, ours-on. Prints CPU µs per call.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import createClient from 'openapi-fetch';

const [variant = 'ours-off', count = '20000', mode = 'seq'] = process.argv.slice(2);
const N = Number(count);
const device = { id: 'dev-1', name: 'Device', status: 'active' };
const server = fork(fileURLToPath(new URL('../src/server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { payload, devices } = await import('../src/payloads.ts').catch(() => ({}));
const text = payload ? payload('1', devices(1)).text : JSON.stringify([device]);
const port = await new Promise((resolve) => {
  server.once('message', (m) => resolve(m.port));
  server.send({ bodies: { one: text } });
});
const baseUrl = `http://127.0.0.1:${port}/one`;
const headers = { Authorization: 'bench-key' };
const off = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit: false, validateResponses: false });
const on = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit: false });
const plain = createClient({ baseUrl, headers });
const calls = {
  raw: async () => JSON.parse(await (await fetch(`${baseUrl}/devices`, { headers })).text()),
  'openapi-fetch': async () => (await plain.GET('/devices')).data,
  'ours-off': () => off.listDevices(),
  'ours-on': () => on.listDevices(),
};
const call = calls[variant];
const batch = mode === 'seq' ? call : () => Promise.all(Array.from({ length: 16 }, call));
const n = mode === 'seq' ? N : Math.ceil(N / 16);
for (let i = 0; i < 500; i++) await batch();
const cpu0 = process.cpuUsage();
for (let i = 0; i < n; i++) await batch();
const cpu = process.cpuUsage(cpu0);
console.log(`${variant} ${mode}: ${((cpu.user + cpu.system) / N).toFixed(1)} µs CPU per call`);
server.kill();
