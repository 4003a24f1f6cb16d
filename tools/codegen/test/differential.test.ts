/**
 * Differential test, in two parts. (1) The generated checks (generated/checks.ts, the runtime's hot
 * path) and the generated zod give the same verdict on every input, for every request part and
 * every response body (every status) of every spec: no exception list. (2) The generated zod and ajv (8, draft 2020-12, ajv-formats full mode) on the
 * spec's own schema give the same verdict, for every request part and every 2xx response body of
 * every vendor spec, on valid samples generated from the schema (fast-check) and on keyword
 * mutants of them (a node replaced by a wrong type, a boundary or format-edge value, a key added
 * or removed). Every disagreement must be one of DELIBERATE_DIFFERENCES, each with its reason.
 *
 * The sample arbitraries are written here (the spec subset of specs/README.md): json-schema-faker
 * does not know `x-luhn` nor our oneOf/allOf readings, and fast-check gives fixed seeds directly.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Check, CheckIssue, OperationChecks } from '@vendor-contracts/runtime';
import type { ZodType } from 'zod';
import { ajvSchemaSites, createSpecAjv, type SchemaSite } from '../src/ajv-schemas.js';
import { reachesTransform } from '../src/emit/checks.js';
import { emitSchemas } from '../src/emit/schemas.js';
import { ZodEmitter } from '../src/emit/zod.js';
import { loadSpec } from '../src/spec.js';
import { arbitraryOf } from './support/arbitraries.js';
import { TempGenerated } from './support/generated.js';

type Json = Record<string, any>;
type Issue = { code: string; format?: string; origin?: string; params?: { rule?: string }; input?: unknown; maximum?: unknown; minimum?: unknown; errors?: Issue[][] };

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SAMPLES_PER_SITE = 40;
const MUTANTS_PER_SITE = 40;

/**
 * The deliberate differences between the generated zod and JSON Schema, each recognised from the
 * zod issues of a value ajv accepts. Nothing else may differ.
 */
const DELIBERATE_DIFFERENCES: Array<{ name: string; reason: string; direction?: 'request'; matches: (issue: Issue) => boolean }> = [
  {
    name: 'strict requests',
    reason: 'requests reject unknown keys (additionalProperties: false unless the spec says otherwise): a misspelt field would be dropped silently by the vendor',
    direction: 'request',
    matches: (i) => i.code === 'unrecognized_keys',
  },
  {
    name: 'x-luhn',
    reason: 'the Luhn check digit of IMEIs is our extension; JSON Schema (ajv) does not know it',
    matches: (i) => i.code === 'custom' && i.params?.rule === 'x-luhn',
  },
  {
    name: 'unsafe integers',
    reason:
      'an integer beyond ±(2^53−1) has already lost digits when JSON.parse made it a number, so it is refused (rule maximum/minimum ±9007199254740991: a RequestValidationError or ContractViolationError naming the field) rather than passed on wrong',
    matches: (i) => i.origin === 'int' && ((i.code === 'too_big' && i.maximum === Number.MAX_SAFE_INTEGER) || (i.code === 'too_small' && i.minimum === -Number.MAX_SAFE_INTEGER)),
  },
  {
    name: 'uuid URN prefix',
    reason: "ajv-formats also accepts 'urn:uuid:<uuid>'; JSON Schema's uuid is RFC 4122's string form, which the vendors send",
    matches: (i) => i.code === 'invalid_format' && i.format === 'guid' && typeof i.input === 'string' && /^urn:uuid:/i.test(i.input),
  },
  {
    name: 'x-url-policy',
    reason: 'the URL policy of a callback URL (schemes, no userinfo, public host; e.g. AT&T Tool pingback_url) is our extension; JSON Schema (ajv) does not know it',
    matches: (i) => i.code === 'custom' && typeof i.params?.rule === 'string' && i.params.rule.startsWith('x-url-policy: '),
  },
];

interface Vendor {
  vendor: string;
  doc: Json;
  sites: SchemaSite[];
  generated: Record<string, any>;
  checks: Record<string, OperationChecks>;
}

const vendors: Vendor[] = [];
for (const vendor of readdirSync(join(root, 'specs')).sort()) {
  const specFile = join(root, 'specs', vendor, 'openapi.yaml');
  const generated = join(root, 'packages', vendor, 'src', 'generated', 'schemas.ts');
  if (!existsSync(specFile) || !existsSync(generated)) continue;
  const doc = loadSpec(specFile).doc as Json;
  const sites = ajvSchemaSites(doc);
  const checks = await import(pathToFileURL(join(root, 'packages', vendor, 'src', 'generated', 'checks.ts')).href);
  vendors.push({ vendor, doc, sites, generated: await import(pathToFileURL(generated).href), checks });
}

/** ajv is the reference for what we send and the 2xx bodies we accept; the checks are held to zod everywhere. */
const againstAjv = (site: SchemaSite) => site.direction === 'request' || /^response 2\d\d$/.test(site.part);

/**
 * The generated check for a site: `<op>Checks.request[part]` or `.responses[status]`. A response
 * whose validation also renames (`x-alias-of` below it) is listed in `rewrites`, so the runtime lets
 * zod produce the renamed body after the check's yes; the verdict is still the check's.
 */
function checkFor(v: Vendor, site: SchemaSite): Check {
  const op = v.checks[`${site.operationId}Checks`];
  if (!op) throw new Error(`${v.vendor} ${site.operationId}: no generated checks`);
  const status = site.part.slice('response '.length);
  const check = site.direction === 'request' ? op.request[site.part as 'body'] : op.responses[status];
  if (!check) throw new Error(`${v.vendor} ${site.operationId} ${site.part}: no generated check`);
  const transforms = reachesTransform(site.schema, v.doc.components?.schemas ?? {});
  if (site.direction === 'response' && transforms !== (op.rewrites?.includes(status) ?? false)) {
    throw new Error(`${v.vendor} ${site.operationId} ${site.part}: listed in rewrites ${transforms ? 'not ' : ''}as its schema says`);
  }
  return check;
}

/** The generated zod for a site: `<op>Request.<part>` (strict) or `<op>Responses[status]` (tolerant). */
function zodFor(v: Vendor, site: SchemaSite): ZodType {
  const schema =
    site.direction === 'request' ? v.generated[`${site.operationId}Request`]?.[site.part] : v.generated[`${site.operationId}Responses`]?.[site.part.slice('response '.length)];
  if (!schema) throw new Error(`${v.vendor} ${site.operationId} ${site.part}: no generated schema`);
  return schema as ZodType;
}

/** Replacement values that break one keyword or sit on its edge: types, lengths, ranges, formats. */
const EDGE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  1e300,
  '',
  ' ',
  'x'.repeat(5000),
  [],
  {},
  [null],
  { unknown: 1 },
  'not an email',
  'a@b',
  '.a@test.org',
  'a..b@test.org',
  'a b@test.org',
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01 00:00:00Z',
  '2016-12-31T22:59:60Z',
  '2024-01-01T00:00:00+24:00',
  'urn:uuid:d647067f-20d4-4ac3-891e-a4549e727bee',
  'D647067F-20D4-4AC3-891E-A4549E727BEE',
  'd647067f20d44ac3891ea4549e727bee',
  'no scheme',
  '/relative/path',
  'http://a b',
  '999.1.1.1',
  '1.2.3.4',
];

type Path = Array<string | number>;

/** A deep copy that keeps `undefined`, Dates and null-prototype objects (structuredClone would not all). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

function nodePaths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodePaths(v, [...at, k], out);
  return out;
}

function mutate(value: unknown, path: Path, action: 'replace' | 'remove' | 'add', edge: unknown): unknown {
  const copy = clone(value);
  if (path.length === 0) return action === 'replace' ? edge : action === 'add' && copy && typeof copy === 'object' && !Array.isArray(copy) ? { ...copy, unknownKey: edge } : edge;
  let parent: any = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg];
  const last = path[path.length - 1]!;
  if (action === 'remove' && !Array.isArray(parent)) delete parent[last];
  else if (action === 'add' && parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last].unknownKey = edge;
  else parent[last] = edge;
  return copy;
}

/** Values a caller's JavaScript can hold but JSON cannot: the checks must read them as zod does. */
const JS_EDGE_VALUES: unknown[] = [
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  new Date(0),
  Object.create(null),
  [undefined],
  '\u0000',
  'é'.repeat(3),
];

function mutantArbitrary(valid: fc.Arbitrary<unknown>, edges: unknown[] = EDGE_VALUES): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    const paths = nodePaths(value);
    return fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'remove', 'add') as fc.Arbitrary<'replace' | 'remove' | 'add'>, fc.constantFrom(...edges))
      .map(([p, action, edge]) => mutate(value, p, action, edge));
  });
}

interface Tally {
  samples: number;
  /** Samples ajv accepts: the generator's valid samples really are valid. */
  samplesValid: number;
  mutants: number;
  agreed: number;
  deliberate: Record<string, number>;
}
const tallies = new Map<string, Tally>();
const started = Date.now();

/** The verdict pair for one value, or the unexplained disagreement. */
function compare(v: Vendor, site: SchemaSite, zod: ZodType, value: unknown, tally: Tally): string | undefined {
  const ajvOk = site.validate(value) === true;
  const parsed = zod.safeParse(value);
  if (ajvOk === parsed.success) {
    tally.agreed++;
    return undefined;
  }
  if (ajvOk && !parsed.success) {
    const known = DELIBERATE_DIFFERENCES.filter((d) => !d.direction || d.direction === site.direction);
    const names = deliberate(parsed.error.issues as unknown as Issue[], known);
    if (names) {
      for (const name of names) tally.deliberate[name] = (tally.deliberate[name] ?? 0) + 1;
      return undefined;
    }
  }
  return `${v.vendor} ${site.operationId} ${site.part}: ajv ${ajvOk ? 'accepts' : 'rejects'}, zod ${parsed.success ? 'accepts' : `rejects (${JSON.stringify(parsed.error.issues).slice(0, 400)})`}: ${JSON.stringify(value).slice(0, 300)}`;
}

/**
 * The deliberate differences that explain every issue, or undefined. A union fails when every
 * branch fails; it is explained when some branch fails only for deliberate reasons.
 */
function deliberate(issues: Issue[], known: typeof DELIBERATE_DIFFERENCES): Set<string> | undefined {
  const out = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors?.length) {
      const branch = issue.errors.map((b) => deliberate(b, known)).find(Boolean);
      if (!branch) return undefined;
      for (const n of branch) out.add(n);
      continue;
    }
    const d = known.find((k) => k.matches(issue));
    if (!d) return undefined;
    out.add(d.name);
  }
  return out;
}

/** Checks against zod: the same verdict on every value, no exceptions. */
function compareCheck(v: Vendor, site: SchemaSite, zod: ZodType, check: Check, value: unknown, tally: { compared: number; rejected: number }): string | undefined {
  const zodOk = zod.safeParse(value).success;
  const fast = check(value, [], null);
  const found: CheckIssue[] = [];
  const collected = check(value, [], found);
  tally.compared++;
  if (!zodOk) tally.rejected++;
  if (fast === zodOk && collected === zodOk && (zodOk ? found.length === 0 : found.length > 0)) return undefined;
  return `${v.vendor} ${site.operationId} ${site.part}: zod ${zodOk ? 'accepts' : 'rejects'}, the check ${fast ? 'accepts' : 'rejects'} (collecting: ${collected}, ${JSON.stringify(found)}): ${String(JSON.stringify(value)).slice(0, 300)}`;
}
const checkTally = { compared: 0, rejected: 0 };

describe.each(vendors)('$vendor: generated checks, generated zod and ajv on the spec agree', (v) => {
  const emitter = new ZodEmitter(v.doc.components?.schemas ?? {}, v.vendor);
  const tally: Tally = { samples: 0, samplesValid: 0, mutants: 0, agreed: 0, deliberate: {} };
  tallies.set(v.vendor, tally);

  it('has request and 2xx response sites', () => {
    expect(v.sites.some((s) => s.direction === 'request')).toBe(true);
    expect(v.sites.some((s) => s.direction === 'response')).toBe(true);
  });

  it.each(v.sites.map((site) => ({ site, label: `${site.operationId} ${site.part}` })))('$label', ({ site }) => {
    const zod = zodFor(v, site);
    const check = checkFor(v, site);
    const valid = arbitraryOf(site.schema, emitter);
    const seed = [...`${v.vendor} ${site.operationId} ${site.part}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
    const disagreements: string[] = [];
    const withCheck = (value: unknown) => {
      if (!check) return;
      const d = compareCheck(v, site, zod, check, value, checkTally);
      if (d) disagreements.push(d);
    };
    for (const value of fc.sample(valid, { seed, numRuns: SAMPLES_PER_SITE })) {
      withCheck(value);
      if (!againstAjv(site)) continue;
      tally.samples++;
      if (site.validate(value) === true) tally.samplesValid++;
      const d = compare(v, site, zod, value, tally);
      if (d) disagreements.push(d);
    }
    for (const value of fc.sample(mutantArbitrary(valid), { seed: seed + 1, numRuns: MUTANTS_PER_SITE })) {
      withCheck(value);
      if (!againstAjv(site)) continue;
      tally.mutants++;
      const d = compare(v, site, zod, value, tally);
      if (d) disagreements.push(d);
    }
    for (const value of fc.sample(mutantArbitrary(valid, [...EDGE_VALUES, ...JS_EDGE_VALUES]), { seed: seed + 2, numRuns: MUTANTS_PER_SITE })) withCheck(value);
    expect(disagreements).toEqual([]);
  });
});

describe('formats mean what JSON Schema says: the RFC spellings a narrower validator rejected', () => {
  const temp = new TempGenerated();
  afterAll(() => temp.remove());
  const schemas = { Email: { type: 'string', format: 'email' }, DateTime: { type: 'string', format: 'date-time' }, Uri: { type: 'string', format: 'uri' } };
  const cases: Array<[keyof typeof schemas, string, boolean]> = [
    ...['a!b@test.org', '~bob@test.org', 'a/b@test.org', 'a=b@test.org', "o'hara+x@mail.test.org"].map((v) => ['Email', v, true] as [keyof typeof schemas, string, boolean]),
    ...['a@b', '.a@test.org', 'a..b@test.org', 'a b@test.org', 'test.org'].map((v) => ['Email', v, false] as [keyof typeof schemas, string, boolean]),
    ...['2024-01-01t00:00:00z', '2016-12-31T23:59:60Z', '2016-12-31T18:59:60-05:00', '2024-06-01T12:30:00.123456+02:00'].map(
      (v) => ['DateTime', v, true] as [keyof typeof schemas, string, boolean],
    ),
    ...['2016-12-31T22:59:60Z', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00', '2024-01-01T24:00:00Z'].map(
      (v) => ['DateTime', v, false] as [keyof typeof schemas, string, boolean],
    ),
    ...['urn:isbn:0451450523', 'mailto:a@test.org', 'https://some.com/valid/url'].map((v) => ['Uri', v, true] as [keyof typeof schemas, string, boolean]),
    ...['no scheme', '/relative/path', 'http://a b'].map((v) => ['Uri', v, false] as [keyof typeof schemas, string, boolean]),
  ];

  it.each(cases)('%s %s → %s, as ajv says', async (name, value, valid) => {
    const mod = await temp.load<Record<string, ZodType>>('formats', new Map([['schemas.ts', emitSchemas({ components: { schemas } }, 'formats')]]), 'schemas.ts');
    const ajv = createSpecAjv({ components: { schemas } }).validatorFor(schemas[name]);
    expect(ajv(value)).toBe(valid);
    expect(mod[name]!.safeParse(value).success).toBe(valid);
  });
});

describe('the differential test can fail', () => {
  it('a zod narrower than the spec (the old z.email()) disagrees with ajv on a valid RFC 5322 address', async () => {
    const { z } = await import('zod');
    const schema = { type: 'string', format: 'email' };
    const validate = createSpecAjv({}).validatorFor(schema);
    const site = { operationId: 'probe', part: 'body', direction: 'request', schema, validate } as SchemaSite;
    const tally: Tally = { samples: 0, samplesValid: 0, mutants: 0, agreed: 0, deliberate: {} };
    const probe = { vendor: 'probe', doc: {}, sites: [], generated: {}, checks: {} };
    expect(compare(probe, site, z.email(), 'a!b@test.org', tally)).toMatch(/ajv accepts, zod rejects/);
    expect(compare(probe, site, z.string(), 'not an email', tally)).toMatch(/ajv rejects, zod accepts/);
  });

  it('a check that accepts an unsafe integer zod refuses, or rejects without saying why, disagrees', async () => {
    const { z } = await import('zod');
    const probe = { vendor: 'probe', doc: {}, sites: [], generated: {}, checks: {} };
    const site = { operationId: 'probe', part: 'body', direction: 'request' } as SchemaSite;
    const tally = { compared: 0, rejected: 0 };
    const lax: Check = (v) => Number.isInteger(v);
    expect(compareCheck(probe, site, z.int(), lax, 2 ** 53 + 2, tally)).toMatch(/zod rejects, the check accepts/);
    const mute: Check = (v) => Number.isSafeInteger(v);
    expect(compareCheck(probe, site, z.int(), mute, 1.5, tally)).toMatch(/zod rejects, the check rejects \(collecting: false, \[\]\)/);
    expect(compareCheck(probe, site, z.int(), mute, 7, tally)).toBeUndefined();
  });
});

afterAll(() => {
  const lines = [...tallies].map(
    ([vendor, t]) => `${vendor}: ${t.samples} samples (${t.samplesValid} valid per ajv) + ${t.mutants} mutants, ${t.agreed} agreed, deliberate ${JSON.stringify(t.deliberate)}`,
  );
  // Figures for the report (the test setup fails tests that write to the console, so stderr directly).
  process.stderr.write(
    `differential: ${((Date.now() - started) / 1000).toFixed(1)} s\nchecks vs zod: ${checkTally.compared} values, ${checkTally.rejected} rejected by both\n${lines.join('\n')}\n`,
  );
});
