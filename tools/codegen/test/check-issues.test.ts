/**
 * The generated checks explain a rejected request field by field: for any valid sample of any
 * request part of any spec and any set of k independent mutations in distinct fields (a value of
 * the wrong type, a required field removed, an unknown key added), the check reports exactly k
 * issues, at exactly those paths. Fields inside a union without a discriminator are left out (which
 * branch a value "meant" is a guess there); inside a discriminated union the flag picks the branch.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Check, CheckIssue, OperationChecks } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ajvSchemaSites } from '../src/ajv-schemas.js';
import { ZodEmitter } from '../src/emit/zod.js';
import { loadSpec } from '../src/spec.js';
import { arbitraryOf } from './support/arbitraries.js';

type Json = Record<string, any>;
type Path = Array<string | number>;
interface Mutation {
  kind: 'replace' | 'remove' | 'add';
  /** The node changed (for `add`, the object that gets the key). */
  at: Path;
  /** Where the issue must be reported. */
  reported: Path;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS_PER_SITE = 25;
const UNKNOWN_KEY = 'zz_not_in_the_spec';
/** Of no JSON type: wrong for every constrained schema, and it has no items or keys to report instead. */
const WRONG = Symbol('wrong');

/** The fields of `value` that can be broken independently, walking the schema alongside it. */
function mutations(schema: Json, value: unknown, path: Path, z: ZodEmitter, out: Mutation[], skip?: string): void {
  let s = schema.$ref ? z.resolve(schema, '#') : schema;
  if (s.allOf) s = z.mergeAllOf(s, '#');
  if (s.oneOf || s.anyOf) {
    if (value === null) return;
    const others = (s.oneOf ?? s.anyOf).filter((b: Json) => b.type !== 'null');
    if (others.length === 1) return mutations(others[0], value, path, z, out);
    const disc = z.discriminatorOf(others, '#');
    if (!disc || !value || typeof value !== 'object') return;
    const branch = others.find((b: Json) => {
      const r = z.resolve(b, '#');
      const o = r.allOf ? z.mergeAllOf(r, '#') : r;
      const p = z.resolve(o.properties[disc], '#');
      return (p.const !== undefined ? [p.const] : p.enum).includes((value as Json)[disc]);
    });
    if (branch) mutations(branch, value, path, z, out, disc);
    return;
  }
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => mutations(s.items, item, [...path, i], z, out));
    return;
  }
  if (!value || typeof value !== 'object' || !s.properties) return;
  const required = new Set<string>(s.required ?? []);
  for (const [key, child] of Object.entries(value as Json)) {
    const prop = s.properties[key];
    if (!prop || key === skip) continue;
    const at = [...path, key];
    const resolved = prop.$ref ? z.resolve(prop, '#') : prop;
    const constrained = ['type', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', 'properties'].some((k) => k in resolved);
    if (child !== null && typeof child === 'object') mutations(prop, child, at, z, out);
    else if (constrained) out.push({ kind: 'replace', at, reported: at });
    if (required.has(key)) out.push({ kind: 'remove', at, reported: at });
  }
  if (s.additionalProperties === undefined || s.additionalProperties === false) out.push({ kind: 'add', at: path, reported: [...path, UNKNOWN_KEY] });
}

const prefix = (a: Path, b: Path) => a.length <= b.length && a.every((seg, i) => seg === b[i]);

/** No mutation touches what another changes: a replaced or removed node is not inside (or equal to) another. */
function independent(list: Mutation[]): boolean {
  return list.every((a, i) =>
    list.every((b, j) => i === j || ((a.kind === 'add' || !prefix(a.at, b.at)) && !(a.kind === 'add' && b.kind === 'add' && prefix(a.at, b.at) && prefix(b.at, a.at)))),
  );
}

function apply(value: unknown, list: Mutation[]): unknown {
  const copy = structuredClone(value);
  for (const m of list) {
    if (m.kind === 'add' && m.at.length === 0) {
      (copy as Json)[UNKNOWN_KEY] = 1;
      continue;
    }
    let parent: any = copy;
    const steps = m.kind === 'add' ? m.at : m.at.slice(0, -1);
    for (const seg of steps) parent = parent[seg];
    if (m.kind === 'add') parent[UNKNOWN_KEY] = 1;
    else if (m.kind === 'remove') delete parent[m.at[m.at.length - 1]!];
    else parent[m.at[m.at.length - 1]!] = WRONG;
  }
  return copy;
}

interface Site {
  label: string;
  schema: Json;
  check: Check;
  z: ZodEmitter;
}

const sites: Site[] = [];
for (const vendor of readdirSync(join(root, 'specs')).sort()) {
  const specFile = join(root, 'specs', vendor, 'openapi.yaml');
  const checksFile = join(root, 'packages', vendor, 'src', 'generated', 'checks.ts');
  if (!existsSync(specFile) || !existsSync(checksFile)) continue;
  const doc = loadSpec(specFile).doc as Json;
  const checks: Record<string, OperationChecks> = await import(pathToFileURL(checksFile).href);
  const z = new ZodEmitter(doc.components?.schemas ?? {}, vendor);
  for (const site of ajvSchemaSites(doc).filter((s) => s.direction === 'request')) {
    const check = checks[`${site.operationId}Checks`]?.request[site.part as 'body'];
    if (!check) throw new Error(`${vendor} ${site.operationId} ${site.part}: no generated check`);
    sites.push({ label: `${vendor} ${site.operationId} ${site.part}`, schema: site.schema, check, z });
  }
}

describe('k independent faults in distinct fields → exactly k issues at those paths', () => {
  it('covers request sites of every spec', () => {
    expect(new Set(sites.map((s) => s.label.split(' ')[0])).size).toBeGreaterThanOrEqual(5);
  });

  it.each(sites.map((s) => ({ ...s, name: s.label })))('$name', ({ label, schema, check, z }) => {
    const seed = [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 11);
    const cases = arbitraryOf(schema, z).chain((value) => {
      const all: Mutation[] = [];
      mutations(schema, value, [], z, all);
      return fc.tuple(fc.constant(value), fc.shuffledSubarray(all, { minLength: Math.min(1, all.length), maxLength: Math.min(6, all.length) }).filter(independent));
    });
    fc.assert(
      fc.property(cases, ([value, list]) => {
        // The sample arbitraries do not compute Luhn check digits: those samples are not valid to start with.
        fc.pre(check(value, [], null));
        const broken = apply(value, list);
        const found: CheckIssue[] = [];
        const ok = check(broken, [], found);
        expect(ok).toBe(list.length === 0);
        const key = (p: readonly (string | number)[]) => JSON.stringify(p);
        expect(found.map((i) => key(i.path)).sort()).toEqual(list.map((m) => key(m.reported)).sort());
      }),
      { seed, numRuns: RUNS_PER_SITE },
    );
  });
});

describe('the five faults of the issue, in one TMT prealert body', () => {
  it('a wrong type, an empty enum value, a missing field, an extra key and a bad flag: five issues, each at its field', async () => {
    const checks: Record<string, OperationChecks> = await import(pathToFileURL(join(root, 'packages/tmt-first/src/generated/checks.ts')).href);
    const found: CheckIssue[] = [];
    const body = { customer_reference: 5, make: '', ra_flag: 2, return_address: null, surprise: true };
    expect(checks.prealertChecks!.request.body!(body, [], found)).toBe(false);
    expect(found.map((i) => `${i.path.join('.')} ${i.rule}`).sort()).toEqual([
      'customer_reference type: string',
      'job_description required',
      expect.stringMatching(/^make enum: "Apple"/),
      'ra_flag enum: 0 | 1',
      'surprise additionalProperties: false',
    ]);
  });
});
