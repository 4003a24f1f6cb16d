/**
 * Validation throughput on the `/devices` bodies: the compiled check the runtime runs
 * (generated/checks.ts), the generated zod (before: what the runtime ran), ajv compiled from the
 * same spec schema (in memory and standalone, the alternative measured against our emitter), each
 * against JSON.parse of the same body.
 */
import { isDeepStrictEqual } from 'node:util';
import { definition } from '@vendor-contracts/tmt-first';
import { listDevicesResponses } from '@vendor-contracts/tmt-first/schemas';
import type { ZodType } from 'zod';
import { CACHE_DIR, compileAjv, compileStandalone, listDevicesJsonSchema } from './ajv.js';
import { measure, medianOf, ratioOf, ratioRange } from './harness.js';
import { devices, devicesWithOneError, payload } from './payloads.js';
import { kb, ms, ratio, ratioWithRange, type Row, type SectionResult, table } from './report.js';

const TARGET = 0.15;

export async function validationSection(quick: boolean): Promise<SectionResult> {
  const zodSchema = listDevicesResponses['200'] as ZodType | undefined;
  if (!zodSchema) throw new Error('tmt-first: listDevices has no 200 response schema');
  const jsonSchema = listDevicesJsonSchema();
  const ajv = compileAjv(jsonSchema);
  const standalone = compileStandalone(jsonSchema, CACHE_DIR, 'tmt-first-list-devices');
  const fastPath = (value: unknown) => (standalone.validate(value) ? { success: true as const, data: value } : zodSchema.safeParse(value));
  const check = definition.operations.listDevices?.checks?.responses['200'];
  if (!check) throw new Error('tmt-first: listDevices has no compiled 200 check');
  const compiled = (value: unknown) => check(value, [], null);

  const payloads = [
    { ...payload('1 device, valid', devices(1)), valid: true },
    { ...payload('1,000 devices, valid', devices(1000)), valid: true },
    { ...payload('1,000 devices, last one invalid', devicesWithOneError(1000)), valid: false },
  ];
  const rows: Row[] = [];
  const detail: string[][] = [];
  const notes: string[] = [];
  for (const p of payloads) {
    const parsed = JSON.parse(p.text) as unknown;
    // Every validator must agree on the verdict, and the fast path must report zod's exact issues.
    const verdicts = {
      zod: zodSchema.safeParse(parsed).success,
      ajv: ajv(parsed),
      standalone: standalone.validate(parsed),
      fastPath: fastPath(parsed).success,
      check: compiled(parsed),
    };
    for (const [name, ok] of Object.entries(verdicts)) if (ok !== p.valid) throw new Error(`${name} says ${p.label} is ${ok ? 'valid' : 'invalid'}`);
    if (!p.valid) {
      const zodIssues = zodSchema.safeParse(parsed).error?.issues;
      const fastIssues = (fastPath(parsed) as { error?: { issues: unknown } }).error?.issues;
      if (!isDeepStrictEqual(zodIssues, fastIssues)) throw new Error('the fast path changed the issues zod reports');
      notes.push(
        `Invalid body: zod and the fast path report the same ${zodIssues?.length} issue(s) (${zodIssues?.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ')}); ajv alone would say \`${ajv.errors?.[0]?.instancePath} ${ajv.errors?.[0]?.message}\`.`,
      );
    }
    const rounds = await measure(
      {
        'JSON.parse': () => JSON.parse(p.text),
        zod: () => zodSchema.safeParse(parsed),
        ajv: () => ajv(parsed),
        'ajv standalone': () => standalone.validate(parsed),
        'fast path': () => fastPath(parsed),
        'compiled check': () => compiled(parsed),
      },
      { rounds: quick ? 1 : 15, timeMs: quick ? 50 : 40, iterations: 10, clock: 'cpu' },
    );
    const mbps = (name: string) => `${(p.bytes / 1e6 / (medianOf(rounds, name) / 1000)).toFixed(0)} MB/s`;
    const names = ['JSON.parse', 'compiled check', 'zod', 'ajv', 'ajv standalone', 'fast path'];
    detail.push([`${p.label} (${kb(p.bytes)})`, ...names.map((n) => `${ms(medianOf(rounds, n))}, ${mbps(n)}`), ratio(ratioOf(rounds, 'compiled check', 'ajv standalone'))]);
    const shown = (name: string) => ratioWithRange(ratioOf(rounds, name, 'JSON.parse'), ratioRange(rounds, name, 'JSON.parse'));
    const zodRatio = ratioOf(rounds, 'zod', 'JSON.parse');
    const checkRatio = ratioOf(rounds, 'compiled check', 'JSON.parse');
    // The target is for the normal case, a valid body; an invalid one is an error path, reported as is.
    const targeted = p.bytes > 100_000 && p.valid;
    const target = targeted ? { target: `≤ ${TARGET}× JSON.parse` } : {};
    rows.push({
      what: `compiled check (the runtime's path) / JSON.parse: ${p.label}`,
      value: shown('compiled check'),
      ...target,
      ...(targeted ? { met: checkRatio <= TARGET } : {}),
    });
    rows.push({
      what: `zod (the runtime's path before the compiled checks) / JSON.parse: ${p.label}`,
      value: shown('zod'),
      ...(targeted ? { target: `≤ ${TARGET}× JSON.parse (before)`, met: zodRatio <= TARGET } : {}),
    });
    rows.push({ what: `ajv standalone → zod on failure / JSON.parse: ${p.label}`, value: shown('fast path') });
    rows.push({ what: `ajv (compiled in memory) / JSON.parse: ${p.label}`, value: shown('ajv') });
  }
  notes.push(`The standalone ajv module for this one response schema is ${kb(standalone.bytes)} of unminified JavaScript.`);
  notes.push(
    'The runtime runs the compiled check (tools/codegen/src/emit/checks.ts → generated/checks.ts): plain code, no eval, the verdicts of the generated zod ' +
      '(tools/codegen/test/differential.test.ts holds them equal on every request and response schema of every spec), and on a "no" it runs again collecting ' +
      "one issue per field in our words. It was chosen over ajv standalone because ajv reads JSON Schema, not our zod (safe integers, zod's formats, xor oneOf, " +
      "strict requests) and its output imports ajv's and ajv-formats' runtime helpers; the rows above show the speed is the same class.",
  );
  return {
    title: 'Validation throughput',
    method:
      'The compiled check the runtime runs for `listDevices` 200 (`definition.operations.listDevices.checks.responses[200]`, yes/no mode), the generated zod schema (`listDevicesResponses[200]` of `@vendor-contracts/tmt-first/schemas`, `safeParse` of an already-parsed body) vs `JSON.parse` of the body text, ' +
      'vs ajv 8 (`Ajv2020`) compiled from the same OpenAPI schema (refs → `$defs`, `x-` keys dropped), in memory and as a standalone module written to disk first, and the fast path ' +
      '(standalone ajv; zod only when ajv says no). Median CPU time per call (process.cpuUsage, so time spent waiting for a core is left out), MB/s of body text; ratios are medians over 15 short interleaved rounds (smallest and largest round in brackets), so changing load hits every case alike.',
    rows,
    details: `${table(['payload', 'JSON.parse', 'compiled check', 'zod', 'ajv', 'ajv standalone', 'fast path', 'compiled check / ajv standalone'], detail)}\n\n${notes.map((n) => `- ${n}`).join('\n')}`,
  };
}
