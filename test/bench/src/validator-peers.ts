/**
 * The validator table: checking the 1,000-device `/devices` body (556 kB) in each library, as a
 * ratio to `JSON.parse` of its text, with what each does with unknown fields. Ours is measured
 * through the public client only (validation on minus validation off, same in-memory response),
 * so the row follows whatever the runtime validates with at the time of the run.
 */
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { measure, medianOf, median, type RoundMedians } from './harness.js';
import { API_KEY, versionOf } from './peers/clients.js';
import { type Mutant, mutants, oursAccepts } from './peers/mutants.js';
import { peerValidators, unknownFieldHandling, withUnknownField } from './peers/validators.js';
import { devices, payload } from './payloads.js';
import { ms, type Row, type SectionResult, table } from './report.js';

const TARGET = 0.15;
const MOONSHOT = 0.08;

type Check = (value: unknown) => { ok: boolean } | Promise<{ ok: boolean }>;

/** Every (validator, mutant) pair where the validator's verdict is not the spec's. */
export async function disagreements(checks: Record<string, Check>, bodies: readonly Mutant[]): Promise<string[]> {
  const out: string[] = [];
  for (const m of bodies) for (const [id, check] of Object.entries(checks)) if ((await check(m.body)).ok !== m.valid) out.push(`${id} on ${m.name}`);
  return out;
}

/** Every validator of the table, ours included (through the client). */
export function allChecks(): Record<string, Check> {
  return { ...Object.fromEntries(Object.entries(peerValidators()).map(([id, v]) => [id, v.check])), ours: oursAccepts };
}

/** Refuses to measure unless every validator gives the spec's verdict on every mutant. */
export async function checkEquivalence(): Promise<{ mutants: number; rejected: number }> {
  const all = mutants();
  const found = await disagreements(allChecks(), all);
  if (found.length) throw new Error(`validators disagree with the spec: ${found.slice(0, 10).join('; ')}`);
  return { mutants: all.length, rejected: all.filter((m) => !m.valid).length };
}

/** Per round: (a − b) / base. Ours is a difference of two client calls; pairing per round keeps load out. */
function differenceRatio(rounds: RoundMedians, a: string, b: string, base: string): { value: number; range: [number, number] } {
  const ratios = rounds.map((r) => (r[a]! - r[b]!) / r[base]!);
  return { value: median(ratios), range: [Math.min(...ratios), Math.max(...ratios)] };
}

export async function validatorPeersSection(quick: boolean): Promise<SectionResult> {
  const { mutants: count, rejected } = await checkEquivalence();
  const body = payload('1,000 devices', devices(1000));
  const parsed = JSON.parse(body.text) as Array<Record<string, unknown>>;
  const validators = peerValidators();
  const respond = async () => new Response(body.text, { headers: { 'content-type': 'application/json' } });
  const client = (validateResponses: boolean) => createTmtFirstClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', rateLimit: false, validateResponses, fetch: respond });
  const on = client(true);
  const off = client(false);
  for (const [id, validator] of Object.entries(validators)) if (!validator.check(parsed).ok) throw new Error(`${id} rejects the valid body`);

  const rounds = await measure(
    {
      'JSON.parse': () => JSON.parse(body.text),
      // The same parsed object every time (stays in cache, as a microbenchmark sees it) …
      ...Object.fromEntries(Object.entries(validators).map(([id, validator]) => [id, () => validator.check(parsed)])),
      // … and a freshly parsed body every time, as in a client (minus JSON.parse below, like ours).
      ...Object.fromEntries(Object.entries(validators).map(([id, validator]) => [`${id} fresh`, () => validator.check(JSON.parse(body.text))])),
    },
    { rounds: quick ? 1 : 15, timeMs: quick ? 30 : 60, iterations: 10, clock: 'cpu' },
  );
  // Ours is a difference of two ~7 ms client calls (each reads the body and parses it), so it
  // gets its own, longer rounds with JSON.parse beside it: more samples keep GC pauses out of the medians.
  const oursRounds = await measure(
    { 'JSON.parse': () => JSON.parse(body.text), 'ours on': () => on.listDevices(), 'ours off': () => off.listDevices() },
    { rounds: quick ? 1 : 15, timeMs: quick ? 30 : 150, iterations: 25, clock: 'cpu' },
  );
  const ours = differenceRatio(oursRounds, 'ours on', 'ours off', 'JSON.parse');
  const perRound = (id: string) =>
    differenceRatio(
      rounds.map((r) => ({ ...r, zero: 0 })),
      id,
      'zero',
      'JSON.parse',
    );
  const shown = ({ value, range: [lo, hi] }: { value: number; range: [number, number] }) => `${value.toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)})`;
  const device = parsed[0]!;
  const oursUnknown = unknownFieldHandling(await oursAccepts(withUnknownField(device)));
  const mbps = (msPerCall: number) => `${(body.bytes / 1e6 / (msPerCall / 1000)).toFixed(0)} MB/s`;
  const detail = [
    [
      `**ours ${versionOf('@vendor-contracts/runtime')}** (the client's response check: validation on − off)`,
      shown(ours),
      '— (not reachable through the public API)',
      ms(median(oursRounds.map((r) => r['ours on']! - r['ours off']!))),
      oursUnknown,
    ],
    ...Object.entries(validators).map(([id, validator]) => [
      validator.label,
      shown(differenceRatio(rounds, `${id} fresh`, 'JSON.parse', 'JSON.parse')),
      shown(perRound(id)),
      `${ms(medianOf(rounds, id))}, ${mbps(medianOf(rounds, id))}`,
      unknownFieldHandling(validator.check(withUnknownField(device))),
    ]),
  ];
  const rows: Row[] = [
    { what: `ours: validating the ${body.label} body / its JSON.parse`, value: shown(ours), target: `≤ ${TARGET}×`, met: ours.value <= TARGET },
    { what: `ours: validating the ${body.label} body / its JSON.parse (moonshot)`, value: shown(ours), target: `≤ ${MOONSHOT}×`, met: ours.value <= MOONSHOT },
  ];
  return {
    title: 'Validators compared',
    method:
      `Validating the ${body.label} \`/devices\` body (${Math.round(body.bytes / 1024)} kB of JSON, already parsed) against the spec's \`listDevices\` 200 schema, as a ratio to \`JSON.parse\` of its text ` +
      `(${ms(medianOf(rounds, 'JSON.parse'))} here), CPU time (process.cpuUsage), every case interleaved in 15 short rounds; median of the per-round ratios, smallest and largest in brackets. Two columns: a freshly parsed body each time (\`check(JSON.parse(text))\` minus \`JSON.parse(text)\`, what a client pays and how ours is measured) and the same parsed object each time (the usual microbenchmark, which stays in cache and flatters every library). ` +
      'Ours is measured through the public client only: `listDevices()` with validation on minus the same call with validation off, both answered by a `fetch` option returning the same body in memory, in its own 15 longer rounds with `JSON.parse` beside it, so the row is whatever the runtime validates with at the time of the run. ' +
      "ajv, TypeBox and zod classic take the spec's schema (ajv: standalone module; TypeBox: its builders from a walk over the JSON Schema, then TypeCompiler; zod: `z.fromJSONSchema`, whose oneOf becomes an exclusive union that tries every branch); arktype, valibot, zod/mini and zod classic (second zod row, what a zod user writes) are written out with the spec's patterns. " +
      `Before timing, every validator and ours must give the spec's verdict (ajv compiled in memory from the spec) on ${count} bodies one edit away from a valid one (${rejected} of them invalid): every Device and Quote field removed or replaced by a value of each JSON kind, and broken lists. ` +
      '"Unknown fields" is found by trying a device with an extra field: keeps (the value handed back still has it), strips (the library returns a copy without it) or rejects. Each library is used with its plain object schema.',
    rows,
    details:
      `${table(['validator', 'fresh body: (parse + validate − parse) / parse', 'same parsed object: validate / parse', 'CPU per validation (same object)', 'unknown fields'], detail)}\n\n` +
      `- The whole client call with validation off (in-memory response: read the body, \`JSON.parse\`, return) costs ${ms(medianOf(oursRounds, 'ours off'))}, ` +
      `${(medianOf(oursRounds, 'ours off') / medianOf(oursRounds, 'JSON.parse')).toFixed(1)}× the \`JSON.parse\` of the same rounds; ours above is only what turning validation on adds.`,
  };
}
