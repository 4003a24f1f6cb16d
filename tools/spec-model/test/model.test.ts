/**
 * The shared helpers under hostile input: pointers over every key spelling (`~`, `/`, `~1`
 * literals, empty keys, unicode), `$ref`s that cycle, dangle or leave the document, and documents
 * whose property names, example data and extension values are spelled like extensions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTENSIONS, checkExtensions, escapeToken, extensionSites, parsePointer, pointerOf, resolveRef, unescapeToken, valueAt } from '../src/index.js';

const RUNS = { seed: 1307, numRuns: 300 };
/** Keys with the characters pointers escape, over-represented. */
const key = fc.oneof(fc.string(), fc.stringMatching(/^[~/01a]{0,6}$/));

describe('JSON pointers', () => {
  it('pointerOf and parsePointer are inverse for any keys', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 6 }), (path) => {
        expect(parsePointer(pointerOf(path))).toEqual(path);
        for (const k of path) expect(unescapeToken(escapeToken(k))).toBe(k);
      }),
      RUNS,
    );
  });

  it('valueAt finds the value a path was built to, and undefined one step off', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.jsonValue(), (path, leaf) => {
        const doc = path.reduceRight<unknown>((inner, k) => ({ [k]: inner }), leaf);
        expect(valueAt(doc, pointerOf(path))).toStrictEqual(leaf);
        expect(valueAt(doc, [...path.slice(0, -1), `${path.at(-1)}~`])).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('never walks into inherited members or non-index array keys', () => {
    expect(valueAt({}, '/constructor')).toBeUndefined();
    expect(valueAt({ a: [1, 2] }, '/a/length')).toBeUndefined();
    expect(valueAt({ a: [1, 2] }, '/a/01')).toBeUndefined();
    expect(valueAt({ a: [1, 2] }, '/a/1')).toBe(2);
    expect(() => parsePointer('a/b')).toThrow(/not a JSON pointer/);
  });
});

describe('$ref resolution', () => {
  it('follows chains of local refs with escaped and percent-encoded names', () => {
    fc.assert(
      fc.property(
        key.filter((k) => k !== ''),
        (name) => {
          const doc = { components: { schemas: { [name]: { $ref: '#/components/schemas/Final' }, Final: { type: 'string' } } } };
          const ref = `#/components/schemas/${encodeURIComponent(escapeToken(name))}`;
          expect(resolveRef(doc, { $ref: ref })).toEqual({ type: 'string' });
        },
      ),
      RUNS,
    );
  });

  it('refuses cycles, dangling, non-local and non-object targets, naming the ref', () => {
    const doc = { a: { $ref: '#/b' }, b: { $ref: '#/a' }, n: 3 };
    expect(() => resolveRef(doc, { $ref: '#/a' }, 'here')).toThrow(/^here: circular \$ref "#\/a"/);
    expect(() => resolveRef(doc, { $ref: '#/nope' })).toThrow(/"#\/nope" points nowhere/);
    expect(() => resolveRef(doc, { $ref: 'other.yaml#/a' })).toThrow(/only local \$refs/);
    expect(() => resolveRef(doc, { $ref: '#/n' })).toThrow(/expected an object, got 3/);
  });
});

describe('extension sites', () => {
  const xName = fc.stringMatching(/^x-[a-z]{1,8}$/);

  it("a property, an example value or another extension's value spelled x-… is never an extension", () => {
    fc.assert(
      fc.property(xName, fc.jsonValue(), (name, data) => {
        const doc = {
          openapi: '3.1.0',
          paths: {
            '/a': {
              get: {
                responses: {
                  '200': {
                    content: {
                      'application/json': {
                        schema: { type: 'object', properties: { [name]: { type: 'string' } } },
                        examples: { one: { value: { [name]: data } } },
                      },
                    },
                  },
                },
                'x-invalid-examples': [{ summary: 's', in: 'body', value: { [name]: data } }],
              },
            },
          },
        };
        expect(extensionSites(doc).map((s) => s.name)).toEqual(['x-invalid-examples']);
      }),
      RUNS,
    );
  });

  it('an undeclared name is refused at every place an extension can stand', () => {
    const places: Array<(ext: Record<string, unknown>) => unknown> = [
      (x) => ({ ...x }),
      (x) => ({ info: { ...x } }),
      (x) => ({ servers: [{ url: 'https://a.test', ...x }] }),
      (x) => ({ paths: { '/a': { ...x } } }),
      (x) => ({ paths: { '/a': { post: { ...x } } } }),
      (x) => ({ paths: { '/a': { post: { parameters: [{ name: 'p', in: 'query', ...x }] } } } }),
      (x) => ({ paths: { '/a': { post: { requestBody: { ...x, content: {} } } } } }),
      (x) => ({ paths: { '/a': { post: { responses: { '200': { description: 'd', ...x } } } } } }),
      (x) => ({ paths: { '/a': { post: { responses: { '200': { content: { 'application/json': { ...x } } } } } } } }),
      (x) => ({ components: { schemas: { A: { type: 'object', properties: { b: { items: { ...x } } } } } } }),
      (x) => ({ components: { schemas: { A: { oneOf: [{ allOf: [{ ...x }] }] } } } }),
      (x) => ({ components: { examples: { e: { ...x, value: 1 } } } }),
      (x) => ({ components: { securitySchemes: { s: { type: 'http', scheme: 'bearer', ...x } } } }),
    ];
    const declared = new Set<string>(EXTENSIONS.map((e) => e.name));
    fc.assert(
      fc.property(
        xName.filter((n) => !declared.has(n)),
        fc.constantFrom(...places),
        fc.jsonValue(),
        (name, place, value) => {
          const problems = checkExtensions({ openapi: '3.1.0', ...(place({ [name]: value }) as object) });
          expect(problems).toHaveLength(1);
          expect(problems[0]!.message).toMatch(new RegExp(`^${name} is not a declared extension`));
          expect(problems[0]!.path.at(-1)).toBe(name);
        },
      ),
      RUNS,
    );
  });
});
