/**
 * atttool against Prism: every operation called with inputs built from the spec's request
 * examples, the API key filled where AT&T Tool wants it (JSON body or query string, never a
 * header), and every `x-invalid-examples` entry stopped by the client before the network.
 */
import { type ApiError, type ClientOptions, RequestValidationError } from '@vendor-contracts/runtime';
import { createAtttoolClient, definition } from '@vendor-contracts/atttool';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, responseCases, validInputs } from '../../src/cases.js';
import { fillPath, operationMethod, type RecordedExchange, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { credentialFields, DOCUMENT_API_KEY, splitCredential, withoutApiKey } from './spec-cases.js';

type Middleware = NonNullable<ClientOptions['middleware']>[number];

const VENDOR = 'atttool';
const spec = loadSpec(VENDOR);
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const invalid = invalidInputCases(spec);
/** The first OK example of each operation (its 200 examples also include ERR_* bodies). */
const okExamples = responseCases(spec).filter((c) => c.kind === 'success' && (c.value as { status?: string }).status === 'OK');
/** The key of each GET example parameter marked x-credential (the client fills it, so cases.ts skips it). */
const queryKeyExample = (operationId: string) =>
  (opById.get(operationId)!.parameters.find((p) => p['x-credential'] !== undefined)?.examples as Record<string, { value: string }> | undefined)?.documentKey?.value;

const prism = usePrism(VENDOR);

/**
 * What Prism found wrong with a request: the `sl-violations` header when the operation documents
 * an error response Prism can answer with (the GET's 400), else the `validation` list of the 422
 * problem body Prism generates (the POST operations document only 200).
 */
function prismViolations(exchange: RecordedExchange, error: unknown): string {
  const header = exchange.responseHeaders?.get('sl-violations');
  if (header) return header;
  const body = (error as ApiError).body as { validation?: unknown } | undefined;
  return JSON.stringify(body?.validation ?? null);
}
const client = (apiKey: string, fetch: (request: Request) => Promise<Response>, extra: { validateRequests?: boolean; middleware?: Middleware[] } = {}) =>
  createAtttoolClient({ apiKey, baseUrl: prism.baseUrl, fetch, ...extra });

describe('the spec drives the cases', () => {
  it('has the 3 operations of the generated client, with the same method and path', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(definition.operations).sort());
    expect(operations).toHaveLength(3);
    for (const op of operations) {
      const generated = definition.operations[op.operationId as keyof typeof definition.operations];
      expect({ method: generated.method, path: generated.path }).toEqual({ method: op.method, path: op.path });
    }
  });

  it('every operation marks api_key x-credential: in the body for POST, in the query for GET', () => {
    expect(Object.fromEntries(operations.map((op) => [op.operationId, credentialFields(spec, op)]))).toEqual({
      placeOrder: { body: ['api_key'], query: [] },
      getOrderStatus: { body: ['api_key'], query: [] },
      getOrderStatusByQuery: { body: [], query: ['api_key'] },
    });
  });

  it('builds a valid input and an OK example for every operation, and the invalid cases', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(5); // placeOrder has three request examples
    expect(new Set(inputs.map((i) => i.operationId))).toEqual(new Set(opById.keys()));
    expect(new Set(okExamples.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
    expect(invalid.length).toBeGreaterThanOrEqual(6); // the documented requests the client refuses (missing fields, IMEIs, pingback URLs)
  });
});

describe('every operation with a valid input built from the spec examples', () => {
  it.each(inputs)('$label', async ({ operationId, input: example }) => {
    const op = opById.get(operationId)!;
    const expected = okExamples.find((c) => c.operationId === operationId)!;
    // The client is configured with the example's own key; the caller's input has no api_key.
    const { apiKey = queryKeyExample(operationId), input } = splitCredential(spec, op, example);
    expect(apiKey).toBeTruthy(); // any string: the document states no key format
    const recorder = recordingFetch();

    const data = await operationMethod(client(apiKey!, recorder.fetch), operationId)(input, { headers: { Prefer: expected.prefer } });

    expect(data).toStrictEqual(expected.value);
    expect(recorder.calls).toHaveLength(1);
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(200);
    // Prism validated the request (api_key included) against the spec and found nothing to report.
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    expect(sent!.method).toBe(op.method);
    expect(sent!.url.pathname).toBe(fillPath(op.path, input.path));
    expect(sent!.headers.get('authorization')).toBeNull();
    if (op.method === 'GET') {
      expect(Object.fromEntries(sent!.url.searchParams)).toEqual({ ...input.query, api_key: apiKey });
      expect(sent!.body).toBeUndefined();
    } else {
      // What went over the wire is exactly the spec's example, api_key filled in by the client.
      expect(sent!.body).toStrictEqual(example.body);
      expect(sent!.url.search).toBe('');
    }
  });
});

describe('the api key', () => {
  it.each(inputs)('$label without api_key is refused by Prism (the key is what makes it valid)', async ({ operationId, input: example }) => {
    const op = opById.get(operationId)!;
    const { input } = splitCredential(spec, op, example);
    const recorder = recordingFetch();
    const strip: Middleware = { onRequest: ({ request }) => withoutApiKey(request) };
    const error = await rejectionOf(operationMethod(client(DOCUMENT_API_KEY, recorder.fetch, { middleware: [strip] }), operationId)(input));
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.url.searchParams.has('api_key')).toBe(false);
    expect(JSON.stringify(recorder.calls[0]!.body ?? {})).not.toContain('api_key');
    expect([400, 422]).toContain((error as ApiError).status);
    expect(prismViolations(recorder.calls[0]!, error)).toMatch(/"severity":"Error".*api_key/);
  });

  it('a Luhn-failing IMEI passes Prism (JSON Schema cannot check it) but the client refuses it, nothing sent', async () => {
    const body = { imeis: ['354865093010294', '353057101229742'] };
    const unchecked = recordingFetch();
    await client(DOCUMENT_API_KEY, unchecked.fetch, { validateRequests: false }).placeOrder({ body });
    expect(unchecked.calls[0]!.status).toBe(200);

    const checked = recordingFetch();
    const error = await rejectionOf(client(DOCUMENT_API_KEY, checked.fetch).placeOrder({ body }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([expect.objectContaining({ path: 'body.imeis[1]', message: expect.stringMatching(/Luhn/) })]);
    expect(checked.calls).toHaveLength(0);
  });
});

describe('invalid inputs (x-invalid-examples)', () => {
  /** The client a caller would have for this case: an invalid api_key comes in through the apiKey option. */
  function arrange(c: (typeof invalid)[number]) {
    const { apiKey = DOCUMENT_API_KEY, input } = splitCredential(spec, opById.get(c.operationId)!, c.input);
    return { apiKey, input };
  }

  it.each(invalid)('$operationId: $summary — RequestValidationError, nothing sent', async (c) => {
    const { apiKey, input } = arrange(c);
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(apiKey, recorder.fetch), c.operationId)(input));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ vendor: VENDOR, operationId: c.operationId });
    const paths = (error as RequestValidationError).issues.map((i) => i.path);
    if (c.in === 'body') expect(paths.every((p) => p === 'body' || p.startsWith('body.'))).toBe(true);
    else expect(paths).toContain(`${c.in}.${c.name}`);
    expect(paths.length).toBeGreaterThan(0);
    expect(recorder.calls).toHaveLength(0);
    expect(JSON.stringify(error) + (error as Error).stack).not.toContain(apiKey);
  });

  it.each(invalid)('$operationId: $summary — Prism also rejects it when sent unchecked', async (c) => {
    const { apiKey, input } = arrange(c);
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(apiKey, recorder.fetch, { validateRequests: false }), c.operationId)(input));
    expect(recorder.calls).toHaveLength(1);
    expect([400, 422]).toContain((error as ApiError).status);
    expect(prismViolations(recorder.calls[0]!, error)).toMatch(/"severity":"Error"/);
  });
});
