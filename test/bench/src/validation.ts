/**
 * Validation throughput of the generated zod validators on the `/devices` bodies, against
 * JSON.parse of the same body and against ajv compiled from the same spec schema, and the
 * "ajv fast path" design: a standalone ajv validator says yes/no, zod runs only on a "no" to
 * produce the error (so errors are exactly zod's).
 */
import { isDeepStrictEqual } from 'node:util';
import { definition } from '@vendor-contracts/tmt-first';
import type { ZodType } from 'zod';
import { CACHE_DIR, compileAjv, compileStandalone, listDevicesJsonSchema } from './ajv.js';
import { measure, medianOf, ratioOf, ratioRange } from './harness.js';
import { devices, devicesWithOneError, payload } from './payloads.js';
import { kb, ms, ratio, ratioWithRange, type Row, type SectionResult, table } from './report.js';

const TARGET = 0.3;

export async function validationSection(quick: boolean): Promise<SectionResult> {
  const zodSchema = definition.operations.listDevices?.responses['200'] as ZodType | undefined;
  if (!zodSchema) throw new Error('tmt-first: listDevices has no 200 response schema');
  const jsonSchema = listDevicesJsonSchema();
  const ajv = compileAjv(jsonSchema);
  const standalone = compileStandalone(jsonSchema, CACHE_DIR, 'tmt-first-list-devices');
  const fastPath = (value: unknown) => (standalone.validate(value) ? { success: true as const, data: value } : zodSchema.safeParse(value));

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
    const verdicts = { zod: zodSchema.safeParse(parsed).success, ajv: ajv(parsed), standalone: standalone.validate(parsed), fastPath: fastPath(parsed).success };
    for (const [name, ok] of Object.entries(verdicts)) if (ok !== p.valid) throw new Error(`${name} says ${p.label} is ${ok ? 'valid' : 'invalid'}`);
    if (!p.valid) {
      const zodIssues = zodSchema.safeParse(parsed).error?.issues;
      const fastIssues = (fastPath(parsed) as { error?: { issues: unknown } }).error?.issues;
      if (!isDeepStrictEqual(zodIssues, fastIssues)) throw new Error('the fast path changed the issues zod reports');
      notes.push(`Invalid body: zod and the fast path report the same ${zodIssues?.length} issue(s) (${zodIssues?.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ')}); ajv alone would say \`${ajv.errors?.[0]?.instancePath} ${ajv.errors?.[0]?.message}\`.`);
    }
    const rounds = await measure(
      {
        'JSON.parse': () => JSON.parse(p.text),
        zod: () => zodSchema.safeParse(parsed),
        ajv: () => ajv(parsed),
        'ajv standalone': () => standalone.validate(parsed),
        'fast path': () => fastPath(parsed),
      },
      { rounds: quick ? 1 : 15, timeMs: quick ? 50 : 40, iterations: 10, clock: 'cpu' },
    );
    const mbps = (name: string) => `${(p.bytes / 1e6 / (medianOf(rounds, name) / 1000)).toFixed(0)} MB/s`;
    const names = ['JSON.parse', 'zod', 'ajv', 'ajv standalone', 'fast path'];
    detail.push([`${p.label} (${kb(p.bytes)})`, ...names.map((n) => `${ms(medianOf(rounds, n))}, ${mbps(n)}`), ratio(ratioOf(rounds, 'zod', 'ajv standalone'))]);
    const shown = (name: string) => ratioWithRange(ratioOf(rounds, name, 'JSON.parse'), ratioRange(rounds, name, 'JSON.parse'));
    const zodRatio = ratioOf(rounds, 'zod', 'JSON.parse');
    const fastRatio = ratioOf(rounds, 'fast path', 'JSON.parse');
    // The target is for the normal case, a valid body; an invalid one is an error path, reported as is.
    const targeted = p.bytes > 100_000 && p.valid;
    const target = targeted ? { target: `≤ ${TARGET}× JSON.parse`, } : {};
    rows.push({ what: `zod (today's design) / JSON.parse: ${p.label}`, value: shown('zod'), ...target, ...(targeted ? { met: zodRatio <= TARGET } : {}) });
    rows.push({ what: `ajv standalone → zod on failure / JSON.parse: ${p.label}`, value: shown('fast path'), ...target, ...(targeted ? { met: fastRatio <= TARGET } : {}) });
    rows.push({ what: `ajv (compiled in memory) / JSON.parse: ${p.label}`, value: shown('ajv') });
  }
  notes.push(`The standalone ajv module for this one response schema is ${kb(standalone.bytes)} of unminified JavaScript.`);
  notes.push(
    '**Recommendation (measured here, not implemented):** generate a standalone ajv validator per response schema at codegen time and have the runtime run it first; ' +
      'zod runs only when ajv rejects, so `ResponseContractError` keeps exactly zod\'s issues (checked above) and the types stay zod\'s and openapi-typescript\'s. ' +
      'It is a clear speed win on valid bodies (the rows above and the `fast` column under Call overhead) and costs a little on invalid ones (ajv + zod). ' +
      'It is not small, so it is left as a design step: (1) ajv must never accept what zod rejects, so `x-luhn` and `uniqueItems` (zod refinements), zod\'s formats ' +
      '(`z.iso.date()`, `z.email()`, `z.guid()`, `z.url()`) and discriminated unions need ajv keywords and formats with the same semantics, proven on the spec-example ' +
      'and x-invalid-example corpus plus fuzzing; (2) every vendor package would ship ajv\'s runtime helpers and the generated validator code (bundle size is already over target); ' +
      '(3) `onUnknownFields` needs a second, strict validator per response.',
  );
  return {
    title: 'Validation throughput',
    method:
      'The zod schema the runtime uses for `listDevices` 200 (`definition.operations.listDevices.responses[200]`, `safeParse` of an already-parsed body) vs `JSON.parse` of the body text, ' +
      'vs ajv 8 (`Ajv2020`) compiled from the same OpenAPI schema (refs → `$defs`, `x-` keys dropped), in memory and as a standalone module written to disk first, and the fast path ' +
      '(standalone ajv; zod only when ajv says no). Median CPU time per call (process.cpuUsage, so time spent waiting for a core is left out), MB/s of body text; ratios are medians over 15 short interleaved rounds (smallest and largest round in brackets), so changing load hits every case alike.',
    rows,
    details: `${table(['payload', 'JSON.parse', 'zod', 'ajv', 'ajv standalone', 'fast path', 'zod / ajv standalone'], detail)}\n\n${notes.map((n) => `- ${n}`).join('\n')}`,
  };
}
