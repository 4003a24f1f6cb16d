/**
 * Validation throughput of the generated zod validators on the `/devices` bodies, against
 * JSON.parse of the same body and against ajv compiled from the same spec schema, and the
 * "ajv fast path" design: a standalone ajv validator says yes/no, zod runs only on a "no" to
 * produce the error (so errors are exactly zod's).
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, workspaceRoot } from '@vendor-contracts/codegen';
import { definition } from '@vendor-contracts/tmt-first';
import type { ZodType } from 'zod';
import { compileAjv, compileStandalone, toJsonSchema } from './ajv.js';
import { measure, medianOf, ratioOf } from './harness.js';
import { devices, devicesWithOneError, payload } from './payloads.js';
import { kb, ms, ratio, type Row, type SectionResult, table } from './report.js';

const TARGET = 0.3;

export async function validationSection(quick: boolean): Promise<SectionResult> {
  const zodSchema = definition.operations.listDevices?.responses['200'] as ZodType | undefined;
  if (!zodSchema) throw new Error('tmt-first: listDevices has no 200 response schema');
  const { doc } = loadSpec(join(workspaceRoot, 'specs', 'tmt-first', 'openapi.yaml'));
  const jsonSchema = toJsonSchema(doc.paths['/devices'].get.responses['200'].content['application/json'].schema, doc.components.schemas);
  const ajv = compileAjv(jsonSchema);
  const cacheDir = fileURLToPath(new URL('../.cache', import.meta.url));
  const standalone = compileStandalone(jsonSchema, cacheDir, 'tmt-first-list-devices');
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
      { rounds: quick ? 1 : 5, timeMs: quick ? 50 : 200, iterations: 30 },
    );
    const mbps = (name: string) => `${(p.bytes / 1e6 / (medianOf(rounds, name) / 1000)).toFixed(0)} MB/s`;
    const names = ['JSON.parse', 'zod', 'ajv', 'ajv standalone', 'fast path'];
    detail.push([`${p.label} (${kb(p.bytes)})`, ...names.map((n) => `${ms(medianOf(rounds, n))}, ${mbps(n)}`), ratio(ratioOf(rounds, 'zod', 'ajv standalone'))]);
    const zodRatio = ratioOf(rounds, 'zod', 'JSON.parse');
    const fastRatio = ratioOf(rounds, 'fast path', 'JSON.parse');
    const targeted = p.bytes > 100_000;
    const target = targeted ? { target: `≤ ${TARGET}× JSON.parse`, } : {};
    rows.push({ what: `zod (today's design) / JSON.parse: ${p.label}`, value: ratio(zodRatio), ...target, ...(targeted ? { met: zodRatio <= TARGET } : {}) });
    rows.push({ what: `ajv standalone → zod on failure / JSON.parse: ${p.label}`, value: ratio(fastRatio), ...target, ...(targeted ? { met: fastRatio <= TARGET } : {}) });
    rows.push({ what: `ajv (compiled in memory) / JSON.parse: ${p.label}`, value: ratio(ratioOf(rounds, 'ajv', 'JSON.parse')) });
  }
  notes.push(`The standalone ajv module for this one response schema is ${kb(standalone.bytes)} of unminified JavaScript.`);
  return {
    title: 'Validation throughput',
    method:
      'The zod schema the runtime uses for `listDevices` 200 (`definition.operations.listDevices.responses[200]`, `safeParse` of an already-parsed body) vs `JSON.parse` of the body text, ' +
      'vs ajv 8 (`Ajv2020`) compiled from the same OpenAPI schema (refs → `$defs`, `x-` keys dropped), in memory and as a standalone module written to disk first, and the fast path ' +
      '(standalone ajv; zod only when ajv says no). Median time per call, MB/s of body text; ratios are medians over interleaved rounds.',
    rows,
    details: `${table(['payload', 'JSON.parse', 'zod', 'ajv', 'ajv standalone', 'fast path', 'zod / ajv standalone'], detail)}\n\n${notes.map((n) => `- ${n}`).join('\n')}`,
  };
}
