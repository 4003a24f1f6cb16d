/**
 * infocare against Prism: every documented response (status × named example) is received, 2xx as
 * the envelope's `data` equal to the example's, errors as the right typed error carrying the
 * example envelope. The `default` responses are reached with `Prefer: code=500` (spec-cases.ts).
 */
import { type ApiError, ServerError } from '@vendor-contracts/runtime';
import { createInfocareClient, definition, routingParamsNeeded } from '@vendor-contracts/infocare';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { DEFAULT_STATUS, defaultResponseCases, withoutDefaultResponses } from './spec-cases.js';

const VENDOR = 'infocare';
const API_TOKEN = 'contract-test-token';
const spec = loadSpec(VENDOR);
const cases = responseCases(withoutDefaultResponses(spec));
const defaults = defaultResponseCases(spec);

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>) => createInfocareClient({ apiToken: API_TOKEN, baseUrl: prism.baseUrl, fetch });

describe('the spec drives the cases', () => {
  it('has a case for every documented status of every operation', () => {
    const documented = listOperations(spec).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
    const covered = [...cases.map((c) => `${c.operationId} ${c.status}`), ...defaults.map((c) => `${c.operationId} default`)];
    expect(new Set(covered)).toEqual(new Set(documented));
    // As of the spec today: 3 success examples (sent, notSent, routed), 1 generated 2xx body
    // (logExternalRequest), 2 error examples (notEnoughData 400, noCompetence 404), 5 generated error
    // bodies (400 ×2, 401 ×3), and a default on each of the 3 operations.
    expect(cases.filter((c) => c.kind === 'success' && c.body === 'example')).toHaveLength(3);
    expect(cases.filter((c) => c.kind === 'error' && c.body === 'example')).toHaveLength(2);
    expect(cases.length).toBeGreaterThanOrEqual(11);
    expect(defaults).toHaveLength(3);
  });
});

describe('every documented response is received', () => {
  it.each(cases)('$operationId → Prefer: $prefer', async (c) => {
    const recorder = recordingFetch();
    const call = operationMethod(client(recorder.fetch), c.operationId)(c.input, { headers: { Prefer: c.prefer } });

    if (c.kind === 'success') {
      const data = await call;
      // The methods unwrap the envelope: they resolve to its `data`.
      if (c.body === 'example') expect(data).toStrictEqual((c.value as { data: unknown }).data);
      if (c.body === 'generated') expect(data).toEqual(expect.any(Object));
    } else {
      const error = await rejectionOf(call);
      const Expected = expectedErrorClass(c.status);
      expect(error).toBeInstanceOf(Expected);
      expect((error as object).constructor).toBe(Expected);
      expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor: VENDOR });
      expect((error as ApiError).bodyMatchesSpec).toBe(true);
      if (c.body === 'example') expect((error as ApiError).body).toStrictEqual(c.value);
      // The envelope's error text (a string or an object's message) is in the message.
      const detail = ((error as ApiError).body as { error: string | { message: string } }).error;
      expect((error as Error).message).toContain(typeof detail === 'string' ? detail : detail.message);
    }
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.status).toBe(c.status);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });

  it.each(defaults)('$operationId → Prefer: $prefer (the default response)', async (c) => {
    const recorder = recordingFetch();
    const error = await rejectionOf(operationMethod(client(recorder.fetch), c.operationId)(c.input, { headers: { Prefer: c.prefer } }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: DEFAULT_STATUS, operationId: c.operationId, vendor: VENDOR, bodyMatchesSpec: true });
    expect((error as ApiError).body).toHaveProperty('error');
    // A 5xx is retried (default 2 retries) only for operations that are safe to repeat.
    const idempotent = definition.operations[c.operationId as keyof typeof definition.operations].idempotent;
    expect(recorder.calls).toHaveLength(idempotent ? 3 : 1);
    expect(recorder.calls.every((call) => call.status === DEFAULT_STATUS)).toBe(true);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });
});

describe('the documented quirks, as Prism serves them', () => {
  it('sendCompletedEmail resolves to result: true, or to the information message (not an error)', async () => {
    const recorder = recordingFetch();
    const infocare = client(recorder.fetch);
    const body = { guid: 'd647067f-20d4-4ac3-891e-a4549e727bee', email: 'test@example.com' };
    await expect(infocare.sendCompletedEmail({ body }, { headers: { Prefer: 'example=sent' } })).resolves.toStrictEqual({ result: true });
    await expect(infocare.sendCompletedEmail({ body }, { headers: { Prefer: 'example=notSent' } })).resolves.toStrictEqual({
      result: 'Emails are disabled in settings',
    });
  });

  it('getRouting 400 "Not enough data" is a BadRequestError whose parsed body names the missing parameters', async () => {
    const recorder = recordingFetch();
    const error = await rejectionOf(client(recorder.fetch).getRouting({ query: { productType: 'tv' } }, { headers: { Prefer: 'code=400, example=notEnoughData' } }));
    expect(error).toBeInstanceOf(expectedErrorClass(400));
    expect((error as ApiError).body).toStrictEqual({ error: 'Not enough data', data: { paramsNeeded: ['manufacturer', 'serviceType'] } });
    expect((error as Error).message).toBe('infocare.getRouting failed with HTTP 400: Not enough data');
    expect(routingParamsNeeded(error)).toEqual(['manufacturer', 'serviceType']);
  });

  it('getRouting 404 carries the object-shaped error message', async () => {
    const recorder = recordingFetch();
    const error = await rejectionOf(client(recorder.fetch).getRouting(undefined, { headers: { Prefer: 'code=404, example=noCompetence' } }));
    expect(error).toBeInstanceOf(expectedErrorClass(404));
    expect((error as Error).message).toBe("infocare.getRouting failed with HTTP 404: Can't process this case");
    expect(routingParamsNeeded(error)).toBeUndefined();
  });
});
