import { RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { purchaseInvoice } from './support/bodies.js';
import { json } from '@vendor-contracts/runtime/testing';
import { client, grantingFetch } from './support/totalmobile.js';

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).issues.map((i) => [i.path, i.rule]);
}

describe('requests are checked before anything is sent (not even /token)', () => {
  const cancel = { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1', OrderStatus: 11 as const };

  it('OrderStatus 11 (Cancel) without CancelReason is rejected, naming CancelReason', async () => {
    const seen = grantingFetch(() => json({}));
    const tm = client(seen.fetch);
    // @ts-expect-error -- the types already require CancelReason when OrderStatus is 11
    expect(await issuesOf(tm.updateSalesOrder({ body: cancel }))).toEqual([['body.CancelReason', 'required']]);
    expect(seen.requests).toHaveLength(0);
    await expect(tm.updateSalesOrder({ body: { ...cancel, CancelReason: 'Tenant request' } })).resolves.toEqual({});
    expect(JSON.parse(seen.bodies[1]!)).toEqual({ ...cancel, CancelReason: 'Tenant request' });
  });

  it('OrderStatus values other than 0 and 11 are rejected', async () => {
    const seen = grantingFetch(() => json({}));
    // @ts-expect-error -- 5 is not an OrderStatus
    const issues = await issuesOf(client(seen.fetch).updateSalesOrder({ body: { ...cancel, OrderStatus: 5, CancelReason: 'x' } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]![0]).toBe('body.OrderStatus');
    expect(seen.requests).toHaveLength(0);
  });

  it('yyyy-MM-dd HH:mm:ss is enforced (BookingSummary WindowStart/WindowEnd), and sent as given', async () => {
    const seen = grantingFetch(() => json({ Appointments: [] }));
    const tm = client(seen.fetch);
    for (const bad of ['2018-05-07', '2018-05-07T08:00:00', '2018-05-07 08:00', '07/05/2018 08:00:00']) {
      expect(await issuesOf(tm.getBookingSummary({ query: { PropertyId: 'P-1', WindowStart: bad } }))).toEqual([
        ['query.WindowStart', String.raw`pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/u`],
      ]);
    }
    expect(seen.requests).toHaveLength(0);
    await tm.getBookingSummary({ query: { PropertyId: 'P-1', WindowStart: '2018-05-07 08:00:00', WindowEnd: '2018-05-13 23:59:59' } });
    const sent = new URL(seen.requests[1]!.url).searchParams;
    expect(sent.get('WindowStart')).toBe('2018-05-07 08:00:00');
    expect(sent.get('WindowEnd')).toBe('2018-05-13 23:59:59');
  });

  it('yyyy-MM-dd is enforced in bodies and the query string', async () => {
    const seen = grantingFetch(() => json({}));
    const tm = client(seen.fetch);
    for (const bad of ['31/03/2021', '2021-03-31 00:00:00', '2021-3-31', '2021-02-30']) {
      expect(await issuesOf(tm.createPurchaseInvoice({ body: { ...purchaseInvoice, InvoiceDateUTC: bad } }))).toEqual([['body.InvoiceDateUTC', 'format: date']]);
    }
    expect(await issuesOf(tm.getAvailability({ query: { PrimaryOrderNumber: 'ORD-1', Date: '2018-05-07T00:00:00' } }))).toEqual([['query.Date', 'format: date']]);
    expect(seen.requests).toHaveLength(0);
  });

  it('orderId must be an integer; getToken sends the grant type the caller names (the document says "usually" password)', async () => {
    const seen = grantingFetch(() => json({}));
    const tm = client(seen.fetch);
    // @ts-expect-error -- orderId is an integer (see lookupId)
    expect(await issuesOf(tm.getOrderAttributes({ path: { orderId: 'ORD-1' } }))).toEqual([['path.orderId', 'type: integer']]);
    expect(seen.requests).toHaveLength(0);
    await tm.getToken({ body: { grant_type: 'client_credentials' } });
    expect(seen.requests).toHaveLength(1);
    expect(new URLSearchParams(seen.bodies[0]).get('grant_type')).toBe('client_credentials');
  });
});
