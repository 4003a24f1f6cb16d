import { ResponseContractError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { InternetRequest, InternetRequestStrict } from '../src/schemas.js';
import { REQUEST_ID, SPARSE, telecomx } from './support/client.js';
import { json } from '@vendor-contracts/runtime/testing';

/** The document's response example (as the spec carries it). */
const DOCUMENT_EXAMPLE = {
  _id: '123457890123457890AAAA',
  type: 'FIBER',
  customer: '12345678901234567890BBBB',
  reseller: '1234567890123457890CCCC',
  notes: 'In stairwell behind the door',
  address: { _id: '12345678901234567890DDDD', address: 'Vallensbækvej 20A, 3. th.', zip: '2605', city: 'Brøndby' },
  address2: null,
  product: '12345678901234567890EEEE',
  takeover: true,
  takeoverCircuit: 'fake347465',
  takeoverCustomer: '5646756475',
  ipAddresses: 8,
  commitment1: true,
  commitment2: true,
  commitment3: true,
  reference: 'Donald Duck',
  notify: [{ _id: '12345678901234567890FEDD', name: 'Donald Duck' }],
  startDate: '2018-01-01T00:00:00.000Z',
  installCallNumber: '71919999',
  installCallName: 'Donald',
  installTime: '7_30_TO_12',
  Offers: [{ _id: '12345678901234567890FFFF', product: '1234567890123457890AABB', commitment: 36, monthlyCost: 500 }],
  created: '2018-01-01T00:00:00.000Z',
  createdBy: '1234567890123457890FEDE',
  answered: '2018-01-01T12:00:00.000Z',
};

/** The body as the client returns it: `Offers` is read as `offers` (the spec's `x-alias-of`). */
function read<T extends Record<string, unknown>>(body: T): Record<string, unknown> {
  const { Offers, ...rest } = body;
  return Offers === undefined || Offers === null ? rest : { ...rest, offers: Offers };
}

async function answer(body: unknown, hooks = {}) {
  const { client } = telecomx(() => json(body), { hooks });
  return client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
}

describe('"properties holding no value may be omitted from the object"', () => {
  it('a response holding only _id validates and is returned as is', async () => {
    const result = await answer(SPARSE);
    expect(result).toEqual(SPARSE);
    expect(Object.keys(result)).toEqual(['_id']);
  });

  it('every optional property may also be null (customer is null when not linked; address2: null in the example)', async () => {
    const nulls = Object.fromEntries(
      Object.keys(DOCUMENT_EXAMPLE)
        .filter((k) => k !== '_id')
        .map((k) => [k, null]),
    );
    expect(await answer({ ...SPARSE, ...nulls, offers: null })).toEqual(read({ ...SPARSE, ...nulls, offers: null }));
  });

  it('sparse nested objects validate too (an address with only a city, an offer with only its _id)', async () => {
    const body = { ...SPARSE, address: { city: 'Brøndby' }, Offers: [{ _id: 'abc' }], notify: [{}] };
    expect(await answer(body)).toEqual(read(body));
  });

  it('the document example validates, strictly too (no undeclared field)', async () => {
    expect(await answer(DOCUMENT_EXAMPLE)).toEqual(read(DOCUMENT_EXAMPLE));
    expect(InternetRequestStrict.safeParse(DOCUMENT_EXAMPLE).success).toBe(true);
  });

  it('only _id is required: a body without it breaks the contract at /_id', async () => {
    const error = await answer({ type: 'DSL' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues).toEqual([expect.objectContaining({ path: '/_id', rule: 'required' })]);
  });

  it('present values are still checked: a wrong type or value names its JSON pointer', async () => {
    const error = await answer({ ...SPARSE, type: 'COPPER', address: { zip: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues.map((i) => i.path).sort()).toEqual(['/address/zip', '/type']);
  });

  it('unknown fields are kept and reported, never fatal', async () => {
    const pointers: string[][] = [];
    const result = await answer(
      { ...SPARSE, status: 'ANSWERED', Offers: [{ _id: 'abc', currency: 'DKK' }] },
      { onUnknownFields: (e: { pointers: string[] }) => pointers.push(e.pointers) },
    );
    expect(result).toEqual({ ...SPARSE, status: 'ANSWERED', offers: [{ _id: 'abc', currency: 'DKK' }] });
    expect(pointers.map((p) => [...p].sort())).toEqual([['/Offers/0/currency', '/status']]);
  });

  it('with validateResponses: false, returns the body unchecked', async () => {
    const { client } = telecomx(() => json({ type: 'COPPER' }), { validateResponses: false });
    expect(await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} })).toEqual({ type: 'COPPER' });
  });

  it('the exported InternetRequest schema accepts the sparse object as well', () => {
    expect(InternetRequest.parse(SPARSE)).toEqual(SPARSE);
  });
});
