import { type FieldIssue, RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { InstallTime, IpAddressCountValues } from '../src/schemas.js';
import { json } from '@vendor-contracts/runtime/testing';
import { REQUEST_ID, telecomx } from './support/client.js';

/** Sends `body` and returns the issues it was refused with, asserting nothing reached the network. */
async function refused(body: unknown): Promise<readonly FieldIssue[]> {
  const { client, seen } = telecomx();
  const error = await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: body as never }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(seen.requests).toHaveLength(0);
  expect((error as RequestValidationError).message).toMatch(/^Invalid request for telecomx\.updateInternetRequest \(nothing was sent\)/);
  return (error as RequestValidationError).issues;
}

/** Sends `body` and returns what went over the wire. */
async function sent(body: unknown): Promise<unknown> {
  const { client, seen } = telecomx();
  await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: body as never });
  expect(seen.requests).toHaveLength(1);
  return JSON.parse(seen.bodies[0]!);
}

const PRICES = ['initiationCost', 'initiationWholesale', 'initiationCustomer', 'monthlyCost', 'monthlyWholesale', 'monthlyCustomer'] as const;

describe('offer prices: 0–500000 (422 "Must be between 0 and 500000")', () => {
  it.each(
    PRICES.flatMap(
      (field) =>
        [
          [field, -0.01, 'minimum: 0'],
          [field, -1, 'minimum: 0'],
          [field, 500000.01, 'maximum: 500000'],
          [field, 500001, 'maximum: 500000'],
        ] as const,
    ),
  )('offers[].%s = %d is refused: %s', async (field, value, rule) => {
    const issues = await refused({ offers: [{ _id: 'abc' }, { [field]: value }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: `body.offers[1].${field}`, rule });
  });

  it.each(PRICES)('offers[].%s accepts both bounds, 0 and 500000', async (field) => {
    expect(await sent({ offers: [{ [field]: 0 }, { [field]: 500000 }, { [field]: 800.5 }] })).toEqual({ offers: [{ [field]: 0 }, { [field]: 500000 }, { [field]: 800.5 }] });
  });
});

describe('offers[].commitment: months 0–60 (422 "Must be between 0 and 60 months")', () => {
  it.each([
    [-1, 'minimum: 0'],
    [61, 'maximum: 60'],
  ])('%d is refused: %s', async (value, rule) => {
    expect(await refused({ offers: [{ commitment: value }] })).toEqual([expect.objectContaining({ path: 'body.offers[0].commitment', rule })]);
  });

  it('accepts 0, 12, 24, 36, 60 and a fraction (the document types it Number)', async () => {
    const offers = [0, 12, 24, 36, 60, 12.5].map((commitment) => ({ commitment }));
    expect(await sent({ offers })).toEqual({ offers });
  });
});

describe('notes: at most 4096 characters (422 notes "Invalid length")', () => {
  it('refuses 4097 characters with maxLength: 4096', async () => {
    expect(await refused({ notes: 'x'.repeat(4097) })).toEqual([expect.objectContaining({ path: 'body.notes', rule: 'maxLength: 4096' })]);
  });

  it('sends exactly 4096 characters', async () => {
    expect(await sent({ notes: 'x'.repeat(4096) })).toEqual({ notes: 'x'.repeat(4096) });
  });
});

describe('ipAddresses: only 1, 2, 4, 8, 16 or 32 (422 ipAddresses)', () => {
  it.each([0, 3, 5, 64, -1, 2.5])('refuses %d', async (value) => {
    const issues = await refused({ ipAddresses: value });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('body.ipAddresses');
    expect(issues[0]!.rule).toMatch(/^enum: /);
  });

  it('refuses a numeric string ("8")', async () => {
    expect((await refused({ ipAddresses: '8' }))[0]!.path).toBe('body.ipAddresses');
  });

  it.each(Object.values(IpAddressCountValues))('sends %d', async (value) => {
    expect(await sent({ ipAddresses: value })).toEqual({ ipAddresses: value });
  });

  it('the named values are exactly the six the document lists', () => {
    expect(Object.values(IpAddressCountValues)).toEqual([1, 2, 4, 8, 16, 32]);
  });
});

describe('installTime: 7_30_TO_16, 7_30_TO_12 or 12_TO_16', () => {
  it.each(['12_00_TO_16_00', '7_30_TO_12.', '7_30_to_16', ''])('refuses %j with the enum rule', async (value) => {
    expect(await refused({ installTime: value })).toEqual([{ path: 'body.installTime', rule: 'enum: "7_30_TO_16" | "7_30_TO_12" | "12_TO_16"', message: expect.any(String) }]);
  });

  it.each(InstallTime.options)('sends %s', async (value) => {
    expect(await sent({ installTime: value })).toEqual({ installTime: value });
  });
});

describe('the takeover rule: takeoverCircuit and takeoverCustomer are required when takeover is true', () => {
  it('takeover without takeoverCircuit → required at body.takeoverCircuit', async () => {
    expect(await refused({ takeover: true, takeoverCustomer: '5646756475' })).toEqual([{ path: 'body.takeoverCircuit', rule: 'required', message: 'is required' }]);
  });

  it('takeover without takeoverCustomer → required at body.takeoverCustomer', async () => {
    expect(await refused({ takeover: true, takeoverCircuit: 'fake347465' })).toEqual([{ path: 'body.takeoverCustomer', rule: 'required', message: 'is required' }]);
  });

  it('takeover with neither is refused, the issue naming the takeover fields', async () => {
    const issues = await refused({ takeover: true });
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.path).toMatch(/^body\.takeover/);
  });

  it('takeover with both fields is sent as given', async () => {
    const body = { takeover: true, takeoverCircuit: 'fake347465', takeoverCustomer: '5646756475' };
    expect(await sent(body)).toEqual(body);
  });

  it('takeover false or omitted needs neither field, and may still carry them', async () => {
    expect(await sent({ takeover: false })).toEqual({ takeover: false });
    expect(await sent({ reference: 'r' })).toEqual({ reference: 'r' });
    expect(await sent({ takeover: false, takeoverCircuit: 'c' })).toEqual({ takeover: false, takeoverCircuit: 'c' });
  });

  it('the rule holds alongside other errors: each is reported with its own path', async () => {
    const issues = await refused({ takeover: true, takeoverCircuit: 'c', takeoverCustomer: 'k', offers: [{ monthlyCost: 500001 }] });
    expect(issues).toEqual([expect.objectContaining({ path: 'body.offers[0].monthlyCost', rule: 'maximum: 500000' })]);
  });
});

describe('everything else the request schema checks', () => {
  it('refuses unknown properties (request objects are strict)', async () => {
    expect(await refused({ type: 'FIBER' })).toEqual([expect.objectContaining({ path: 'body.type', rule: 'additionalProperties: false' })]);
    expect(await refused({ offers: [{ price: 1 }] })).toEqual([expect.objectContaining({ path: 'body.offers[0].price', rule: 'additionalProperties: false' })]);
  });

  it('sends body ids of any shape (the document states no id format; the vendor answers unknown ones with its 404/422)', async () => {
    // The hex, at-most-24-character shape of the examples is an x-assumption (ReferenceId), not a rule.
    const body = {
      product: 'not-an-id',
      notify: ['a'.repeat(25), ''],
      address: { _id: 'addr/1 ü' },
      address2: { _id: 'z'.repeat(40) },
      offers: [{ _id: 'offer one', product: 'P-1', initiationFeeProduct: '' }],
    };
    expect(await sent(body)).toEqual(body);
    expect(await sent({ ...body, takeover: true, takeoverCircuit: 'c', takeoverCustomer: 'k' })).toEqual({ ...body, takeover: true, takeoverCircuit: 'c', takeoverCustomer: 'k' });
  });

  it('sends a requestId of any shape (the document states no id format; an unknown one is its 404), as one encoded path segment', async () => {
    const { client, seen } = telecomx(() => json({ message: 'not_found', description: 'Internet request not found' }, 404));
    const error = await client.updateInternetRequest({ path: { requestId: 'not-a/hex id' }, body: {} }).catch((e: unknown) => e);
    expect(seen.requests).toHaveLength(1);
    expect(new URL(seen.requests[0]!.url).pathname).toBe('/internet/request/not-a%2Fhex%20id');
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('accepts startDate as a date-time or a plain date, and refuses anything else', async () => {
    expect(await sent({ startDate: '2018-01-01T00:00:00.000Z' })).toEqual({ startDate: '2018-01-01T00:00:00.000Z' });
    expect(await sent({ startDate: '2018-01-01' })).toEqual({ startDate: '2018-01-01' });
    expect((await refused({ startDate: '01/01/2018' }))[0]!.path).toBe('body.startDate');
  });

  it('accepts the zip as a number or a string, as the document does', async () => {
    expect(await sent({ address: { zip: 2605 } })).toEqual({ address: { zip: 2605 } });
    expect(await sent({ address: { _id: '12345678901234567890DDDD', zip: '2605' } })).toEqual({ address: { _id: '12345678901234567890DDDD', zip: '2605' } });
  });

  it('with validateRequests: false, sends what it is given', async () => {
    const { client, seen } = telecomx(undefined, { validateRequests: false });
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { ipAddresses: 3 } as never });
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ ipAddresses: 3 });
  });
});
