/**
 * The round-trip check (round-trip.test.ts) is only as good as its normaliser: these hand-written
 * pairs prove that equivalent spellings compare equal and that every kind of loss the round trip
 * exists to catch (a dropped bound, a lost enum value, a required field turned optional, lost
 * nullability, …) produces a difference naming the path and the facet.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { diffNormal, type Json, normaliseSpec, normaliseZod, patternFromRenderer } from './support/normalise.js';
import { restoreLostFacets, roundTripDiff, toOpenApi } from './support/zod-openapi.js';

const components: Record<string, Json> = {
  Name: { type: 'string', maxLength: 5 },
  Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
};
const specVsRendered = (spec: Json, rendered: Json) => diffNormal(normaliseSpec(spec, components), normaliseZod(rendered));

describe('normalise: equivalent spellings compare equal', () => {
  const nullableString = { type: ['string', 'null'] };
  it.each<[string, Json, Json]>([
    ['type: [x, null]', { type: ['string', 'null'] }, nullableString],
    ['3.0 nullable: true', { type: 'string', nullable: true }, nullableString],
    ['oneOf [x, {type: null}]', { oneOf: [{ type: 'string' }, { type: 'null' }] }, nullableString],
    ['anyOf [x, {type: null}]', { anyOf: [{ type: 'null' }, { type: 'string' }] }, nullableString],
    ['a nullable $ref', { oneOf: [{ $ref: '#/components/schemas/Name' }, { type: 'null' }] }, { type: ['string', 'null'], maxLength: 5 }],
    [
      'an integer enum as a union of literals',
      { type: 'integer', enum: [0, 1] },
      {
        anyOf: [
          { type: 'number', enum: [1] },
          { type: 'number', enum: [0] },
        ],
      },
    ],
    ['const as a one-value enum', { type: 'string', const: 'a' }, { type: 'string', enum: ['a'] }],
    ['enum order', { type: 'string', enum: ['b', 'a'] }, { type: 'string', enum: ['a', 'b'] }],
    ['null inside an enum', { type: ['string', 'null'], enum: ['a', null] }, { type: ['string', 'null'], enum: ['a', null] }],
    // zod-to-openapi writes z.literal(3).nullable() without null in the enum
    ['a nullable literal as zod-to-openapi writes it', { oneOf: [{ const: 3 }, { type: 'null' }] }, { type: ['number', 'null'], enum: [3] }],
    ['a pattern as zod-to-openapi writes it (source/flags)', { type: 'string', pattern: '^a/b$' }, { type: 'string', pattern: '^a\\/b$/u' }],
    ['ipv4 written as "ip" by zod-to-openapi', { type: 'string', format: 'ipv4' }, { type: 'string', format: 'ip' }],
    ['a documentation-only format', { type: 'string', format: 'phone' }, { type: 'string' }],
    ['z.int() safe-integer bounds', { type: 'integer' }, { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }],
    [
      'x-luhn and uniqueItems (enforced by refinements)',
      { type: 'array', uniqueItems: true, items: { type: 'string', 'x-luhn': true } },
      { type: 'array', items: { type: 'string' } },
    ],
    [
      '3.0 boolean exclusive bounds',
      { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
      { type: 'number', exclusiveMinimum: 0, maximum: 9 },
    ],
    [
      'strict, tolerant and unstated additionalProperties',
      { type: 'object', properties: {}, additionalProperties: false },
      { type: 'object', properties: {}, additionalProperties: {} },
    ],
    [
      'allOf parts of which one narrows a property (nullable → not, boolean → const)',
      {
        allOf: [
          { type: 'object', properties: { a: { type: ['number', 'null'] }, b: { type: 'boolean' } } },
          { type: 'object', properties: { a: { type: 'number' }, b: { const: true } } },
        ],
      },
      { type: 'object', properties: { a: { type: 'number' }, b: { type: 'boolean', enum: [true] } } },
    ],
    ['a $ref inlined', { $ref: '#/components/schemas/Base' }, { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }],
    [
      'allOf merged into one object',
      {
        allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['n'], properties: { n: { type: 'string' } } }],
      },
      { type: 'object', properties: { id: { type: 'integer' }, n: { type: 'string' } }, required: ['n', 'id'] },
    ],
    ['an untyped object', { properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'string' } } }],
    ['several types as a union', { type: ['string', 'integer'], maxLength: 3 }, { anyOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }] }],
    [
      'nested unions flattened',
      { oneOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'null' }] },
      { anyOf: [{ anyOf: [{ type: 'string' }, { type: 'boolean' }] }, { type: 'null' }] },
    ],
    ['description, examples and x-* ignored', { type: 'string', description: 'd', examples: ['x'], 'x-assumption': 'a' }, { type: 'string' }],
  ])('%s', (_title, spec, rendered) => {
    expect(specVsRendered(spec, rendered)).toEqual([]);
  });
});

describe('normalise: every loss is reported, with its path and facet', () => {
  it.each<[string, Json, Json, RegExp]>([
    ['a dropped maxLength', { type: 'string', maxLength: 5 }, { type: 'string' }, /^#: maxLength: spec 5, zod \(absent\)$/],
    ['a changed minLength', { type: 'string', minLength: 2 }, { type: 'string', minLength: 1 }, /^#: minLength: spec 2, zod 1$/],
    ['a lost enum value', { type: 'string', enum: ['a', 'b', 'c'] }, { type: 'string', enum: ['a', 'b'] }, /^#: enum: spec \["a","b","c"\], zod \["a","b"\]$/],
    ['a lost integer enum value', { type: 'integer', enum: [1, 2] }, { anyOf: [{ type: 'number', enum: [1] }] }, /^#: enum: spec \[1,2\], zod \[1\]$/],
    [
      'a required field turned optional',
      { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
      { type: 'object', properties: { a: { type: 'string' } } },
      /^#: required: spec \["a"\], zod \(absent\)$/,
    ],
    ['lost nullability', { type: ['string', 'null'] }, { type: 'string' }, /^#: nullable: spec true, zod \(absent\)$/],
    ['lost nullability of a $ref', { oneOf: [{ $ref: '#/components/schemas/Name' }, { type: 'null' }] }, { type: 'string', maxLength: 5 }, /nullable/],
    ['integer read as number', { type: 'integer' }, { type: 'number' }, /^#: type: spec \["integer"\], zod \["number"\]$/],
    ['a changed pattern', { type: 'string', pattern: '^\\d+$' }, { type: 'string', pattern: '^\\d*$/u' }, /^#: pattern: /],
    ['a pattern without the unicode flag', { type: 'string', pattern: '^a$' }, { type: 'string', pattern: '^a$' }, /pattern: spec "\/\^a\$\/u", zod "\/\^a\$\/"/],
    ['a lost format', { type: 'string', format: 'email' }, { type: 'string' }, /^#: format: spec "email", zod \(absent\)$/],
    ['a lost multipleOf', { type: 'number', multipleOf: 0.01 }, { type: 'number' }, /multipleOf/],
    ['a lost exclusive bound', { type: 'number', exclusiveMaximum: 1 }, { type: 'number', maximum: 1 }, /exclusiveMaximum/],
    ['a lost minItems', { type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'array', items: { type: 'string' } }, /minItems/],
    [
      'a deep change',
      { type: 'object', properties: { a: { type: 'array', items: { type: 'string', maxLength: 3 } } } },
      { type: 'object', properties: { a: { type: 'array', items: { type: 'string', maxLength: 4 } } } },
      /^#\/properties\/a\/items: maxLength: spec 3, zod 4$/,
    ],
    ['a missing property', { type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: {} }, /^#\/properties\/a: only in spec$/],
    ['an extra property', { type: 'object', properties: {} }, { type: 'object', properties: { b: { type: 'string' } } }, /^#\/properties\/b: only in zod$/],
    [
      'a lost map value schema',
      { type: 'object', additionalProperties: { type: 'integer' } },
      { type: 'object', additionalProperties: {} },
      /^#: additionalProperties: spec \{"type":\["integer"\]\}, zod \(absent\)$/,
    ],
    ['a lost union branch', { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }, { anyOf: [{ type: 'string' }, { type: 'integer' }] }, /^#: union: /],
    [
      'a changed union branch',
      { oneOf: [{ type: 'string' }, { type: 'object', required: ['a'], properties: { a: { type: 'string' } } }] },
      { anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'string' } } }] },
      /^#\/union\/1: required: /,
    ],
    [
      'an allOf part narrowing a property that a later part widens (the generator keeps the last)',
      {
        allOf: [
          { type: 'object', properties: { a: { type: 'string', maxLength: 2 } } },
          { type: 'object', properties: { a: { type: 'string' } } },
        ],
      },
      { type: 'object', properties: { a: { type: 'string' } } },
      /^#\/properties\/a: maxLength: spec 2, zod \(absent\)$/,
    ],
    [
      'allOf parts that constrain a property in different ways',
      {
        allOf: [
          { type: 'object', properties: { a: { type: 'string', maxLength: 2 } } },
          { type: 'object', properties: { a: { type: 'string', minLength: 1 } } },
        ],
      },
      { type: 'object', properties: { a: { type: 'string', minLength: 1 } } },
      /^#\/properties\/a: conflict: /,
    ],
    ['a constraining sibling of $ref', { $ref: '#/components/schemas/Name', minLength: 2 }, { type: 'string', maxLength: 5 }, /^#: minLength: spec 2/],
  ])('%s', (_title, spec, rendered, expected) => {
    const diff = specVsRendered(spec, rendered);
    expect(diff.length).toBeGreaterThan(0);
    expect(
      diff.some((line) => expected.test(line)),
      diff.join('\n'),
    ).toBe(true);
  });

  it('labels the two sides as asked', () => {
    expect(diffNormal({ type: ['string'] }, { type: ['number'] }, '#/x', ['left', 'right'])).toEqual(['#/x: type: left ["string"], right ["number"]']);
  });
});

describe('normalise: what it does not model fails loudly', () => {
  it.each<[string, Json, RegExp]>([
    ['an unknown keyword', { type: 'string', not: { const: 'a' } }, /#: keyword "not" is not modelled/],
    ['an unresolvable $ref', { type: 'object', properties: { a: { $ref: '#/components/schemas/Nope' } } }, /#\/properties\/a: unresolvable \$ref/],
    ['a facet without a type', { maxLength: 3 }, /\["maxLength"\] without a type/],
    ['an allOf part that is not an object', { allOf: [{ type: 'string' }] }, /#\/allOf\/0: only object parts of allOf/],
    ['a type beside a union that narrows it', { type: 'string', oneOf: [{ type: 'string' }, { type: 'integer' }] }, /"type" beside oneOf/],
    ['a recursive $ref', { $ref: '#/components/schemas/Loop' }, /recursive/],
  ])('%s', (_title, spec, expected) => {
    const loop = { Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } } };
    expect(() => normaliseSpec(spec, { ...components, ...loop })).toThrow(expected);
  });
});

describe('patternFromRenderer', () => {
  it.each([
    ['^a$/u', '/^a$/u'],
    ['^a$', '/^a$/'],
    ['^a\\/u', '/^a\\/u/'],
    ['^a\\\\/u', '/^a\\\\/u'],
  ])('%s → %s', (input, output) => {
    expect(patternFromRenderer(input)).toBe(output);
  });
});

describe('the whole pipeline (zod → zod-to-openapi → normal form) against hand-written specs', () => {
  it('restores the multipleOf zod-to-openapi drops, at every depth', () => {
    const schema = z.strictObject({
      a: z.number().multipleOf(0.5),
      b: z.array(z.int().multipleOf(3).nullable()),
      c: z.union([z.string(), z.number().multipleOf(2)]).optional(),
      d: z.record(z.string(), z.number().multipleOf(4)),
    });
    const rendered = toOpenApi(schema);
    expect(rendered.properties.a.multipleOf).toBe(0.5);
    expect(rendered.properties.b.items.multipleOf).toBe(3);
    expect(rendered.properties.c.anyOf[1].multipleOf).toBe(2);
    expect(rendered.properties.d.additionalProperties.multipleOf).toBe(4);
    const bare: Json = { type: 'number' };
    restoreLostFacets(z.number(), bare);
    expect(bare).toEqual({ type: 'number' });
  });

  it('restores the values of a multi-value literal, which zod-to-openapi cuts to the first', () => {
    const rendered = toOpenApi(z.strictObject({ a: z.literal([1, 2, 3]), b: z.literal([4, 5]).nullable(), c: z.literal(6) }));
    expect(rendered.properties.a.enum).toEqual([1, 2, 3]);
    expect(normaliseZod(rendered.properties.b)).toEqual({ type: ['number'], enum: [4, 5], nullable: true });
    expect(rendered.properties.c.enum).toEqual([6]);
  });

  it('walks nested unions the way zod-to-openapi flattens them', () => {
    const inner = z.union([z.strictObject({ a: z.literal([1, 2]) }), z.strictObject({ b: z.number().multipleOf(3) }).nullable()]);
    const rendered = toOpenApi(z.union([inner, z.strictObject({ c: z.literal([3, 4]) })]));
    expect(rendered.anyOf.map((b: Json) => b.properties ?? b)).toEqual([
      { a: { type: 'number', enum: [1, 2] } },
      { b: { type: 'number', multipleOf: 3 } },
      { c: { type: 'number', enum: [3, 4] } },
      { type: 'null' },
    ]);
    const nested = toOpenApi(z.union([z.union([z.literal([1, 2]), z.string()]).nullable(), z.number().multipleOf(5)]));
    expect(nested.anyOf[0].anyOf[0].enum).toEqual([1, 2]);
    expect(nested.anyOf[1].multipleOf).toBe(5);
  });

  it('restores the format zod-to-openapi loses when a regex follows it', () => {
    const rendered = toOpenApi(z.strictObject({ u: z.url().regex(/^https:/u), e: z.email(), s: z.string().regex(/a/u) }));
    expect(rendered.properties.u).toMatchObject({ format: 'uri', pattern: '^https:/u' });
    expect(rendered.properties.e.format).toBe('email');
    expect(rendered.properties.s.format).toBeUndefined();
  });

  const spec: Json = {
    type: 'object',
    required: ['name', 'kind', 'note'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 5, pattern: '^[a-z]+$' },
      kind: { type: 'integer', enum: [1, 2] },
      note: { type: ['string', 'null'], format: 'date' },
      price: { type: 'number', minimum: 0, multipleOf: 0.01 },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 3, uniqueItems: true },
    },
  };
  const faithful = () => ({
    name: z.string().min(1).max(5).regex(new RegExp('^[a-z]+$', 'u')),
    kind: z.union([z.literal(1), z.literal(2)]),
    note: z.iso.date().nullable(),
    price: z.number().gte(0).multipleOf(0.01).optional(),
    tags: z
      .array(z.string())
      .max(3)
      .refine((a) => new Set(a).size === a.length)
      .optional(),
  });

  it('a faithful translation compares equal', () => {
    expect(roundTripDiff(spec, {}, z.strictObject(faithful()))).toEqual([]);
    expect(roundTripDiff(spec, {}, z.looseObject(faithful()))).toEqual([]);
  });

  it.each<[string, Record<string, z.ZodType>, RegExp]>([
    ['a dropped maxLength', { name: z.string().min(1).regex(new RegExp('^[a-z]+$', 'u')) }, /properties\/name: maxLength: spec 5, zod \(absent\)/],
    ['a lost enum value', { kind: z.literal(1) }, /properties\/kind: enum: spec \[1,2\], zod \[1\]/],
    ['a required field turned optional', { kind: z.union([z.literal(1), z.literal(2)]).optional() }, /^#: required: /],
    ['lost nullability', { note: z.iso.date() }, /properties\/note: nullable: spec true/],
    ['a lost format', { note: z.string().nullable() }, /properties\/note: format: spec "date"/],
    ['a lost multipleOf', { price: z.number().gte(0).optional() }, /properties\/price: multipleOf: spec 0.01/],
    ['integer turned number', { kind: z.number() }, /properties\/kind/],
  ])('%s is reported', (_title, change, expected) => {
    const diff = roundTripDiff(spec, {}, z.strictObject({ ...faithful(), ...change }));
    expect(
      diff.some((line) => expected.test(line)),
      diff.join('\n'),
    ).toBe(true);
  });
});
