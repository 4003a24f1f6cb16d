/**
 * tmt-first against Prism: every operation called with inputs built from the spec's request
 * examples, credentials enforced, and every `x-invalid-examples` entry stopped by the client.
 */
import { AuthenticationError, RequestValidationError, type ApiError } from '@vendor-contracts/runtime';
import { createTmtFirstClient, definition } from '@vendor-contracts/tmt-first';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, requiresCredentials, responseCases, validInputs } from '../../src/cases.js';
import { fillPath, operationMethod, recordingFetch, rejectionOf, usePrism, withoutHeader } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';

const VENDOR = 'tmt-first';
const API_KEY = 'contract-test-key';
const spec = loadSpec(VENDOR);
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const invalid = invalidInputCases(spec);
const successExamples = responseCases(spec).filter((c) => c.kind === 'success' && c.body === 'example');

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>, validateRequests = true) =>
  createTmtFirstClient({ apiKey: API_KEY, baseUrl: prism.baseUrl, fetch, validateRequests });

describe('the spec drives the cases', () => {
  it('has the 7 operations of the generated client, with the same method and path', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(definition.operations).sort());
    expect(operations).toHaveLength(7);
    for (const op of operations) {
      const generated = definition.operations[op.operationId as keyof typeof definition.operations];
      expect({ method: generated.method, path: generated.path }).toEqual({ method: op.method, path: op.path });
    }
  });

  it('builds at least one valid input and one documented 2xx example for every operation', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8); // prealert has two request examples
    expect(new Set(inputs.map((i) => i.operationId))).toEqual(new Set(opById.keys()));
    expect(new Set(successExamples.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
    expect(invalid.length).toBeGreaterThanOrEqual(10);
  });
});

describe('every operation with a valid input built from the spec examples', () => {
  it.each(inputs)('$label', async ({ operationId, input }) => {
    const op = opById.get(operationId)!;
    const expected = successExamples.find((c) => c.operationId === operationId)!;
    const recorder = recordingFetch();

    const data = await operationMethod(client(recorder.fetch), operationId)(input, { headers: { Prefer: expected.prefer } });

    expect(data).toStrictEqual(expected.value);
    expect(recorder.calls).toHaveLength(1);
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(expected.status);
    // Prism validated the request against the spec and found nothing to report.
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    // What went over the wire is exactly the example.
    expect(sent!.method).toBe(op.method);
    expect(sent!.url.pathname).toBe(fillPath(op.path, input.path));
    expect(sent!.body).toStrictEqual(input.body);
    for (const [name, value] of Object.entries(input.query ?? {})) expect(sent!.url.searchParams.get(name)).toBe(String(value));
    for (const [name, value] of Object.entries(input.header ?? {})) expect(sent!.headers.get(name)).toBe(String(value));
    expect(sent!.headers.get('authorization')).toBe(API_KEY);
  });
});

describe('credentials', () => {
  it('the client sends its key, and a caller header cannot replace it', async () => {
    const recorder = recordingFetch();
    const { response } = await client(recorder.fetch).raw.GET('/get-quotes', { headers: { Authorization: '' } });
    expect(response.status).toBe(200);
    expect(recorder.calls[0]!.headers.get('authorization')).toBe(API_KEY);
  });

  it('Prism answers 401 to a raw request without the Authorization header', async () => {
    const recorder = recordingFetch(withoutHeader('Authorization'));
    const { response } = await client(recorder.fetch).raw.GET('/get-quotes');
    expect(response.status).toBe(401);
    expect(recorder.calls[0]!.headers.has('authorization')).toBe(false);
  });

  const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
  it('every operation requires credentials', () => expect(new Set(secured.map((i) => i.operationId)).size).toBe(7));

  it.each(secured)('$label without credentials rejects with AuthenticationError (401)', async ({ operationId, input }) => {
    const recorder = recordingFetch(withoutHeader('Authorization'));
    const error = await rejectionOf(operationMethod(client(recorder.fetch), operationId)(input));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId, vendor: VENDOR, bodyMatchesSpec: false });
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
