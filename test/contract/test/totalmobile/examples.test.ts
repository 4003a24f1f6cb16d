/**
 * totalmobile against Prism: every documented response (status × named example) is received, 2xx
 * as data equal to the example (or, where the spec gives none, to the body Prism generated from
 * the schema, which the client checked), errors as the right typed error carrying the parsed body;
 * and the vendor's quirks as Prism serves them.
 */
import { type ApiError, BadRequestError, NotFoundError, TokenAcquisitionError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { withFixtureExamples } from './spec-cases.js';
import { ACCESS_TOKEN, isToken, onTokenRequests, PASSWORD, recorder, totalmobile, USERNAME } from './support.js';

const VENDOR = 'totalmobile';
const spec = withFixtureExamples(loadSpec(VENDOR));
const cases = responseCases(spec);

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>) => totalmobile(prism.baseUrl, fetch);

describe('the spec drives the cases', () => {
  it('has a case for every documented status of every operation', () => {
    const documented = listOperations(spec).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
    expect(new Set(cases.map((c) => `${c.operationId} ${c.status}`))).toEqual(new Set(documented));
    // As of the spec today: 11 named examples (token, 6 × empty {}, version2 {}, notFound null on 200
    // and on 404, the booking screen's week); every other status (30 × 400, 21 × 2xx) has a body
    // Prism generates from the schema.
    expect(
      cases
        .filter((c) => c.body === 'example')
        .map((c) => `${c.operationId} ${c.status} ${c.exampleName}`)
        .sort(),
    ).toEqual([
      'addOrderCode 200 empty',
      'createSalesOrder 201 version2',
      'deleteOrderCode 200 empty',
      'deleteOrderCodeAtLocation 200 empty',
      'getAvailability 200 bookingScreenWeek',
      'getSalesOrder 200 notFound',
      'getSalesOrder 404 notFound',
      'getToken 200 token',
      'setOrderAttributes 200 empty',
      'updateOrderCode 200 empty',
      'updateSalesOrder 200 empty',
    ]);
    expect(cases.filter((c) => c.kind === 'error' && c.status === 400)).toHaveLength(30);
    expect(cases.filter((c) => c.kind === 'success' && c.body === 'generated')).toHaveLength(21);
    expect(cases.every((c) => c.body !== 'none')).toBe(true);
  });
});

describe('every documented response is received', () => {
  it.each(cases)('$operationId → Prefer: $prefer', async (c) => {
    const record = recorder();
    const call = operationMethod(client(record.fetch), c.operationId)(c.input, { headers: { Prefer: c.prefer } });

    if (c.kind === 'success') {
      const data = await call;
      if (c.body === 'example') expect(data).toStrictEqual(c.value);
      else expect(data).toStrictEqual(JSON.parse(record.responses.at(-1)!));
    } else {
      const error = await rejectionOf(call);
      const Expected = expectedErrorClass(c.status);
      expect(error).toBeInstanceOf(Expected);
      expect((error as object).constructor).toBe(Expected);
      expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor: VENDOR });
      expect((error as ApiError).bodyMatchesSpec).toBe(true);
      if (c.body === 'example') expect((error as ApiError).body).toStrictEqual(c.value);
      else expect((error as ApiError).body).toStrictEqual(JSON.parse(record.responses.at(-1)!));
    }
    const answered = record.calls.filter((r) => !isToken(r) || c.operationId === 'getToken');
    expect(answered).toHaveLength(1);
    expect(answered[0]!.status).toBe(c.status);
    expect(answered[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });
});

describe('the documented quirks, as Prism serves them', () => {
  it('SalesOrder GET: "An unsuccessful response will be NULL" — 200 null resolves to null, 404 null is a NotFoundError', async () => {
    const record = recorder();
    const tm = client(record.fetch);
    const query = { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' };
    await expect(tm.getSalesOrder({ query }, { headers: { Prefer: 'code=200, example=notFound' } })).resolves.toBeNull();
    const error = await rejectionOf(tm.getSalesOrder({ query }, { headers: { Prefer: 'code=404, example=notFound' } }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: null, bodyMatchesSpec: true });
    expect(record.responses.slice(1)).toEqual(['null', 'null']);
  });

  it('a 400 carries the Web API Error object { Message, ModelState? } as a BadRequestError', async () => {
    const record = recorder();
    const error = await rejectionOf(
      client(record.fetch).createPurchaseInvoice(
        { body: { SupplierExternalId: 'SUP-1', PurchaseInvoiceCategory: 1, SupplierInvoiceReference: 'INV-1', InvoiceDateUTC: '2021-03-31', PaymentTerms: 0, GoodsValue: 1 } },
        { headers: { Prefer: 'code=400' } },
      ),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    const body = (error as BadRequestError).body as { Message: unknown };
    expect(typeof body.Message).toBe('string');
    expect((error as Error).message).toBe(`totalmobile.createPurchaseInvoice failed with HTTP 400: ${body.Message as string}`);
  });

  it('each call asks for its own API version: createCustomer 4, createPurchaseInvoice 3, getBookingSummary 2, listPlanningWindows 1', async () => {
    const record = recorder();
    const tm = client(record.fetch);
    const customer = {
      ExternalId: 'PROP-1',
      Name: 'TEST CUSTOMER',
      OrganisationExternalId: 'ORG-1',
      CustomerAddress: { ExternalId: 'ADDR-1', Address1: '1 High Street', City: 'Belfast', PostCode: 'BT1 1AA' },
      CustomerContact: { ExternalId: 'CON-1', FirstName: 'TEST', LastName: 'CUSTOMER' },
    };
    await tm.createCustomer({ body: customer });
    await tm.createPurchaseInvoice({
      body: { SupplierExternalId: 'SUP-1', PurchaseInvoiceCategory: 0, SupplierInvoiceReference: 'INV-1', InvoiceDateUTC: '2021-03-31', PaymentTerms: 1, GoodsValue: 100 },
    });
    await tm.getBookingSummary({ query: { PropertyId: 'PROP-1', WindowStart: '2018-05-07 00:00:00', WindowEnd: '2018-05-13 23:59:59' } });
    await tm.listPlanningWindows();
    expect(record.calls.map((r) => [r.url.pathname, r.headers.get('accept'), r.status])).toEqual([
      ['/token', 'application/json; version=1', 200],
      ['/api/Customer', 'application/json; version=4', 201],
      ['/api/PurchaseInvoice', 'application/json; version=3', 201],
      ['/api/BookingSummary', 'application/json; version=2', 200],
      ['/api/PlanningWindow', 'application/json; version=1', 200],
    ]);
    expect(record.calls[3]!.url.searchParams.get('WindowStart')).toBe('2018-05-07 00:00:00');
    expect(record.calls.every((r) => r.responseHeaders?.get('sl-violations') === null)).toBe(true);
  });

  it('a refused grant (400 from /token) fails the call with TokenAcquisitionError before any vendor request, without the credentials', async () => {
    const record = recorder(onTokenRequests({ Prefer: 'code=400' }));
    const error = await rejectionOf(client(record.fetch).listPlanningWindows());
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    expect(record.calls.map((r) => [r.url.pathname, r.status])).toEqual([['/token', 400]]);
    const cause = (error as Error).cause as BadRequestError;
    expect(cause).toBeInstanceOf(BadRequestError);
    expect(cause).toMatchObject({ operationId: 'getToken', bodyMatchesSpec: true });
    for (const secret of [USERNAME, PASSWORD, ACCESS_TOKEN]) {
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).stack).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });
});
