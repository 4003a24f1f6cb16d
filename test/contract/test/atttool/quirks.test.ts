/**
 * What only AT&T Tool has, against Prism: the API key as `api_key` in the body or query string (the
 * spec marks it `x-credential`) is what makes a request valid; IMEIs are Luhn-checked by the client
 * (JSON Schema cannot); every documented `ERR_*` code is served by some example. The checks every
 * vendor shares run in test/every-vendor with this vendor's entry (contract.ts).
 */
import { type ApiError, RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases, validInputs, vendorErrorOf } from '../../src/cases.js';
import { operationMethod, prismViolations, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import type { Middleware } from '../../src/vendor-contract.js';
import { loadSpec } from '../../src/workspace.js';
import { contract } from './contract.js';
import { credentialFields, DOCUMENT_API_KEY, splitCredential, withoutApiKey } from './spec-cases.js';

const spec = loadSpec('atttool');
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const documentedCodes = (spec.components as { schemas: { ErrorCode: { enum: string[] } } }).schemas.ErrorCode.enum;

const prism = usePrism('atttool');
const client = (fetch: (request: Request) => Promise<Response>, extra: { validateRequests?: boolean; middleware?: Middleware[] } = {}) =>
  contract.client({ apiKey: DOCUMENT_API_KEY, baseUrl: prism.baseUrl, fetch, ...extra });

describe('the spec', () => {
  it('every operation marks api_key x-credential: in the body for POST, in the query for GET', () => {
    expect(Object.fromEntries(operations.map((op) => [op.operationId, credentialFields(spec, op)]))).toEqual({
      placeOrder: { body: ['api_key'], query: [] },
      getOrderStatus: { body: ['api_key'], query: [] },
      getOrderStatusByQuery: { body: [], query: ['api_key'] },
    });
  });

  it('every documented ERR_* code is served by some example', () => {
    const codes = responseCases(spec).map((c) => (c.kind === 'success' ? vendorErrorOf(spec, opById.get(c.operationId)!, c.value)?.code : undefined));
    expect(new Set(codes.filter((code) => code !== undefined))).toEqual(new Set(documentedCodes));
  });
});

describe('the api key', () => {
  it.each(inputs)('$label without api_key is refused by Prism (the key is what makes it valid)', async ({ operationId, input: example }) => {
    const { input } = splitCredential(spec, opById.get(operationId)!, example);
    const recorder = recordingFetch();
    const strip: Middleware = { onRequest: ({ request }) => withoutApiKey(request) };
    const error = await rejectionOf(operationMethod(client(recorder.fetch, { middleware: [strip] }), operationId)(input));
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.url.searchParams.has('api_key')).toBe(false);
    expect(JSON.stringify(recorder.calls[0]!.body ?? {})).not.toContain('api_key');
    expect([400, 422]).toContain((error as ApiError).status);
    expect(prismViolations(recorder.calls[0]!, error, { orProblemBody: true })).toMatch(/"severity":"Error".*api_key/);
  });

  it('a Luhn-failing IMEI passes Prism (JSON Schema cannot check it) but the client refuses it, nothing sent', async () => {
    const body = { imeis: ['354865093010294', '353057101229742'] };
    const unchecked = recordingFetch();
    await client(unchecked.fetch, { validateRequests: false }).placeOrder({ body });
    expect(unchecked.calls[0]!.status).toBe(200);

    const checked = recordingFetch();
    const error = await rejectionOf(client(checked.fetch).placeOrder({ body }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([expect.objectContaining({ path: 'body.imeis[1]', message: expect.stringMatching(/Luhn/) })]);
    expect(checked.calls).toHaveLength(0);
  });
});
