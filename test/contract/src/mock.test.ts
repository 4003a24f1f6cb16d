/**
 * @vendor-contracts/mock on every vendor's spec: every `x-invalid-examples` entry of every
 * operation, sent unchecked through the mock, is rejected by Prism, and the client's error carries
 * Prism's reason (the most specific violation), not the spec's canned example text; the coverage
 * counts none of those calls as a documented answer.
 */
import { createAtttoolClient } from '@vendor-contracts/atttool';
import { createInfocareClient } from '@vendor-contracts/infocare';
import { type Mock, startMock } from '@vendor-contracts/mock';
import { ApiError } from '@vendor-contracts/runtime';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_API_KEY, splitCredential } from '../test/atttool/spec-cases.js';
import { contractsOf } from '../test/every-vendor/vendors.js';
import { type InvalidInputCase, invalidInputCases, listOperations } from './cases.js';
import { operationMethod, recordingFetch, rejectionOf } from './harness.js';
import { listVendors, loadSpec, specPath } from './workspace.js';

type Fetch = (request: Request) => Promise<Response>;
type Arranged = { client: object; input: InvalidInputCase['input'] };
/**
 * Each vendor's unchecked client for a case (credentials differ from the contract suite's: see
 * totalmobile); a vendor missing here fails the first test. The spec the cases are built from and
 * the entries Prism cannot refuse come from the vendor's contract entry (test/<vendor>/contract.ts).
 */
const vendorsSetup: Record<string, { arrange: (baseUrl: string, fetch: Fetch, c: InvalidInputCase) => Arranged }> = {
  'tmt-first': { arrange: (baseUrl, fetch, c) => ({ client: createTmtFirstClient({ apiKey: 'mock-key', baseUrl, fetch, validateRequests: false }), input: c.input }) },
  telecomx: {
    arrange: (baseUrl, fetch, c) => ({ client: createTelecomxClient({ token: 'mock-token', baseUrl, fetch, validateRequests: false }), input: c.input }),
  },
  infocare: {
    arrange: (baseUrl, fetch, c) => ({ client: createInfocareClient({ apiToken: 'mock-token', baseUrl, fetch, validateRequests: false }), input: c.input }),
  },
  totalmobile: {
    // Credentials unlike any field name: the engine scrubs every 8-character run of a credential
    // from messages, and the spec example's `<username>` would scrub the violation's `UserName`.
    arrange: (baseUrl, fetch, c) => ({
      client: createTotalmobileClient({ username: 'mock-user-7c1', password: 'mock-pass-7c1', baseUrl, fetch, validateRequests: false }),
      input: c.input,
    }),
  },
  atttool: {
    arrange: (baseUrl, fetch, c) => {
      const spec = loadSpec('atttool');
      const op = listOperations(spec).find((o) => o.operationId === c.operationId)!;
      const { apiKey = DOCUMENT_API_KEY, input } = splitCredential(spec, op, c.input);
      return { client: createAtttoolClient({ apiKey, baseUrl, fetch, validateRequests: false }), input };
    },
  },
};

const vendors = listVendors();
const cases = (await contractsOf(vendors)).flatMap((contract) => {
  const spec = contract.casesSpec?.(loadSpec(contract.vendor)) ?? loadSpec(contract.vendor);
  // Entries only the client can check (Prism lets them through) or cannot even send.
  const skipped = new Set([...(contract.clientOnly ?? []), ...(contract.filledByClient ?? [])]);
  return invalidInputCases(spec)
    .filter((c) => !skipped.has(`${c.operationId} ${c.in} ${c.name ?? ''}`.trim()))
    .map((c) => ({ vendor: contract.vendor, ...c }));
});
let mock: Mock;

beforeAll(async () => {
  mock = await startMock({ vendors, specs: Object.fromEntries(vendors.map((v) => [v, specPath(v)])) });
}, 180_000);
afterAll(async () => {
  await mock?.close();
});

interface Violation {
  location: string[];
  severity: string;
  message: string;
}

describe('the mock surfaces Prism request violations', () => {
  it('has a client for every vendor and cases for most of them', () => {
    expect(Object.keys(vendorsSetup).sort()).toEqual([...vendors].sort());
    expect(new Set(cases.map((c) => c.vendor)).size).toBeGreaterThanOrEqual(4);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$vendor $operationId: $summary', async (c) => {
    const recorder = recordingFetch();
    const { client, input } = vendorsSetup[c.vendor]!.arrange(mock.baseUrlFor(c.vendor), recorder.fetch, c);
    const error = await rejectionOf(operationMethod(client, c.operationId)(input));
    expect(error).toBeInstanceOf(ApiError);
    expect([400, 422]).toContain((error as ApiError).status);
    // Prism's list: its sl-violations header, or (no 4xx documented) its problem document's `validation`.
    const header = recorder.calls.at(-1)!.responseHeaders?.get('sl-violations');
    const listed = header
      ? (JSON.parse(header) as Violation[])
      : (((error as ApiError).body as { validation?: Violation[] })?.validation ?? []).map((v) => ({ ...v, location: ['request', ...v.location] }));
    const violations = listed.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
    expect(violations.length, header ?? JSON.stringify((error as ApiError).body)).toBeGreaterThan(0);
    const deepest = violations.reduce((a, b) => (b.location.length > a.location.length ? b : a));
    // The body carries the reason where the vendor puts its error text…
    expect(JSON.stringify((error as ApiError).body)).toContain(
      JSON.stringify(`request rejected by the mock (it breaks the spec): ${deepest.location.slice(1).join('.')}: ${deepest.message}`).slice(1, -1),
    );
    // …so the message shows it, unless the vendor documents only a code (which is then the message).
    const messageField = (loadSpec(c.vendor)['x-error-fields'] as { message?: unknown } | undefined)?.message;
    if (messageField || (error as ApiError).code === undefined) expect((error as ApiError).message).toContain('request rejected by the mock');
  });

  it('counts none of the rejected calls as a documented answer', () => {
    const report = mock.coverage();
    const rejected = new Set(cases.map((c) => `${c.vendor} ${c.operationId}`));
    for (const vendor of report.vendors) {
      for (const o of vendor.operations) {
        // Only the rejected calls reached these operations (the token grant of a client reaches its own).
        if (!rejected.has(`${vendor.vendor} ${o.operationId}`)) continue;
        expect(o.calls, `${vendor.vendor} ${o.operationId}`).toBeGreaterThan(0);
        // Prism's rejections were rewritten, so no body equals a documented example.
        for (const i of o.items) if (i.example !== undefined) expect(i.hits, `${vendor.vendor} ${o.operationId} ${i.status} ${i.example}`).toBe(0);
      }
    }
  });
});
