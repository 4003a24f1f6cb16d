/**
 * Faithfulness proof: every generated component schema, rendered back to JSON Schema by
 * @asteasolutions/zod-to-openapi, says what the spec says — same types, nullability, required
 * fields, enum values, formats, bounds, patterns, properties, items, map values and union branches
 * (support/normalise.ts lists the facets and every deliberate omission; normalise.test.ts proves
 * the comparison fails on each kind of loss).
 *
 * Runs for every vendor whose package has generated schemas (specs/<v>/openapi.yaml +
 * packages/<v>/src/generated/schemas.ts).
 */
// support/zod-openapi.js must come first: it extends zod before the generated schemas are created.
import { roundTripDiff } from './support/zod-openapi.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ZodObject, type ZodType, z } from 'zod';
import { emitSchemas } from '../src/emit/schemas.js';
import { TempGenerated } from './support/generated.js';
import type { Json } from './support/normalise.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Vendor {
  vendor: string;
  schemas: Record<string, Json>;
  strictComponents: Record<string, ZodType>;
  components: Record<string, ZodType>;
}

const vendors: Vendor[] = [];
for (const vendor of readdirSync(join(root, 'specs')).sort()) {
  const specFile = join(root, 'specs', vendor, 'openapi.yaml');
  const generated = join(root, 'packages', vendor, 'src', 'generated', 'schemas.ts');
  if (!existsSync(specFile) || !existsSync(generated)) continue;
  const doc = parse(readFileSync(specFile, 'utf8')) as Json;
  const mod = (await import(pathToFileURL(generated).href)) as Pick<Vendor, 'strictComponents' | 'components'>;
  vendors.push({
    vendor,
    schemas: doc.components?.schemas ?? {},
    strictComponents: mod.strictComponents,
    components: mod.components,
  });
}

// The emit fixtures too (test/fixtures/*.yaml): one feature each, so every translation the
// generator knows is round-tripped even if no vendor spec uses it yet.
const fixtures = join(root, 'tools', 'codegen', 'test', 'fixtures');
const temp = new TempGenerated();
afterAll(() => temp.remove());
for (const file of readdirSync(fixtures)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const doc = parse(readFileSync(join(fixtures, file), 'utf8')) as Json;
  if (!String(doc.openapi).startsWith('3.1')) continue;
  const mod = await temp.load(file, new Map([['schemas.ts', emitSchemas(doc, `fixtures/${file}`)]]), 'schemas.ts');
  vendors.push({
    vendor: `fixture ${file}`,
    schemas: doc.components?.schemas ?? {},
    strictComponents: mod.strictComponents,
    components: mod.components,
  });
}

it('finds at least one vendor with a generated package (tmt-first)', () => {
  expect(vendors.map((v) => v.vendor)).toContain('tmt-first');
});

describe.each(vendors)('$vendor', ({ schemas, strictComponents, components }) => {
  it('generates exactly the spec’s components, in both renderings', () => {
    expect(Object.keys(strictComponents).sort()).toEqual(Object.keys(schemas).sort());
    expect(Object.keys(components).sort()).toEqual(Object.keys(schemas).sort());
  });

  const names = Object.keys(schemas).sort();
  it.each(names)('%s (strict) says what the spec says', (name) => {
    expect(roundTripDiff(schemas[name]!, schemas, strictComponents[name]!), `spec vs generated ${name}Strict`).toEqual([]);
  });
  // The tolerant rendering differs only in keeping unknown keys (which the normal form leaves out).
  it.each(names)('%s (tolerant) says what the spec says', (name) => {
    expect(roundTripDiff(schemas[name]!, schemas, components[name]!), `spec vs generated ${name}`).toEqual([]);
  });
});

describe('the round trip fails on a real component translated wrongly', () => {
  const tmt = vendors.find((v) => v.vendor === 'tmt-first')!;
  const quote = tmt.strictComponents.Quote as unknown as ZodObject;

  it.each<[string, () => ZodType, RegExp]>([
    ['a dropped pattern', () => quote.extend({ quote_price: z.string() }), /^#\/properties\/quote_price: pattern: spec /],
    ['lost nullability', () => quote.extend({ repair_outcome: z.string() }), /^#\/properties\/repair_outcome: nullable: spec true/],
    ['a required field turned optional', () => quote.partial({ repairable: true }), /^#: required: /],
    ['a lost property', () => quote.omit({ triage_conditions: true }), /^#\/properties\/triage_conditions: only in spec$/],
  ])('%s', (_title, mutate, expected) => {
    const diff = roundTripDiff(tmt.schemas.Quote!, tmt.schemas, mutate());
    expect(
      diff.some((line) => expected.test(line)),
      diff.join('\n'),
    ).toBe(true);
  });
});
