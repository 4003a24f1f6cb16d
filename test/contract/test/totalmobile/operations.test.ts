/**
 * totalmobile against Prism: every operation called with inputs built from the spec's request
 * examples (and spec-cases.ts fixtures where the document has none), the bearer token obtained
 * through the spec's own /token operation, and every `x-invalid-examples` entry stopped by the client.
 */
import { type ApiError, AuthenticationError, RequestValidationError } from '@vendor-contracts/runtime';
import { definition } from '@vendor-contracts/totalmobile';
import { getTokenRequest } from '@vendor-contracts/totalmobile/schemas';
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, requiresCredentials, responseCases, validInputs } from '../../src/cases.js';
import { fillPath, operationMethod, rejectionOf, usePrism, withoutHeader } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { FIXTURES, withFixtureExamples } from './spec-cases.js';
import { ACCESS_TOKEN, isToken, PASSWORD, recorder, totalmobile, USERNAME } from './support.js';

const VENDOR = 'totalmobile';
const spec = withFixtureExamples(loadSpec(VENDOR));
const operations = listOperations(spec);
const opById = new Map(operations.map((op) => [op.operationId, op]));
const inputs = validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId }));
const invalid = invalidInputCases(spec);
const successCases = responseCases(spec).filter((c) => c.kind === 'success');
const GRANT = `grant_type=password&username=${encodeURIComponent(USERNAME)}&password=${encodeURIComponent(PASSWORD)}`;

const prism = usePrism(VENDOR);
const client = (fetch: (request: Request) => Promise<Response>, validateRequests = true) => totalmobile(prism.baseUrl, fetch, validateRequests);

/**
 * The one x-invalid-examples entry the client cannot even send: a grant without a password. The
 * password is an x-credential field the client always fills from its options.
 */
const FILLED_BY_CLIENT = 'getToken body';
const key = (c: { operationId: string; in: string; name?: string | undefined }) => `${c.operationId} ${c.in}${c.name ? ` ${c.name}` : ''}`;
const highestVersion = (operationId: string) => Math.max(...(definition.operations[operationId as keyof typeof definition.operations].apiVersions ?? []));

describe('the spec drives the cases', () => {
  it('has the 31 operations of the generated client, with the same method and path', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(definition.operations).sort());
    expect(operations).toHaveLength(31);
    for (const op of operations) {
      const generated = definition.operations[op.operationId as keyof typeof definition.operations];
      expect({ method: generated.method, path: generated.path }).toEqual({ method: op.method, path: op.path });
    }
  });

  it('builds one valid input and one 2xx case for every operation; fixtures only where the spec has no example', () => {
    expect(new Set(inputs.map((i) => i.operationId))).toEqual(new Set(opById.keys()));
    expect(new Set(successCases.map((c) => c.operationId))).toEqual(new Set(opById.keys()));
    // The spec's own request examples: getToken (passwordGrant), createBooking (filledIn), getAvailability's query.
    expect(
      inputs
        .filter((i) => i.exampleName !== undefined && i.exampleName !== 'fixture')
        .map((i) => i.label)
        .sort(),
    ).toEqual(['createBooking (filledIn)', 'getToken (passwordGrant)']);
    expect(Object.keys(FIXTURES)).toHaveLength(26);
    expect(invalid).toHaveLength(40);
    expect(invalid.filter((c) => key(c) === FILLED_BY_CLIENT)).toHaveLength(1);
  });
});

describe('every operation with a valid input built from the spec examples', () => {
  it.each(inputs)('$label', async ({ operationId, input }) => {
    const op = opById.get(operationId)!;
    const expected = successCases.find((c) => c.operationId === operationId)!;
    const record = recorder();

    const data = await operationMethod(client(record.fetch), operationId)(input, { headers: { Prefer: expected.prefer } });

    const secured = requiresCredentials(op);
    // A secured call on a fresh client first gets its token through POST /token, exactly the spec's example.
    expect(record.calls.map((c) => c.url.pathname)).toEqual(secured ? ['/token', fillPath(op.path, input.path)] : ['/token']);
    if (secured) {
      const [token] = record.calls;
      expect(token!.status).toBe(200);
      expect(token!.body).toBe(GRANT);
      expect(token!.headers.get('authorization')).toBeNull();
    }
    const sent = record.calls.at(-1)!;
    const answer = record.responses.at(-1)!;
    if (expected.body === 'example') expect(data).toStrictEqual(expected.value);
    else expect(data).toStrictEqual(JSON.parse(answer)); // Prism generated it from the schema; the client checked it
    expect(sent.status).toBe(expected.status);
    // Prism validated the request against the spec and found nothing to report.
    expect(sent.responseHeaders?.get('sl-violations')).toBeNull();
    // What went over the wire is exactly the example.
    expect(sent.method).toBe(op.method);
    expect(sent.url.pathname).toBe(fillPath(op.path, input.path));
    if (op.operationId === 'getToken') expect(sent.body).toBe(GRANT);
    else expect(sent.body).toStrictEqual(input.body);
    expect(Object.fromEntries(sent.url.searchParams)).toStrictEqual(Object.fromEntries(Object.entries(input.query ?? {}).map(([k, v]) => [k, String(v)])));
    expect(sent.headers.get('accept')).toBe(`application/json; version=${highestVersion(operationId)}`);
    expect(sent.headers.get('authorization')).toBe(secured ? `Bearer ${ACCESS_TOKEN}` : null);
  });
});

describe('credentials', () => {
  it('one token serves many calls: 31 concurrent calls on a cold client make one /token request', async () => {
    const record = recorder();
    const tm = client(record.fetch);
    const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
    await Promise.all(secured.map(({ operationId, input }) => operationMethod(tm, operationId)(input)));
    expect(record.calls.filter(isToken)).toHaveLength(1);
    expect(record.calls.filter((c) => !isToken(c))).toHaveLength(secured.length);
    expect(record.calls.filter((c) => !isToken(c)).every((c) => c.headers.get('authorization') === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  it('a caller header cannot replace the bearer token', async () => {
    const record = recorder();
    const { response } = await client(record.fetch).raw.GET('/api/PlanningWindow', { headers: { Authorization: 'Bearer forged' } });
    expect(response.status).toBe(200);
    expect(record.calls.at(-1)!.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('Prism answers 401 to a raw request without the Authorization header, and 200 to /token without it', async () => {
    const record = recorder(withoutHeader('Authorization'));
    const { response } = await client(record.fetch).raw.GET('/api/PlanningWindow');
    expect(response.status).toBe(401);
    expect(record.calls.map((c) => [c.url.pathname, c.status])).toEqual([
      ['/token', 200],
      ['/api/PlanningWindow', 401],
    ]);
  });

  const secured = inputs.filter((i) => requiresCredentials(opById.get(i.operationId)!));
  it('every operation but getToken requires credentials', () => {
    expect(new Set(secured.map((i) => i.operationId))).toEqual(new Set([...opById.keys()].filter((id) => id !== 'getToken')));
  });

  it.each(secured)('$label without credentials rejects with AuthenticationError (401)', async ({ operationId, input }) => {
    const record = recorder(withoutHeader('Authorization'));
    const error = await rejectionOf(operationMethod(client(record.fetch), operationId)(input));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId, vendor: VENDOR, bodyMatchesSpec: false });
    // A 401 renews the token once and resends once; the second 401 is final (no loop).
    expect(record.calls.map((c) => c.status)).toEqual([200, 401, 200, 401]);
  });
});

describe('invalid inputs (x-invalid-examples)', () => {
  const checked = invalid.filter((c) => key(c) !== FILLED_BY_CLIENT);

  it.each(checked)('$operationId: $summary — RequestValidationError, nothing sent (not even /token)', async (c) => {
    const record = recorder();
    const error = await rejectionOf(operationMethod(client(record.fetch), c.operationId)(c.input));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ vendor: VENDOR, operationId: c.operationId });
    const paths = (error as RequestValidationError).issues.map((i) => i.path);
    if (c.in === 'body') expect(paths.every((p) => p === 'body' || p.startsWith('body.'))).toBe(true);
    else expect(paths).toContain(`${c.in}.${c.name}`);
    expect(paths.length).toBeGreaterThan(0);
    expect(record.calls).toHaveLength(0);
  });

  it.each(checked)('$operationId: $summary — Prism also rejects it when sent unchecked', async (c) => {
    const record = recorder();
    const error = await rejectionOf(operationMethod(client(record.fetch, false), c.operationId)(c.input));
    expect(record.calls.map((r) => r.url.pathname)).toEqual(['/token', fillPath(opById.get(c.operationId)!.path, c.input.path)]);
    expect([400, 422]).toContain((error as ApiError).status);
    expect(record.calls.at(-1)!.responseHeaders?.get('sl-violations')).toMatch(/"severity":"Error"/);
  });

  it('getToken: a grant without a password cannot be sent — the client fills the configured one — and the validator rejects it', async () => {
    const [c] = invalid.filter((i) => key(i) === FILLED_BY_CLIENT);
    expect(c!.value).toStrictEqual({ grant_type: 'password', username: '<username>' });
    expect(getTokenRequest.body.safeParse(c!.value).success).toBe(false);
    const record = recorder();
    await expect(client(record.fetch).getToken(c!.input as { body: { grant_type: 'password' } })).resolves.toMatchObject({ access_token: ACCESS_TOKEN });
    expect(record.calls[0]!.body).toBe(GRANT);
    expect(record.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
  });
});
