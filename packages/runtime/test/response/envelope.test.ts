/**
 * `x-envelope`: the engine resolves to the payload at the declared pointer, after deciding errors
 * and validating the whole envelope.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type AtPointer, createVendorClient, type OperationResult, ResponseContractError, unwrapEnvelope, type VendorDefinition, VendorError } from '../../src/index.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

const Envelope = z.looseObject({ data: z.looseObject({ id: z.int() }), error: z.unknown().optional() });
const definition: VendorDefinition = {
  vendor: 'wrapped',
  servers: { production: 'https://api.wrapped.test' },
  securitySchemes: {},
  envelope: { payload: '/data' },
  operations: {
    getThing: {
      operationId: 'getThing',
      method: 'GET',
      path: '/thing',
      security: [],
      idempotent: true,
      credentials: [],
      responseVendorErrors: {},
      vendorError: { when: { pointer: '/error', present: true } },
      request: {},
      responses: { '200': Envelope },
      strictResponses: { '200': Envelope.strict() },
    },
  },
};

describe('unwrapEnvelope', () => {
  it('is the body without a rule, and the value at the pointer with one', () => {
    expect(unwrapEnvelope(undefined, { data: 1 })).toEqual({ data: 1 });
    expect(unwrapEnvelope({ payload: '/data' }, { data: { id: 1 } })).toEqual({ id: 1 });
    expect(unwrapEnvelope({ payload: '/a/b~1c/~0d' }, { a: { 'b/c': { '~d': 7 } } })).toBe(7);
    expect(unwrapEnvelope({ payload: '' }, 'whole')).toBe('whole');
  });

  it('for any body, reads only own members along the pointer (never __proto__ or constructor), else undefined', () => {
    const key = fc.constantFrom('data', '__proto__', 'constructor', 'toString', 'x');
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 3 }), fc.jsonValue(), (tokens, body) => {
        let expected: unknown = body;
        for (const t of tokens) expected = expected !== null && typeof expected === 'object' && Object.hasOwn(expected, t) ? (expected as Record<string, unknown>)[t] : undefined;
        expect(unwrapEnvelope({ payload: `/${tokens.join('/')}` }, body)).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('types the payload: AtPointer and OperationResult follow the pointer', () => {
    expectTypeOf<AtPointer<{ data: { id: number } }, '/data'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<AtPointer<{ a: { b: string } }, '/a/b'>>().toEqualTypeOf<string>();
    expectTypeOf<AtPointer<{ a: 1 }, ''>>().toEqualTypeOf<{ a: 1 }>();
    expectTypeOf<AtPointer<{ a: 1 }, '/b'>>().toBeNever();
    type Op = { responses: { 200: { content: { 'application/json': { data: { id: number } } } } } };
    expectTypeOf<OperationResult<Op, '/data'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<OperationResult<Op>>().toEqualTypeOf<{ data: { id: number } }>();
  });
});

describe('a client whose spec declares x-envelope', () => {
  it('methods and call() resolve to the payload; raw returns the envelope', async () => {
    const seen = observedFetch(() => json({ data: { id: 3 }, meta: 1 }));
    const client = createVendorClient(definition, { fetch: seen.fetch });
    await expect(client.call('getThing')).resolves.toEqual({ id: 3 });
    await expect((client as unknown as Record<string, () => Promise<unknown>>).getThing!()).resolves.toEqual({ id: 3 });
    const { data } = await client.raw.GET('/thing' as never);
    expect(data).toEqual({ data: { id: 3 }, meta: 1 });
  });

  it('validates the whole envelope first (pointers start at it) and throws an envelope with an error', async () => {
    const broken = createVendorClient(definition, { fetch: observedFetch(() => json({ data: { id: 'x' } })).fetch });
    const error = await broken.call('getThing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues.map((i) => i.path)).toEqual(['/data/id']);
    const failed = createVendorClient(definition, { fetch: observedFetch(() => json({ data: { id: 1 }, error: 'Case is closed' })).fetch });
    await expect(failed.call('getThing')).rejects.toBeInstanceOf(VendorError);
  });

  it('with validateResponses: false, still resolves to whatever sits at the pointer', async () => {
    const client = createVendorClient(definition, { fetch: observedFetch(() => json({ data: 'anything' })).fetch, validateResponses: false });
    await expect(client.call('getThing')).resolves.toBe('anything');
  });
});
