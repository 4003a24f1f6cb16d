/**
 * infocare against Prism: every operation called with inputs built from the spec's request
 * examples, the partner token enforced, and every `x-invalid-examples` entry stopped by the client.
 */
import { AuthenticationError, RequestValidationError, type ApiError } from '@vendor-contracts/runtime';
import { createInfocareClient, definition } from '@vendor-contracts/infocare';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, requiresCredentials, responseCases, validInputs } from '../../src/cases.js';
import { fillPath, operationMethod, recordingFetch, rejectionOf, usePrism, withoutHeader } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { withoutDefaultResponses } from './spec-cases.js';

const VENDOR = 'infocare';
const API_TOKEN = 'contract-test-token';
const TOKEN_HEADER = 'X-Hub-Api-Token';
const spec = loadSpec(VENDOR);
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const invalid = invalidInputCases(spec);
const successCases = responseCases(withoutDefaultResponses(spec)).filter((c) => c.kind === 'success');

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>, validateRequests = true) =>
  createInfocareClient({ apiToken: API_TOKEN, baseUrl: prism.baseUrl, fetch, validateRequests });

/**
 * x-invalid-examples entries that only the client can refuse: on the wire every query value is
 * text, and the text `2.5` is a valid alias (a non-empty string), so Prism accepts it.
 */
const CLIENT_ONLY = new Set(['getRouting query manufacturer']);
const key = (c: { operationId: string; in: string; name?: string | undefined }) => `${c.operationId} ${c.in} ${c.name ?? ''}`.trim();

describe('the spec drives the cases', () => {
  it('has the 3 operations of the generated client, with the same method and path', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(definition.operations).sort());
    expect(operations).toHaveLength(3);
    for (const op of operations) {
      const generated = definition.operations[op.operationId as keyof typeof definition.operations];
      expect({ method: generated.method, path: generated.path }).toEqual({ method: op.method, path: op.path });
    }
  });

  it('builds at least one valid input and one 2xx case for every operation', () => {
    expect(new Set(inputs.map((i) => i.operationId))).toEqual(new Set(opById.keys()));
    expect(new Set(successCases.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
    expect(invalid).toHaveLength(17);
    expect(invalid.filter((c) => CLIENT_ONLY.has(key(c)))).toHaveLength(1);
  });
});

describe('every operation with a valid input built from the spec examples', () => {
  it.each(inputs)('$label', async ({ operationId, input }) => {
    const op = opById.get(operationId)!;
    const expected = successCases.find((c) => c.operationId === operationId)!;
    const recorder = recordingFetch();

    const data = await operationMethod(client(recorder.fetch), operationId)(input, { headers: { Prefer: expected.prefer } });

    if (expected.body === 'example') expect(data).toStrictEqual((expected.value as { data: unknown }).data);
    else expect(data).toEqual(expect.any(Object));
    expect(recorder.calls).toHaveLength(1);
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(expected.status);
    // Prism validated the request against the spec and found nothing to report.
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    // What went over the wire is exactly the example, with the token in its header only.
    expect(sent!.method).toBe(op.method);
    expect(sent!.url.pathname).toBe(fillPath(op.path, input.path));
    expect(sent!.body).toStrictEqual(input.body);
    for (const [name, value] of Object.entries(input.query ?? {})) expect(sent!.url.searchParams.get(name)).toBe(String(value));
    expect(sent!.headers.get(TOKEN_HEADER)).toBe(API_TOKEN);
    expect(sent!.url.href).not.toContain(API_TOKEN);
  });

  it('getRouting sends string aliases for manufacturer and productType, which Prism accepts', async () => {
    const recorder = recordingFetch();
    const routing = await client(recorder.fetch).getRouting({
      query: { originatorType: 'private', bookingType: 'privateToPrivate', manufacturer: 'apple', productType: 'tv', clientPostalCode: '35230', serviceType: 3 },
    });
    expect(routing.servicePartner).toStrictEqual({ id: 1, name: 'InfoCare Workshop SE' });
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(200);
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    expect(sent!.url.searchParams.get('manufacturer')).toBe('apple');
    expect(sent!.url.searchParams.get('productType')).toBe('tv');
  });
});

describe('credentials', () => {
  it('the client sends its token, and a caller header cannot replace it', async () => {
    const recorder = recordingFetch();
    const { response } = await client(recorder.fetch).raw.GET('/api/v3/routing', { headers: { [TOKEN_HEADER]: '' } });
    expect(response.status).toBe(200);
    expect(recorder.calls[0]!.headers.get(TOKEN_HEADER)).toBe(API_TOKEN);
  });

  it(`Prism answers 401 to a raw request without the ${TOKEN_HEADER} header`, async () => {
    const recorder = recordingFetch(withoutHeader(TOKEN_HEADER));
    const { response } = await client(recorder.fetch).raw.GET('/api/v3/routing');
    expect(response.status).toBe(401);
    expect(recorder.calls[0]!.headers.has(TOKEN_HEADER)).toBe(false);
  });

  const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
  it('every operation requires credentials', () => expect(new Set(secured.map((i) => i.operationId)).size).toBe(3));

  it.each(secured)('$label without credentials rejects with AuthenticationError (401)', async ({ operationId, input }) => {
    const recorder = recordingFetch(withoutHeader(TOKEN_HEADER));
    const error = await rejectionOf(operationMethod(client(recorder.fetch), operationId)(input));
    expect(error).toBeInstanceOf(AuthenticationError);
    // Prism answers with the spec's own 401 envelope, so the body matches the spec.
    expect(error).toMatchObject({ status: 401, operationId, vendor: VENDOR, bodyMatchesSpec: true });
    expect(JSON.stringify(error)).not.toContain(API_TOKEN);
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

  const onTheWire = invalid.filter((c) => !CLIENT_ONLY.has(key(c)));
  it.each(onTheWire)('$operationId: $summary — Prism also rejects it when sent unchecked', async (c) => {
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(recorder.fetch, false), c.operationId)(c.input));
    expect(recorder.calls).toHaveLength(1);
    expect([400, 422]).toContain((error as ApiError).status);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toMatch(/"severity":"Error"/);
  });
});
