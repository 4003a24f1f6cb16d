/**
 * Every vendor against Prism: every documented response (status × named example) is received —
 * 2xx as the data the example (or the body Prism generated) holds, as the vendor's client returns
 * it; a 2xx that the spec's `x-vendor-error` calls an error as a VendorError with its code; errors
 * as the right typed error carrying the parsed body and the spec's error text; no error carries a
 * credential. The vendors and what differs between them: vendors.ts and test/<vendor>/contract.ts.
 */
import { type ApiError, ServerError, VendorError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { listOperations } from '../../src/cases.js';
import { expectedErrorClass, operationMethod, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { answering, arrange, countMatcher, errorText, expectNoSecret, servedBody, tallyResponses, vendorCases } from './vendor-cases.js';
import { selectedContracts } from './vendors.js';

for (const contract of await selectedContracts()) {
  const { vendor } = contract;
  const { rawSpec, spec, opById, responses, defaults } = vendorCases(contract);
  const answer = contract.answer ?? ((body: unknown) => body);

  describe(vendor, () => {
    const prism = usePrism(vendor);

    describe('the spec drives the cases', () => {
      it('has a case for every documented status of every operation', () => {
        const documented = listOperations(rawSpec).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`));
        const covered = [...responses.map((c) => `${c.operationId} ${c.status}`), ...defaults.map((c) => `${c.operationId} default`)];
        expect(new Set(covered)).toEqual(new Set(documented));
        const expected = contract.counts.responses;
        expect(tallyResponses(responses, defaults, Object.keys(expected))).toEqual(Object.fromEntries(Object.entries(expected).map(([k, n]) => [k, countMatcher(n)])));
        if (contract.counts.namedExamples) {
          const named = responses.filter((c) => c.body === 'example').map((c) => `${c.operationId} ${c.status} ${c.exampleName}`);
          expect(named.sort()).toEqual(contract.counts.namedExamples);
        }
      });
    });

    describe('every documented response is received', () => {
      it.each(responses)('$operationId → Prefer: $prefer', async (c) => {
        const op = opById.get(c.operationId)!;
        const { apiKey, input } = arrange(contract, op, c.input);
        const recorder = recordingFetch();
        const client = contract.client({ apiKey, baseUrl: prism.baseUrl, fetch: recorder.fetch });
        const call = operationMethod(client, c.operationId)(input, { headers: { Prefer: c.prefer } });
        const served = () => servedBody(c, answering(contract, op, recorder.calls).at(-1));

        if (c.vendorError) {
          const error = await rejectionOf(call);
          expect(error).toBeInstanceOf(VendorError);
          expect(error).toMatchObject({ code: c.vendorError.code, status: c.status, operationId: c.operationId, vendor });
          expect((error as VendorError).body).toStrictEqual(c.value);
          expectNoSecret(error, [...contract.secrets, apiKey]);
        } else if (c.kind === 'success') {
          const data = await call;
          if (c.body === 'none') expect(data).toBeUndefined();
          else expect(data).toStrictEqual(answer(served()));
        } else {
          const error = await rejectionOf(call);
          const Expected = expectedErrorClass(c.status);
          expect(error).toBeInstanceOf(Expected);
          expect((error as object).constructor).toBe(Expected);
          expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor });
          if (c.body === 'none') expect((error as ApiError).body).toBeUndefined();
          else {
            // A JSON body is checked against the spec (atttool's HTML 400 is text, kept as is).
            const json = /json/i.test(answering(contract, op, recorder.calls).at(-1)!.responseHeaders?.get('content-type') ?? '');
            expect((error as ApiError).bodyMatchesSpec).toBe(json);
            expect((error as ApiError).body).toStrictEqual(served());
            // The spec's error text (x-error-fields) is in the message.
            const text = errorText(spec, served());
            if (text !== undefined) expect((error as Error).message).toContain(text);
          }
          expectNoSecret(error, [...contract.secrets, apiKey]);
        }
        const answered = answering(contract, op, recorder.calls);
        expect(answered).toHaveLength(1);
        expect(answered[0]!.status).toBe(c.status);
        expect(answered[0]!.responseHeaders?.get('sl-violations')).toBeNull();
      });

      // Only vendors whose spec documents `default` responses (the entry's defaultResponses) have these.
      if (defaults.length > 0) {
        it.each(defaults)('$operationId → Prefer: $prefer (the default response)', async (c) => {
          const recorder = recordingFetch();
          const call = operationMethod(contract.client({ baseUrl: prism.baseUrl, fetch: recorder.fetch }), c.operationId)(c.input, { headers: { Prefer: c.prefer } });
          const error = await rejectionOf(call);
          expect(error).toBeInstanceOf(ServerError);
          expect(error).toMatchObject({ status: c.status, operationId: c.operationId, vendor, bodyMatchesSpec: true });
          const text = errorText(spec, (error as ApiError).body);
          expect(text).toEqual(expect.any(String));
          expect((error as Error).message).toContain(text);
          // A 5xx is retried (default 2 retries) only for operations that are safe to repeat.
          const idempotent = contract.definition.operations[c.operationId]!.idempotent;
          expect(recorder.calls).toHaveLength(idempotent ? 3 : 1);
          expect(recorder.calls.every((call) => call.status === c.status)).toBe(true);
          expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
        });
      }
    });
  });
}
