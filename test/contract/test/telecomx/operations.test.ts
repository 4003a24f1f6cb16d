/**
 * telecomx against Prism: every operation called with inputs built from the spec's request
 * examples, the bearer token enforced, and every `x-invalid-examples` entry stopped by the client.
 */
import { AuthenticationError, RequestValidationError, type ApiError } from '@vendor-contracts/runtime';
import { createTelecomxClient, definition } from '@vendor-contracts/telecomx';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, requiresCredentials, responseCases, validInputs } from '../../src/cases.js';
import { fillPath, operationMethod, recordingFetch, rejectionOf, usePrism, withoutHeader } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { DOCUMENT_REQUEST_ID, withRequestIdExample } from './spec-cases.js';

const VENDOR = 'telecomx';
const TOKEN = 'contract-test-token';
const spec = withRequestIdExample(loadSpec(VENDOR));
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const invalid = invalidInputCases(spec);
const successExamples = responseCases(spec).filter((c) => c.kind === 'success' && c.body === 'example');

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>, validateRequests = true) => createTelecomxClient({ token: TOKEN, baseUrl: prism.baseUrl, fetch, validateRequests });

describe('the spec drives the cases', () => {
  it('has the one operation of the generated client, with the same method and path', () => {
    expect(operations.map((op) => op.operationId)).toEqual(Object.keys(definition.operations));
    expect(operations).toHaveLength(1);
    const generated = definition.operations.updateInternetRequest;
    expect({ method: generated.method, path: generated.path }).toEqual({ method: operations[0]!.method, path: operations[0]!.path });
  });

  it('builds a valid input and a documented 2xx example for the operation, and the invalid inputs', () => {
    expect(inputs.map((i) => i.label)).toEqual(['updateInternetRequest (offers)']);
    expect(inputs[0]!.input.path).toEqual({ requestId: DOCUMENT_REQUEST_ID });
    expect(new Set(successExamples.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
    expect(invalid.length).toBeGreaterThanOrEqual(20);
  });
});

describe('every operation with a valid input built from the spec examples', () => {
  it.each(inputs)('$label', async ({ operationId, input }) => {
    const op = opById.get(operationId)!;
    const expected = successExamples.find((c) => c.operationId === operationId)!;
    const recorder = recordingFetch();

    const data = await operationMethod(client(recorder.fetch), operationId)(input, { headers: { Prefer: expected.prefer } });

    // The example's `Offers` is declared `x-alias-of: offers`: the client returns it as `offers`.
    const { Offers, ...rest } = expected.value as Record<string, unknown>;
    expect(data).toStrictEqual(Offers === undefined || Offers === null ? rest : { ...rest, offers: Offers });
    expect(recorder.calls).toHaveLength(1);
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(expected.status);
    // Prism validated the request against the spec and found nothing to report.
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    // What went over the wire is exactly the example: `offers`, lower case.
    expect(sent!.method).toBe(op.method);
    expect(sent!.url.pathname).toBe(fillPath(op.path, input.path));
    expect(sent!.body).toStrictEqual(input.body);
    expect(Object.keys(sent!.body as object)).toEqual(['offers']);
    expect(sent!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('a takeover update with both takeover fields passes the client and Prism', async () => {
    const recorder = recordingFetch();
    const body = { takeover: true as const, takeoverCircuit: 'fake347465', takeoverCustomer: '5646756475', installTime: '7_30_TO_12' as const, ipAddresses: 8 as const };
    await client(recorder.fetch).updateInternetRequest({ path: { requestId: DOCUMENT_REQUEST_ID }, body });
    expect(recorder.calls[0]!.status).toBe(200);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
    expect(recorder.calls[0]!.body).toStrictEqual(body);
  });
});

describe('credentials (bearerAuth)', () => {
  it('the client sends its token, and a caller header cannot replace it', async () => {
    const recorder = recordingFetch();
    const { response } = await client(recorder.fetch).raw.POST('/internet/request/{requestId}', {
      params: { path: { requestId: DOCUMENT_REQUEST_ID } },
      body: {},
      headers: { Authorization: '' },
    });
    expect(response.status).toBe(200);
    expect(recorder.calls[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('Prism answers 401 to a raw request without the Authorization header', async () => {
    const recorder = recordingFetch(withoutHeader('Authorization'));
    const { response } = await client(recorder.fetch).raw.POST('/internet/request/{requestId}', { params: { path: { requestId: DOCUMENT_REQUEST_ID } }, body: {} });
    expect(response.status).toBe(401);
    expect(recorder.calls[0]!.headers.has('authorization')).toBe(false);
  });

  const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
  it('every operation requires credentials', () => expect(new Set(secured.map((i) => i.operationId)).size).toBe(1));

  it.each(secured)('$label without credentials rejects with AuthenticationError (401)', async ({ operationId, input }) => {
    const recorder = recordingFetch(withoutHeader('Authorization'));
    const error = await rejectionOf(operationMethod(client(recorder.fetch), operationId)(input));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId, vendor: VENDOR });
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.status).toBe(401);
  });
});

describe('invalid inputs (x-invalid-examples)', () => {
  it.each(invalid)('$operationId: $summary — RequestValidationError, nothing sent', async (c) => {
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(recorder.fetch), c.operationId)(c.input));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ vendor: VENDOR, operationId: c.operationId });
    const paths = (error as RequestValidationError).issues.map((i) => i.path);
    if (c.in === 'body') expect(paths.every((p) => p === 'body' || p.startsWith('body.'))).toBe(true);
    else expect(paths).toContain(`${c.in}.${c.name}`);
    expect(paths.length).toBeGreaterThan(0);
    expect(recorder.calls).toHaveLength(0);
  });

  it.each(invalid)('$operationId: $summary — Prism also rejects it when sent unchecked', async (c) => {
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(recorder.fetch, false), c.operationId)(c.input));
    expect(recorder.calls).toHaveLength(1);
    expect([400, 422]).toContain((error as ApiError).status);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toMatch(/"severity":"Error"/);
  });
});
