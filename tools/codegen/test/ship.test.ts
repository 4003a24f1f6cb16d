/**
 * The contract a vendor package ships (`dist/openapi.yaml`, `dist/openapi.json`) and its examples
 * module, for every vendor: the YAML is the very file the client was generated from (its sha256 is
 * the generated files' `@spec-sha256`), the JSON is that document with every `$ref` inlined, and
 * `examples.ts` holds every documented example by operation, status and name.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverVendors } from '../src/config.js';
import { dereference, SHIPPED_SPEC, shipSpec } from '../src/ship.js';
import { loadSpec, listOperations } from '../src/spec.js';

const temp = mkdtempSync(join(tmpdir(), 'vc-ship-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const vendors = discoverVendors();

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const refsIn = (value: unknown): number =>
  Array.isArray(value)
    ? value.reduce((n: number, v) => n + refsIn(v), 0)
    : value && typeof value === 'object'
      ? Object.entries(value).reduce((n, [k, v]) => n + (k === '$ref' ? 1 : refsIn(v)), 0)
      : 0;

describe('shipped spec files', () => {
  it('covers every vendor', () => expect(vendors.length).toBeGreaterThanOrEqual(5));

  for (const target of vendors) {
    it(`${target.vendor}: openapi.yaml is byte-identical to the spec its generated files name, openapi.json is it dereferenced`, () => {
      const dir = join(temp, target.vendor);
      shipSpec(target.specFile, dir);
      const shipped = readFileSync(join(dir, SHIPPED_SPEC.yaml));
      expect(shipped.equals(readFileSync(target.specFile))).toBe(true);
      const generated = readdirSync(target.outDir).filter((f) => f.endsWith('.ts'));
      expect(generated.length).toBeGreaterThanOrEqual(4);
      for (const file of generated) {
        const header = /@spec-sha256 ([0-9a-f]{64})/.exec(readFileSync(join(target.outDir, file), 'utf8'))?.[1];
        expect(header, file).toBe(sha256(shipped));
      }
      const json = JSON.parse(readFileSync(join(dir, SHIPPED_SPEC.json), 'utf8'));
      expect(refsIn(json)).toBe(0);
      const { doc } = loadSpec(target.specFile);
      expect(refsIn(doc)).toBeGreaterThan(0); // else the check above proves nothing for this vendor
      expect(json).toEqual(dereference(doc));
      expect(json.paths).toEqual(expect.objectContaining(Object.fromEntries(Object.keys(doc.paths).map((p) => [p, expect.anything()]))));
    });

    it(`${target.vendor}: examples.ts holds every documented response and request example by name`, async () => {
      const mod = await import(pathToFileURL(join(target.outDir, 'examples.ts')).href);
      const { doc } = loadSpec(target.specFile);
      let count = 0;
      for (const op of listOperations(doc)) {
        for (const [status, response] of Object.entries<any>(op.operation.responses ?? {})) {
          for (const [name, example] of Object.entries<any>(response.content?.['application/json']?.examples ?? {})) {
            expect(mod.examples[op.operationId][status][name], `${op.operationId} ${status} ${name}`).toEqual(example.value);
            count++;
          }
        }
        for (const [name, example] of Object.entries<any>(op.operation.requestBody?.content?.['application/json']?.examples ?? {})) {
          expect(mod.requestExamples[op.operationId][name], `${op.operationId} request ${name}`).toEqual(example.value);
          count++;
        }
      }
      expect(count).toBeGreaterThan(0);
    });
  }
});

describe('dereference', () => {
  // Any chain of components referring to earlier ones (so no cycle), referenced from anywhere.
  const docs = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc
      .tuple(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: n, maxLength: n }), fc.array(fc.nat({ max: n - 1 }), { minLength: n, maxLength: n }), fc.nat({ max: n - 1 }))
      .map(([values, links, root]) => {
        const schemas: Record<string, unknown> = {};
        values.forEach((value, i) => {
          // component i holds its own value and, for i > 0, a reference to an earlier one (names need escaping)
          schemas[`c~${i}/x`] = i > 0 ? { value, next: { $ref: `#/components/schemas/c~0${links[i]! % i}~1x` } } : { value };
        });
        return { doc: { components: { schemas }, paths: { '/p': { $ref: `#/components/schemas/c~0${root}~1x` } } }, root };
      }),
  );

  it('inlines every reference with its target (escaped names, chains), leaving none', () => {
    fc.assert(
      fc.property(docs, ({ doc, root }) => {
        const out = dereference(doc as any);
        expect(refsIn(out)).toBe(0);
        const rootValue = (doc.components.schemas as any)[`c~${root}/x`].value;
        expect((out.paths['/p'] as any).value).toEqual(rootValue);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('refuses a cycle and a dangling or remote reference, naming it', () => {
    expect(() => dereference({ components: { schemas: { a: { $ref: '#/components/schemas/b' }, b: { $ref: '#/components/schemas/a' } } } } as any)).toThrow(
      /#\/components\/schemas\/(a|b) refers to itself/,
    );
    expect(() => dereference({ x: { $ref: '#/components/schemas/missing' } } as any)).toThrow(/dangling reference #\/components\/schemas\/missing/);
    expect(() => dereference({ x: { $ref: 'other.yaml#/a' } } as any)).toThrow(/only local references.*other\.yaml/);
  });
});
