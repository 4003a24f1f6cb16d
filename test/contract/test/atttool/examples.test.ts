/**
 * atttool against Prism: every documented response (status × named example) is received. AT&T
 * Tool answers errors with HTTP 200 and `status: ERR_*` (the spec's `x-vendor-error`), so a 200
 * example is either data equal to the example or a VendorError with the example's code; the GET
 * variant's 400 (HTML) is a BadRequestError. No error carries the API key.
 */
import { type ApiError, VendorError } from '@vendor-contracts/runtime';
import { createAtttoolClient } from '@vendor-contracts/atttool';
import { describe, expect, it } from 'vitest';
import { listOperations, responseCases } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { at, DOCUMENT_API_KEY, splitCredential, vendorErrorRule } from './spec-cases.js';

const VENDOR = 'atttool';
const spec = loadSpec(VENDOR);
const operations = new Map(listOperations(spec).map((op) => [op.operationId, op]));
const documentedCodes = (spec.components as { schemas: { ErrorCode: { enum: string[] } } }).schemas.ErrorCode.enum;

/** Each case, with whether the client must throw it as a VendorError (and with which code). */
const cases = responseCases(spec).map((c) => {
  const op = operations.get(c.operationId)!;
  const rule = vendorErrorRule(spec, op);
  const status = rule ? at(c.value, rule.when.pointer) : undefined;
  const isVendorError = c.kind === 'success' && typeof status === 'string' && new RegExp(rule!.when.pattern ?? '(?!)', 'u').test(status);
  const code = isVendorError && rule!.code ? (at(c.value, rule!.code) as string) : undefined;
  return { ...c, isVendorError, code };
});

const prism = usePrism(VENDOR);

function expectNoKey(error: unknown, key: string): void {
  const e = error as Error;
  expect(e.message).not.toContain(key);
  expect(e.stack ?? '').not.toContain(key);
  expect(JSON.stringify(e)).not.toContain(key);
}

describe('the spec drives the cases', () => {
  it('has a case for every documented status of every operation', () => {
    const documented = [...operations.values()].flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
    expect(new Set(cases.map((c) => `${c.operationId} ${c.status}`))).toEqual(new Set(documented));
    // As of the spec today: 200 × (placeOrder 2 OK + 5 ERR, getOrderStatus 1 + 3, getOrderStatusByQuery 1 + 2), 400 × 1.
    expect(cases).toHaveLength(15);
    expect(cases.filter((c) => c.isVendorError)).toHaveLength(10);
    expect(cases.filter((c) => c.kind === 'error').map((c) => `${c.operationId} ${c.status}`)).toEqual(['getOrderStatusByQuery 400']);
    expect(cases.every((c) => c.body === 'example')).toBe(true);
  });

  it('every documented ERR_* code is served by some example', () => {
    expect(new Set(cases.filter((c) => c.isVendorError).map((c) => c.code))).toEqual(new Set(documentedCodes));
  });
});

describe('every documented response is received', () => {
  it.each(cases)('$operationId → Prefer: $prefer', async (c) => {
    const recorder = recordingFetch();
    const { input } = splitCredential(spec, operations.get(c.operationId)!, c.input);
    const client = createAtttoolClient({ apiKey: DOCUMENT_API_KEY, baseUrl: prism.baseUrl, fetch: recorder.fetch });
    const call = operationMethod(client, c.operationId)(input, { headers: { Prefer: c.prefer } });

    if (c.isVendorError) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(VendorError);
      expect(error).toMatchObject({ code: c.code, status: c.status, operationId: c.operationId, vendor: VENDOR });
      expect((error as VendorError).body).toStrictEqual(c.value);
      expectNoKey(error, DOCUMENT_API_KEY);
    } else if (c.kind === 'success') {
      expect(await call).toStrictEqual(c.value);
    } else {
      const error = await rejectionOf(call);
      const Expected = expectedErrorClass(c.status);
      expect(error).toBeInstanceOf(Expected);
      expect((error as object).constructor).toBe(Expected);
      expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor: VENDOR });
      // text/html, so the body is the example's text, not JSON.
      expect((error as ApiError).body).toStrictEqual(c.value);
      expectNoKey(error, DOCUMENT_API_KEY);
    }
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]!.status).toBe(c.status);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });
});
