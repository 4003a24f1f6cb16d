/**
 * Totalmobile's document gives examples for only a few requests (the section 3.1 code samples), so
 * `validInputs` in src/cases.ts refuses most operations ("required … has no example"). Until the
 * spec carries more examples, the Totalmobile tests build their cases from a copy of the spec in
 * which each missing parameter or request-body example is filled from FIXTURES below: minimal
 * valid values written from the spec's own tables (required fields only), not from the vendor's
 * document. A fixture for something the spec already exemplifies throws, so the spec's own
 * examples always win and fixtures never pile up silently.
 */
import { listOperations, type OpenApiDocument, resolveRef } from '../../src/cases.js';

type Obj = Record<string, unknown>;

export interface Fixture {
  path?: Obj;
  query?: Obj;
  body?: unknown;
}

const customer = {
  ExternalId: 'PROP-1',
  Name: 'TEST CUSTOMER',
  OrganisationExternalId: 'ORG-1',
  CustomerAddress: { ExternalId: 'ADDR-1', Address1: '1 High Street', City: 'Belfast', PostCode: 'BT1 1AA' },
  CustomerContact: { ExternalId: 'CON-1', FirstName: 'TEST', LastName: 'CUSTOMER' },
};

/** Minimal valid inputs by operationId, for what the spec leaves without an example. */
export const FIXTURES: Record<string, Fixture> = {
  getOrderAttributes: { path: { orderId: 1001 } },
  setOrderAttributes: { path: { orderId: 1001 }, body: [{ AttributeName: 'Priority', Value: 'High' }] },
  getAvailabilityByTrade: { body: { Date: '2018-05-07', NumberOfWeeks: 1, Postcode: 'BT1 1AA' } },
  bookSubContractorOrder: { body: { PrimaryOrderNumber: 'ORD-1', SupplierExternalId: 'SUP-1' } },
  updateSubContractorOrder: { body: { PrimaryOrderNumber: 'ORD-1', Comments: 'Revised scope' } },
  listOrderCodes: { path: { orderId: 1001 } },
  addOrderCode: { path: { orderId: 1001 }, body: { CodeExternalId: 'BATH001', Quantity: 1 } },
  updateOrderCode: { path: { orderId: 1001 }, body: { CodeExternalId: 'BATH001', Quantity: 2.5 } },
  getOrderCode: { path: { orderId: 1001, id: 'BATH001' } },
  deleteOrderCode: { path: { orderId: 1001, id: 'BATH001' } },
  getOrderCodeAtLocation: { path: { orderId: 1001, id: 'BATH001', locationExternalId: 'KITCHEN' } },
  deleteOrderCodeAtLocation: { path: { orderId: 1001, id: 'BATH001', locationExternalId: 'KITCHEN' } },
  createCustomer: { body: customer },
  lookupId: { query: { Lookup: 'OrderId', PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } },
  createJobCode: { body: { CodeExternalId: 'BATH001', Description: 'Replace bath' } },
  getJobCode: { path: { id: 'BATH001' } },
  updateJobCode: { path: { id: 'BATH001' }, body: { CodeExternalId: 'BATH001', ShortDescription: 'Bath' } },
  createPurchaseInvoice: {
    body: { SupplierExternalId: 'SUP-1', PurchaseInvoiceCategory: 0, SupplierInvoiceReference: 'INV-1', InvoiceDateUTC: '2021-03-31', PaymentTerms: 1, GoodsValue: 100 },
  },
  listRateBooks: { path: { codeExternalId: 'BATH001' } },
  getRateBook: { path: { codeExternalId: 'BATH001', contractExternalId: 'CON-1' } },
  updateRateBook: { path: { codeExternalId: 'BATH001', contractExternalId: 'CON-1' }, body: { CodeExternalId: 'BATH001', ContractExternalId: 'CON-1', Price: 12.5 } },
  postResponseCallback: { body: { CloudExternalId: 'CALL-1', StatusCode: 200 } },
  getSalesOrder: { query: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } },
  createSalesOrder: {
    body: {
      PrimaryOrderNumber: 'ORD-1',
      Customer: { ExternalId: 'CUST-1', OrganisationExternalId: 'ORG-1' },
      UseExistingCustomerDetails: true,
      ContractExternalId: 'CON-1',
      TargetDateUTC: '2021-03-31',
      PriorityExternalId: 'P1',
      JobDescription: 'Bath leak',
    },
  },
  updateSalesOrder: { body: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1', OrderStatus: 11, CancelReason: 'Tenant request' } },
  createUserAccount: { body: { UserName: 'TEST.CUSTOMER', FirstName: 'TEST', LastName: 'CUSTOMER' } },
};

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fixtureExample = (value: unknown) => ({ fixture: { summary: 'Contract-test fixture (not from the vendor document)', value } });

/** A deep copy of `spec` with FIXTURES as the `fixture` example of each parameter and request body that has none. */
export function withFixtureExamples(spec: OpenApiDocument, fixtures: Record<string, Fixture> = FIXTURES): OpenApiDocument {
  const copy = structuredClone(spec);
  const operations = new Map(listOperations(copy).map((op) => [op.operationId, op]));
  // Path-level parameters are one object shared by the path's operations: filled once, same value.
  const filled = new Map<Obj, string>();
  for (const [operationId, fixture] of Object.entries(fixtures)) {
    const op = operations.get(operationId);
    if (!op) throw new Error(`fixture for unknown operation ${operationId}`);
    for (const location of ['path', 'query'] as const) {
      for (const [name, value] of Object.entries(fixture[location] ?? {})) {
        // listOperations hands back the very parameter objects of the copy, so this edits the copy.
        const param = op.parameters.find((p) => p.in === location && p.name === name);
        if (!param) throw new Error(`${operationId}: fixture for undeclared ${location} parameter ${name}`);
        if (filled.has(param)) {
          if (filled.get(param) !== JSON.stringify(value)) throw new Error(`${operationId}: shared ${location} parameter ${name} has another fixture value`);
          continue;
        }
        if ('examples' in param || 'example' in param) throw new Error(`${operationId}: ${location} parameter ${name} has its own example; drop the fixture`);
        param.examples = fixtureExample(value);
        filled.set(param, JSON.stringify(value));
      }
    }
    if (fixture.body !== undefined) {
      const content = op.requestBody ? (resolveRef(copy, op.requestBody).content as Obj) : undefined;
      const media = content && isObj(content['application/json']) ? (content['application/json'] as Obj) : undefined;
      if (!media) throw new Error(`${operationId}: fixture body for an operation without a JSON body`);
      if ('examples' in media || 'example' in media) throw new Error(`${operationId}: the request body has its own example; drop the fixture`);
      media.examples = fixtureExample(fixture.body);
    }
  }
  return copy;
}
