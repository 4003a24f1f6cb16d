import { RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import type { InternetRequest, Offer } from '../src/index.js';
import { InternetRequest as InternetRequestSchema } from '../src/schemas.js';
import { REQUEST_ID, SPARSE, telecomx } from './support/client.js';
import { json } from '@vendor-contracts/runtime/testing';

const offer = {
  _id: '12345678901234567890FFFF',
  product: '1234567890123457890AABB',
  initiationFeeProduct: '1234567890124567890AACC',
  initiationCost: 1000,
  initiationWholesale: 2000,
  initiationCustomer: 3000,
  monthlyCost: 500,
  monthlyWholesale: 600,
  monthlyCustomer: 700,
  commitment: 36,
  providerName: 'Nianet',
  providerOfferId: '4656367R',
};

describe('offers (request) and Offers (response)', () => {
  it('sends the offer list as `offers`, exactly as given', async () => {
    const { client, seen } = telecomx();
    const offers = [
      { _id: '12345678901234578901234', product: '12345678901234567890BBBB', initiationCost: 800, commitment: 12, providerName: 'Global Connect', providerOfferId: '644677533246' },
    ];
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { offers } });
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ offers });
  });

  it('refuses `Offers` in a request before the network (a server reading `offers` would silently drop it)', async () => {
    const { client, seen } = telecomx();
    const error = await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { Offers: [offer] } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([{ path: 'body.Offers', rule: 'additionalProperties: false', message: 'is not a field the spec declares' }]);
    expect(seen.requests).toHaveLength(0);
  });

  it('reads `Offers` (the response example spelling) back as `offers` (x-alias-of), typed as Offer[]', async () => {
    const { client } = telecomx(() => json({ ...SPARSE, type: 'FIBER', Offers: [offer] }));
    const result = await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { offers: [{ _id: offer._id }] } });
    expectTypeOf(result).toEqualTypeOf<InternetRequest>();
    expectTypeOf(result.offers).toEqualTypeOf<Offer[] | null | undefined>();
    expect(result.offers).toEqual([offer]);
    expect(result).not.toHaveProperty('Offers');
    expect(result.offers![0]!.commitment).toBe(36);
  });

  it('reads `offers` (the table rows spelling) as it is', async () => {
    const { client } = telecomx(() => json({ ...SPARSE, offers: [offer] }));
    const result = await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    expect(result.offers).toEqual([offer]);
    expect(result).not.toHaveProperty('Offers');
  });

  it('validates offers under either spelling against the Offer schema, naming the spelling received', async () => {
    for (const key of ['Offers', 'offers']) {
      const { client } = telecomx(() => json({ ...SPARSE, [key]: [{ ...offer, commitment: 61 }] }));
      const error = await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ResponseContractError', issues: [{ path: `/${key}/0/commitment`, rule: 'maximum: 60' }] });
    }
  });

  it('does not report the alias as an unknown field', async () => {
    const unknown: string[][] = [];
    const { client } = telecomx(() => json({ ...SPARSE, Offers: [offer] }), { hooks: { onUnknownFields: (e) => unknown.push(e.pointers) } });
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    expect(unknown).toEqual([]);
  });

  it('for every combination of the two spellings, `offers` is the alias when it holds a list, else the canonical value, and `Offers` is gone', () => {
    const list = fc.option(fc.array(fc.constantFrom(offer, { ...offer, _id: 'abc' }), { maxLength: 3 }), { nil: null });
    const slot = fc.option(list, { nil: undefined });
    fc.assert(
      fc.property(slot, slot, (aliased, canonical) => {
        const body = { _id: SPARSE._id, ...(aliased === undefined ? {} : { Offers: aliased }), ...(canonical === undefined ? {} : { offers: canonical }) };
        const read = InternetRequestSchema.parse(body) as Record<string, unknown>;
        expect(Object.hasOwn(read, 'Offers')).toBe(false);
        const expected = aliased ?? canonical;
        if (expected === undefined) expect(Object.hasOwn(read, 'offers')).toBe(false);
        else expect(read.offers).toEqual(expected);
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});
