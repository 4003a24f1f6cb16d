/**
 * telecomx against Prism: every documented response (status × named example) is received,
 * 2xx as data equal to the example, errors as the right typed error carrying the example body.
 */
import type { ApiError } from '@vendor-contracts/runtime';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { withRequestIdExample } from './spec-cases.js';

const VENDOR = 'telecomx';
const spec = withRequestIdExample(loadSpec(VENDOR));
const cases = responseCases(spec);

const prism = usePrism(VENDOR);

/** An answer as the client returns it: `Offers` (x-alias-of) read as `offers`. */
function readAliases(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('Offers' in value)) return value;
  const { Offers, ...rest } = value as Record<string, unknown>;
  return Offers === null || Offers === undefined ? rest : { ...rest, offers: Offers };
}

describe('the spec drives the cases', () => {
  it('has a case for every documented status of every operation', () => {
    const documented = listOperations(spec).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
    expect(new Set(cases.map((c) => `${c.operationId} ${c.status}`))).toEqual(new Set(documented));
    // As of the spec today: one 200 example; 403 ×1, 404 ×3, 422 ×18, 500 ×1 examples; 401 without one.
    expect(cases.filter((c) => c.kind === 'success')).toHaveLength(1);
    expect(cases.filter((c) => c.kind === 'error' && c.body === 'example').length).toBeGreaterThanOrEqual(23);
    expect(cases.filter((c) => c.status === 422).length).toBeGreaterThanOrEqual(18);
    expect(cases.filter((c) => c.body === 'generated').map((c) => c.status)).toEqual([401]);
  });
});

describe('every documented response is received', () => {
  it.each(cases)('$operationId → Prefer: $prefer', async (c) => {
    const recorder = recordingFetch();
    const client = createTelecomxClient({ token: 'contract-test-token', baseUrl: prism.baseUrl, fetch: recorder.fetch });
    const call = operationMethod(client, c.operationId)(c.input, { headers: { Prefer: c.prefer } });

    if (c.kind === 'success') {
      const data = await call;
      // `Offers` is declared `x-alias-of: offers`: the client reads it under that name.
      if (c.body === 'example') expect(data).toStrictEqual(readAliases(c.value));
      if (c.body === 'none') expect(data).toBeUndefined();
    } else {
      const error = await rejectionOf(call);
      const Expected = expectedErrorClass(c.status);
      expect(error).toBeInstanceOf(Expected);
      expect((error as object).constructor).toBe(Expected);
      expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor: VENDOR });
      if (c.body === 'example') {
        expect((error as ApiError).bodyMatchesSpec).toBe(true);
        expect((error as ApiError).body).toStrictEqual(c.value);
      }
      if (c.body === 'generated') expect((error as ApiError).bodyMatchesSpec).toBe(true);
      if (c.body === 'none') expect((error as ApiError).body).toBeUndefined();
    }
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.status).toBe(c.status);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });

  it('the 200 example carries its offers under `Offers`, read back as typed `offers`', async () => {
    const client = createTelecomxClient({ token: 'contract-test-token', baseUrl: prism.baseUrl });
    const success = cases.find((c) => c.kind === 'success')!;
    expect(success.value).toHaveProperty('Offers');
    const data = await client.updateInternetRequest(success.input as Parameters<typeof client.updateInternetRequest>[0], { headers: { Prefer: success.prefer } });
    expect(data).not.toHaveProperty('Offers');
    expect(data.offers).toHaveLength(1);
    expect(data.offers![0]).toMatchObject({ commitment: 36, monthlyCustomer: 700, providerName: 'Nianet' });
  });
});
