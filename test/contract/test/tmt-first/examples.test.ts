/**
 * tmt-first against Prism: every documented response (status × named example) is received,
 * 2xx as data equal to the example, errors as the right typed error carrying the example body.
 */
import type { ApiError } from '@vendor-contracts/runtime';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';

const VENDOR = 'tmt-first';
const spec = loadSpec(VENDOR);
const cases = responseCases(spec);

const prism = usePrism(VENDOR);

describe('the spec drives the cases', () => {
  it('has a case for every documented status of every operation', () => {
    const documented = listOperations(spec).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
    expect(new Set(cases.map((c) => `${c.operationId} ${c.status}`))).toEqual(new Set(documented));
    // As of the spec today: 8 success examples and 8 error examples (400 ×5, 403, 404 ×2).
    expect(cases.length).toBeGreaterThanOrEqual(16);
    expect(cases.filter((c) => c.kind === 'error').length).toBeGreaterThanOrEqual(8);
    expect(cases.every((c) => c.body === 'example')).toBe(true);
  });
});

describe('every documented response is received', () => {
  it.each(cases)('$operationId → Prefer: $prefer', async (c) => {
    const recorder = recordingFetch();
    const client = createTmtFirstClient({ apiKey: 'contract-test-key', baseUrl: prism.baseUrl, fetch: recorder.fetch });
    const call = operationMethod(client, c.operationId)(c.input, { headers: { Prefer: c.prefer } });

    if (c.kind === 'success') {
      const data = await call;
      if (c.body === 'example') expect(data).toStrictEqual(c.value);
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
});
