import { ConfigError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { definition } from '../src/index.js';
import { customer, purchaseInvoice, salesOrderForExistingCustomer } from './support/bodies.js';
import { json } from '@vendor-contracts/runtime/testing';
import { client, grantingFetch, isTokenRequest } from './support/totalmobile.js';

const accept = (r: Request) => r.headers.get('accept');

describe('per-operation API versions (Accept: application/json; version=N)', () => {
  it('createCustomer sends version=4 and createPurchaseInvoice version=3', async () => {
    const seen = grantingFetch((r) => json(new URL(r.url).pathname.endsWith('/api/Customer') ? customer : purchaseInvoice, 201));
    const tm = client(seen.fetch);
    await expect(tm.createCustomer({ body: customer })).resolves.toEqual(customer);
    await expect(tm.createPurchaseInvoice({ body: purchaseInvoice })).resolves.toEqual(purchaseInvoice);
    const [, createdCustomer, createdInvoice] = seen.requests;
    expect(new URL(createdCustomer!.url).pathname).toBe('/WS-API/api/Customer');
    expect(accept(createdCustomer!)).toBe('application/json; version=4');
    expect(new URL(createdInvoice!.url).pathname).toBe('/WS-API/api/PurchaseInvoice');
    expect(accept(createdInvoice!)).toBe('application/json; version=3');
  });

  it('every call sends the highest version its operation accepts; getToken sends version=1', async () => {
    const seen = grantingFetch(() => json({}, 201));
    const tm = client(seen.fetch);
    await tm.createSalesOrder({ body: salesOrderForExistingCustomer });
    await tm.updateSalesOrder({ body: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1', JobDescription: 'Leak' } });
    expect(accept(seen.requests.find(isTokenRequest)!)).toBe('application/json; version=1');
    expect(seen.requests.slice(1).map(accept)).toEqual(['application/json; version=3', 'application/json; version=2']);
    expect(definition.operations.createSalesOrder.apiVersions).toEqual([1, 2, 3]);
  });

  it('a call may ask for an older version it accepts; one it does not accept is refused before anything is sent', async () => {
    const seen = grantingFetch(() => json({}, 201));
    const tm = client(seen.fetch);
    await expect(tm.createSalesOrder({ body: salesOrderForExistingCustomer }, { apiVersion: 2 })).resolves.toEqual({});
    expect(accept(seen.requests[1]!)).toBe('application/json; version=2');

    const fresh = grantingFetch(() => json(customer, 201));
    await expect(client(fresh.fetch).createCustomer({ body: customer }, { apiVersion: 3 })).rejects.toThrow(
      new ConfigError('totalmobile.createCustomer accepts API versions 4, not 3', { vendor: 'totalmobile', operationId: 'createCustomer' }),
    );
    expect(fresh.requests).toHaveLength(0); // not even /token
  });

  it('the version 3 body of createSalesOrder is the SalesOrder, the version 2 body {}', async () => {
    const created = { ...salesOrderForExistingCustomer, OrderStatus: 0 };
    const seen = grantingFetch(() => json(created, 201));
    await expect(client(seen.fetch).createSalesOrder({ body: salesOrderForExistingCustomer })).resolves.toEqual(created);
  });
});
