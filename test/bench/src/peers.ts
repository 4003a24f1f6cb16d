/**
 * Peers: the same TMT `/devices` call through raw fetch, openapi-fetch alone, ours (validation
 * off / on), a hey-api generated SDK with and without its zod validator, ofetch, ky and a
 * Stainless-generated SDK (openai, pointed at the local server), measured in one run with the
 * call-overhead method: client CPU time per call, paired interleaved rounds, server in a child process.
 */
import { startServer } from './overhead.js';
import { measure, medianOf, ratioOf, ratioRange, type RoundMedians } from './harness.js';
import { generateHeyApiClients } from './peers/hey-api.js';
import { type Peer, peerClients } from './peers/clients.js';
import { devices, payload } from './payloads.js';
import { ms, ratioWithRange, type Row, type SectionResult, table } from './report.js';

const IN_FLIGHT = 16;
const RUNTIME_OVER_OPENAPI_FETCH = 1.05;
const VALIDATED_OVER_RAW = 1.2;

export async function peersSection(quick: boolean): Promise<SectionResult> {
  const sizes = { one: payload('1 device', devices(1)), thousand: payload('1,000 devices', devices(1000)) };
  const bodies: Record<string, string> = {};
  for (const [name, p] of Object.entries(sizes)) {
    bodies[name] = p.text;
    // The same devices in the Stainless list shape, for the openai SDK's `models.list()`.
    bodies[`list-${name}`] = `{"object":"list","data":${p.text}}`;
  }
  const heyApi = await generateHeyApiClients();
  const { child, port } = await startServer(bodies);
  const columns: string[] = [];
  const byColumn: RoundMedians[] = [];
  let peers: Record<string, Peer> = {};
  const rows: Row[] = [];
  try {
    for (const [name, body] of Object.entries(sizes)) {
      peers = peerClients(`http://127.0.0.1:${port}/${name}`, `http://127.0.0.1:${port}/list-${name}`, heyApi);
      const expected = (JSON.parse(body.text) as unknown[]).length;
      // Every client must return the whole list, or the timings compare different work.
      for (const [id, peer] of Object.entries(peers)) {
        const got = await peer.call();
        if (got.length !== expected) throw new Error(`${id}: returned ${got.length} devices, not ${expected}`);
      }
      for (const mode of ['sequential', `${IN_FLIGHT} in flight`] as const) {
        const cases = Object.fromEntries(
          Object.entries(peers).map(([id, peer]) => [id, mode === 'sequential' ? peer.call : () => Promise.all(Array.from({ length: IN_FLIGHT }, peer.call))]),
        );
        const rounds = await measure(cases, { rounds: quick ? 1 : 7, timeMs: quick ? 30 : 80, iterations: mode === 'sequential' ? 15 : 4, clock: 'cpu' });
        const label = `${body.label} (${Math.round(body.bytes / 1024)} kB), ${mode}`;
        columns.push(label);
        byColumn.push(rounds);
        const shown = (a: string, b: string) => ratioWithRange(ratioOf(rounds, a, b), ratioRange(rounds, a, b));
        if (name === 'one') {
          for (const ours of ['ours off', 'ours on']) {
            rows.push({
              what: `${ours.replace('ours ', 'ours, validation ')} / openapi-fetch alone: ${label}`,
              value: shown(ours, 'openapi-fetch'),
              target: `≤ ${RUNTIME_OVER_OPENAPI_FETCH}×`,
              met: ratioOf(rounds, ours, 'openapi-fetch') <= RUNTIME_OVER_OPENAPI_FETCH,
            });
          }
        } else {
          rows.push({
            what: `ours, validation on / raw: ${label}`,
            value: shown('ours on', 'raw'),
            target: `≤ ${VALIDATED_OVER_RAW}×`,
            met: ratioOf(rounds, 'ours on', 'raw') <= VALIDATED_OVER_RAW,
          });
        }
        // Cheapest validated client: ours (validation on) against every other client that checks the body.
        const others = Object.entries(peers).filter(([id, p]) => p.validated && id !== 'ours on');
        const [cheapestId] = others.sort(([a], [b]) => ratioOf(rounds, a, 'raw') - ratioOf(rounds, b, 'raw'))[0]!;
        rows.push({
          what: `ours, validation on / cheapest other validated client (${cheapestId}): ${label}`,
          value: shown('ours on', cheapestId),
          target: '≤ 1.00× (cheapest)',
          met: ratioOf(rounds, 'ours on', cheapestId) <= 1,
        });
      }
    }
  } finally {
    child.kill();
  }
  const peerTable = table(
    ['client (per-call CPU / raw fetch + JSON.parse)', 'validates', ...columns],
    Object.entries(peers).map(([id, peer]) => [
      id === 'ours on' || id === 'ours off' ? `**${peer.label}**` : peer.label,
      peer.validated ? 'yes' : 'no',
      ...byColumn.map((rounds) => (id === 'raw' ? `1.00× (${ms(medianOf(rounds, 'raw'))})` : ratioWithRange(ratioOf(rounds, id, 'raw'), ratioRange(rounds, id, 'raw')))),
    ]),
  );
  const absolute = table(
    ['client (median CPU per call or per batch)', ...columns],
    Object.entries(peers).map(([id, peer]) => [peer.label, ...byColumn.map((rounds) => ms(medianOf(rounds, id)))]),
  );
  return {
    title: 'Peers',
    method:
      "The call-overhead rig (a node:http server in a child process on 127.0.0.1 serving TMT `/devices` built from the spec's Device example; client CPU time per call or per batch of " +
      `${IN_FLIGHT} concurrent calls, process.cpuUsage; every client interleaved in each of several rounds; ratios are medians over rounds of case/baseline with the smallest and largest round in brackets). ` +
      "Each client makes the call as its users write it: `raw` = `fetch` + `JSON.parse`; openapi-fetch = `GET('/devices')` (its JSON parsing); ours = `createTmtFirstClient({ baseUrl, rateLimit: false })` `.listDevices()`; " +
      'hey-api = an SDK generated by `@hey-api/openapi-ts` from specs/tmt-first/openapi.yaml at the start of the run (`@hey-api/client-fetch` + `@hey-api/sdk`, and a second one with the `zod` plugin and `validator: true`, which parses every response with the generated zod schema); ' +
      'ofetch = `ofetch(url)`; ky = `ky.get(url).json()`; openai = `new OpenAI({ baseURL })` `.models.list()` (a Stainless SDK with its default retries and headers) against the same devices served as `{"object":"list","data":[…]}` (29 bytes more). ' +
      'Every client sends the same `Authorization` header and must return the whole list before timing starts. Only ours (validation on) and hey-api + zod check the body against the spec.',
    rows,
    details: `${peerTable}\n\n${absolute}`,
  };
}
