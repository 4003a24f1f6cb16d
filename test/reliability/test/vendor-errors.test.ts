/**
 * R11 and the typed vendor errors: every documented error example of every vendor, served
 * by the fault rig, comes back as a typed error carrying vendor, operationId, status, the parsed
 * body and the vendor's code where its body has one (read where the spec's x-error-fields says).
 */
import { ApiError, VendorError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer } from '@vendor-contracts/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCases } from '../../contract/src/cases.js';
import { createClient, type Vendor, VENDORS, vendorAnswers, vendorFacts } from '../src/vendors.js';

const CREDENTIALS = { key: '0123456789abcdef0123456789abcdef', username: 'user@example.test', password: 'pw', bearer: 'bearer-1' };

/** Per vendor, by hand from its document: which body field is its error code (if any). */
const EXPECTED_CODE: Record<Vendor, (body: unknown) => string | undefined> = {
  'tmt-first': () => undefined, // {error} / [{error, location}]: a message, no code
  totalmobile: (b) => (b as { error?: string } | null)?.error, // {Message, ModelState}: none; OAuth2 {error}
  telecomx: (b) => (b as { message?: string } | null)?.message, // the document's Message column: not_found, a field name
  infocare: () => undefined, // {error: "text" | {message}}: no code
  atttool: (b) => (b as { status?: string } | null)?.status, // ERR_* in a 200
};

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

const cases = VENDORS.flatMap((vendor) => {
  const facts = vendorFacts(vendor);
  return responseCases(facts.spec)
    .filter((c) => c.body === 'example' && (c.kind === 'error' || /^ERR_/.test(String((c.value as { status?: unknown })?.status))))
    .map((c) => ({ vendor, ...c, label: `${vendor} ${c.operationId} ${c.status} ${c.exampleName ?? ''}` }));
});

describe('typed vendor errors from every documented error example', () => {
  it('covers every vendor', () => {
    expect(new Set(cases.map((c) => c.vendor))).toEqual(new Set(VENDORS));
  });

  it.each(cases)('$label', async (c) => {
    const answer = { status: c.status, body: c.value as object };
    rig.fallback = vendorAnswers(c.vendor, CREDENTIALS, Date.now, () => answer).handle;
    const client = createClient(c.vendor, rig.url, CREDENTIALS, { retry: { maxRetries: 0 }, rateLimit: false });
    const error = await client.call(c.operationId, c.input).then(
      () => undefined,
      (e: unknown) => e,
    );
    const Class = c.status < 300 ? VendorError : ApiError;
    expect(error).toBeInstanceOf(Class);
    const typed = error as ApiError | VendorError;
    expect(typed).toMatchObject({ vendor: c.vendor, operationId: c.operationId, status: c.status });
    expect(typed.body).toEqual(c.value);
    expect(typed.code).toBe(EXPECTED_CODE[c.vendor](c.value));
    // JSON error bodies match the spec's error schema (AT&T's 400 is an HTML page, not JSON).
    if (typed instanceof ApiError && typeof c.value === 'object' && c.value !== null) expect(typed.bodyMatchesSpec).toBe(true);
    if (typed instanceof VendorError) expect(typed.retryable).toBe(false);
    if (typed.code) expect(typed.message).toContain(typed.code);
  });
});

describe('error shapes the documents describe without an example', () => {
  it('Totalmobile {Message, ModelState} → BadRequestError with the vendor message and the parsed body', async () => {
    const body = { Message: 'The request is invalid.', ModelState: { 'salesOrder.PrimaryOrderNumber': ['The PrimaryOrderNumber field is required.'] } };
    rig.fallback = vendorAnswers('totalmobile', CREDENTIALS, Date.now, () => ({ status: 400, body })).handle;
    const client = createClient('totalmobile', rig.url, CREDENTIALS, { retry: { maxRetries: 0 } });
    const input = vendorFacts('totalmobile').validInput.get('createSalesOrder');
    const error = (await client.call('createSalesOrder', input).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ vendor: 'totalmobile', operationId: 'createSalesOrder', status: 400, code: undefined, body, bodyMatchesSpec: true });
    expect(error.message).toBe('totalmobile.createSalesOrder failed with HTTP 400: The request is invalid.');
  });

  it('Totalmobile /token {error, error_description} → code invalid_grant on the cause of TokenAcquisitionError', async () => {
    const handle = vendorAnswers('totalmobile', CREDENTIALS, Date.now, () => ({})).handle;
    rig.fallback = (e) => (e.url.endsWith('/token') ? { status: 400, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } } : handle(e));
    const client = createClient('totalmobile', rig.url, CREDENTIALS, { retry: { maxRetries: 0 } });
    const error = (await client.call('listPlanningWindows').catch((e: unknown) => e)) as Error & { cause: ApiError };
    expect(error.name).toBe('TokenAcquisitionError');
    expect(error.cause).toMatchObject({ operationId: 'getToken', status: 400, code: 'invalid_grant' });
  });
});
