/**
 * What only Totalmobile has, against Prism: fixtures where the document gives no request example,
 * "an unsuccessful response will be NULL", the Web API Error object, an API version per call, and a
 * bearer token from the spec's own password grant (one grant for many calls; a refused grant; a
 * grant the client always completes). The checks every vendor shares run in test/every-vendor
 * with this vendor's entry (contract.ts).
 */
import { BadRequestError, NotFoundError, TokenAcquisitionError } from '@vendor-contracts/runtime';
import { getTokenRequest } from '@vendor-contracts/totalmobile/schemas';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, requiresCredentials, validInputs } from '../../src/cases.js';
import { operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { ACCESS_TOKEN, contract, GRANT, isToken, onTokenRequests, PASSWORD, USERNAME } from './contract.js';
import { FIXTURES, withFixtureExamples } from './spec-cases.js';

const spec = withFixtureExamples(loadSpec('totalmobile'));
const opById = new Map(listOperations(spec).map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));

const prism = usePrism('totalmobile');
const client = (fetch: (request: Request) => Promise<Response>) => contract.client({ baseUrl: prism.baseUrl, fetch });

describe('the cases', () => {
  it("take the spec's own request examples where it has them, fixtures only where it has none", () => {
    // The spec's own request examples: getToken (passwordGrant), createBooking (filledIn), getAvailability's query.
    expect(
      inputs
        .filter((i) => i.exampleName !== undefined && i.exampleName !== 'fixture')
        .map((i) => i.label)
        .sort(),
    ).toEqual(['createBooking (filledIn)', 'getToken (passwordGrant)']);
    expect(Object.keys(FIXTURES)).toHaveLength(26);
  });
});

describe('the documented quirks, as Prism serves them', () => {
  it('SalesOrder GET: "An unsuccessful response will be NULL" — 200 null resolves to null, 404 null is a NotFoundError', async () => {
    const record = recordingFetch();
    const tm = client(record.fetch);
    const query = { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' };
    await expect(tm.getSalesOrder({ query }, { headers: { Prefer: 'code=200, example=notFound' } })).resolves.toBeNull();
    const error = await rejectionOf(tm.getSalesOrder({ query }, { headers: { Prefer: 'code=404, example=notFound' } }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: null, bodyMatchesSpec: true });
    expect(record.calls.slice(1).map((c) => c.responseText)).toEqual(['null', 'null']);
  });

  it('a 400 carries the Web API Error object { Message, ModelState? } as a BadRequestError', async () => {
    const record = recordingFetch();
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
    const record = recordingFetch();
    const tm = client(record.fetch);
    await tm.createCustomer({ body: FIXTURES.createCustomer!.body as Parameters<typeof tm.createCustomer>[0]['body'] });
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
});

describe('the password grant', () => {
  it('one token serves many calls: every secured operation called at once on a cold client makes one /token request', async () => {
    const record = recordingFetch();
    const tm = client(record.fetch);
    const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
    expect(secured).toHaveLength(30);
    await Promise.all(secured.map(({ operationId, input }) => operationMethod(tm, operationId)(input)));
    expect(record.calls.filter(isToken)).toHaveLength(1);
    expect(record.calls.filter((c) => !isToken(c))).toHaveLength(secured.length);
    expect(record.calls.filter((c) => !isToken(c)).every((c) => c.headers.get('authorization') === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  it('a refused grant (400 from /token) fails the call with TokenAcquisitionError before any vendor request, without the credentials', async () => {
    const record = recordingFetch(onTokenRequests({ Prefer: 'code=400' }));
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

  it('getToken: a grant without a password cannot be sent — the client fills the configured one — and the validator rejects it', async () => {
    const [c] = invalidInputCases(spec).filter((i) => contract.filledByClient!.includes(`${i.operationId} ${i.in}`));
    expect(c!.value).toStrictEqual({ grant_type: 'password', username: '<username>' });
    expect(getTokenRequest.body.safeParse(c!.value).success).toBe(false);
    const record = recordingFetch();
    await expect(client(record.fetch).getToken(c!.input as { body: { grant_type: 'password' } })).resolves.toMatchObject({ access_token: ACCESS_TOKEN });
    expect(record.calls[0]!.body).toBe(GRANT);
    expect(record.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });
});
