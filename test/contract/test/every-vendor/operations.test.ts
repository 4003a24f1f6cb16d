/**
 * Every vendor against Prism: every operation called with inputs built from the spec's request
 * examples (what goes over the wire is exactly the example, credentials where the vendor puts them),
 * credentials enforced, and every `x-invalid-examples` entry stopped by the client before the
 * network and refused by Prism when sent unchecked. The vendors and what differs between them:
 * vendors.ts and test/<vendor>/contract.ts.
 */
import { type ApiError, AuthenticationError, type CallInput, RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { requiresCredentials } from '../../src/cases.js';
import { fillPath, operationMethod, prismViolations, recordingFetch, rejectionOf, usePrism, withoutHeader } from '../../src/harness.js';
import type { HeaderCredential } from '../../src/vendor-contract.js';
import { arrange, expectCount, expectedPaths, expectNoSecret, invalidKey, servedBody, vendorCases } from './vendor-cases.js';
import { selectedContracts } from './vendors.js';

type RawClient = { raw: Record<string, (path: string, init: object) => Promise<{ response: Response }>> };

/** The values of an input's query or header parameters as they go on the wire (text). */
const asText = (values: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)]));

for (const contract of await selectedContracts()) {
  const { vendor, definition, credential } = contract;
  const { operations, opById, inputs, invalid, successes } = vendorCases(contract);
  const answer = contract.answer ?? ((body: unknown) => body);
  const filledByClient = new Set(contract.filledByClient ?? []);
  const clientOnly = new Set(contract.clientOnly ?? []);
  /** Operations the client may call without credentials: the token grant itself. */
  const isTokenGrant = (operationId: string) => contract.token !== undefined && opById.get(operationId)!.path === contract.token.path;

  describe(vendor, () => {
    const prism = usePrism(vendor);
    const client = (fetch: (request: Request) => Promise<Response>, options: { apiKey?: string | undefined; validateRequests?: boolean } = {}) =>
      contract.client({ baseUrl: prism.baseUrl, fetch, ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }), validateRequests: options.validateRequests ?? true });

    describe('the spec drives the cases', () => {
      it(`has the ${contract.counts.operations} operations of the generated client, with the same method and path`, () => {
        expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(definition.operations).sort());
        expect(operations).toHaveLength(contract.counts.operations);
        for (const op of operations) {
          const generated = definition.operations[op.operationId]!;
          expect({ method: generated.method, path: generated.path }).toEqual({ method: op.method, path: op.path });
        }
      });

      it('builds a valid input and a documented 2xx answer for every operation, and the invalid inputs', () => {
        expect(new Set(inputs.map((i) => i.operationId))).toEqual(new Set(opById.keys()));
        expect(new Set(successes.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
        if (contract.counts.validInputs !== undefined) expectCount(inputs.length, contract.counts.validInputs);
        expectCount(invalid.length, contract.counts.invalidInputs);
        // Each entry excepted by name is one the spec really has.
        for (const key of [...clientOnly, ...filledByClient])
          expect(
            invalid.filter((c) => invalidKey(c) === key),
            key,
          ).toHaveLength(1);
      });
    });

    describe('every operation with a valid input built from the spec examples', () => {
      it.each(inputs)('$label', async ({ operationId, input: example }) => {
        const op = opById.get(operationId)!;
        const expected = successes.find((c) => c.operationId === operationId)!;
        // Where the key is a field, the client is configured with the example's own key; the caller's input has none.
        let { apiKey, input } = arrange(contract, op, example);
        if (credential.in === 'fields') {
          apiKey = credential.split(op, example).apiKey ?? credential.exampleKey(op);
          expect(apiKey).toBeTruthy(); // any string: the document states no key format
        }
        const recorder = recordingFetch();

        const data = await operationMethod(client(recorder.fetch, { apiKey }), operationId)(input, { headers: { Prefer: expected.prefer } });

        // A secured call on a fresh client first gets its token through the spec's own grant, exactly its example.
        expect(recorder.calls.map((c) => c.url.pathname)).toEqual(expectedPaths(contract, op, fillPath(op.path, input.path)));
        if (contract.token && requiresCredentials(op)) {
          const [token] = recorder.calls;
          expect(token!.status).toBe(200);
          expect(token!.body).toBe(contract.token.body);
          expect(token!.headers.get('authorization')).toBeNull();
        }
        const sent = recorder.calls.at(-1)!;
        expect(data).toStrictEqual(answer(servedBody(expected, sent)));
        expect(sent.status).toBe(expected.status);
        // Prism validated the request against the spec and found nothing to report.
        expect(sent.responseHeaders?.get('sl-violations')).toBeNull();
        // What went over the wire is exactly the example (with the key where the vendor wants it).
        expect(sent.method).toBe(op.method);
        expect(sent.url.pathname).toBe(fillPath(op.path, input.path));
        if (isTokenGrant(operationId)) expect(sent.body).toBe(contract.token!.body);
        else expect(sent.body).toStrictEqual(example.body);
        const keyInQuery = credential.in === 'fields' ? Object.fromEntries(credential.fields(op).query.map((name) => [name, apiKey])) : {};
        expect(Object.fromEntries(sent.url.searchParams)).toStrictEqual({ ...asText(input.query), ...keyInQuery });
        for (const [name, value] of Object.entries(asText(input.header))) expect(sent.headers.get(name)).toBe(value);
        const versions = definition.operations[operationId]!.apiVersions;
        if (versions?.length) expect(sent.headers.get('accept')).toBe(`application/json; version=${Math.max(...versions)}`);
        if (credential.in === 'header') {
          expect(sent.headers.get(credential.name)).toBe(requiresCredentials(op) ? credential.value : null);
          for (const secret of contract.secrets) expect(sent.url.href).not.toContain(secret);
        } else {
          expect(sent.headers.get('authorization')).toBeNull();
        }
      });
    });

    if (credential.in === 'header') describe('credentials', () => headerCredentialTests(credential));

    function headerCredentialTests(cred: HeaderCredential): void {
      const probe = opById.get(cred.probe)!;
      const probeInput: CallInput = inputs.find((i) => i.operationId === cred.probe)!.input;
      const probeStatus = successes.find((c) => c.operationId === cred.probe)!.status;
      /** The probe operation called through the raw (unchecked, untyped) client, with extra headers. */
      const rawProbe = (fetch: (request: Request) => Promise<Response>, headers: Record<string, string> = {}) =>
        (client(fetch) as RawClient).raw[probe.method]!(probe.path, {
          params: { path: probeInput.path, query: probeInput.query, header: probeInput.header },
          body: probeInput.body,
          headers,
        });
      const tokenCalls = (status: number) => (contract.token ? [[contract.token.path, status]] : []);

      it(`the client sends its credential in ${cred.name}, and a caller header cannot replace it`, async () => {
        const recorder = recordingFetch();
        const { response } = await rawProbe(recorder.fetch, { [cred.name]: cred.forged });
        expect(response.status).toBe(probeStatus);
        expect(recorder.calls.at(-1)!.headers.get(cred.name)).toBe(cred.value);
      });

      it(`Prism answers 401 to a raw request without the ${cred.name} header${contract.token ? ', and 200 to the token grant without it' : ''}`, async () => {
        const recorder = recordingFetch(withoutHeader(cred.name));
        const { response } = await rawProbe(recorder.fetch);
        expect(response.status).toBe(401);
        expect(recorder.calls.map((c) => [c.url.pathname, c.status])).toEqual([...tokenCalls(200), [fillPath(probe.path, probeInput.path), 401]]);
        expect(recorder.calls.at(-1)!.headers.has(cred.name)).toBe(false);
      });

      const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
      it(`every operation${contract.token ? ' but the token grant' : ''} requires credentials`, () => {
        expect(new Set(secured.map((i) => i.operationId))).toEqual(new Set([...opById.keys()].filter((id) => !isTokenGrant(id))));
      });

      it.each(secured)('$label without credentials rejects with AuthenticationError (401)', async ({ operationId, input }) => {
        const recorder = recordingFetch(withoutHeader(cred.name));
        const error = await rejectionOf(operationMethod(client(recorder.fetch), operationId)(input));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ status: 401, operationId, vendor });
        if (cred.unauthorizedBodyMatchesSpec !== undefined) expect((error as ApiError).bodyMatchesSpec).toBe(cred.unauthorizedBodyMatchesSpec);
        expectNoSecret(error, contract.secrets);
        // With a token grant, a 401 renews the token once and resends once; the second 401 is final (no loop).
        expect(recorder.calls.map((c) => c.status)).toEqual(contract.token ? [200, 401, 200, 401] : [401]);
      });
    }

    describe('invalid inputs (x-invalid-examples)', () => {
      const checked = invalid.filter((c) => !filledByClient.has(invalidKey(c)));

      it.each(checked)('$operationId: $summary — RequestValidationError, nothing sent', async (c) => {
        const { apiKey, input } = arrange(contract, opById.get(c.operationId)!, c.input);
        const recorder = recordingFetch();
        const error = await rejectionOf(operationMethod(client(recorder.fetch, { apiKey }), c.operationId)(input));
        expect(error).toBeInstanceOf(RequestValidationError);
        expect(error).toMatchObject({ vendor, operationId: c.operationId });
        const paths = (error as RequestValidationError).issues.map((i) => i.path);
        if (c.in === 'body') expect(paths.every((p) => p === 'body' || p.startsWith('body.'))).toBe(true);
        else expect(paths).toContain(`${c.in}.${c.name}`);
        expect(paths.length).toBeGreaterThan(0);
        expect(recorder.calls).toHaveLength(0); // not even a token grant
        expectNoSecret(error, [...contract.secrets, apiKey]);
      });

      const onTheWire = checked.filter((c) => !clientOnly.has(invalidKey(c)));
      it.each(onTheWire)('$operationId: $summary — Prism also rejects it when sent unchecked', async (c) => {
        const op = opById.get(c.operationId)!;
        const { apiKey, input } = arrange(contract, op, c.input);
        const recorder = recordingFetch();
        const error = await rejectionOf(operationMethod(client(recorder.fetch, { apiKey, validateRequests: false }), c.operationId)(input));
        expect(recorder.calls.map((r) => r.url.pathname)).toEqual(expectedPaths(contract, op, fillPath(op.path, input.path)));
        expect([400, 422]).toContain((error as ApiError).status);
        expect(prismViolations(recorder.calls.at(-1)!, error, { orProblemBody: contract.violationsInProblemBody })).toMatch(/"severity":"Error"/);
      });
    });
  });
}
