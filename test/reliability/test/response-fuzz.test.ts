/**
 * R10: responses are tolerant but checked. For every vendor, ≥ 1,000 response bodies mutated from
 * the spec's documented 2xx examples (src/response-mutators.ts) are served through the real HTTP
 * fault rig, and every call settles within a deadline as exactly the typed outcome the mutation
 * calls for:
 *   - a schema break → ResponseContractError naming the JSON pointer of the break;
 *   - a body that is not JSON, or not labelled as JSON → ResponseFormatError (syntax / content-type);
 *   - a body the vendor's own `x-vendor-error` rule marks as an error → VendorError. That rule is
 *     checked before the schema on purpose: a vendor that says "error" in a 200 is telling us what
 *     happened, and a schema complaint about the error's shape would hide it;
 *   - a valid body with unknown fields → success, the fields kept and their pointers reported.
 * Plus the body cap: a streamed body over a small `maxResponseBytes` → ResponseTooLargeError.
 */
import { inspect } from 'node:util';
import { ResponseContractError, ResponseFormatError, ResponseTooLargeError, VendorContractsError, VendorError } from '@vendor-contracts/runtime';
import { type FaultServer, type LedgerEntry, startFaultServer, type Step } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseCases } from '../../contract/src/cases.js';
import { type ServedBody, matchesVendorErrorRule, responseMutations, vendorErrorRule } from '../src/response-mutators.js';
import { createClient, type Vendor, VENDORS, vendorAnswers, vendorFacts } from '../src/vendors.js';

const SEED = 10_2026;
const BODIES_PER_VENDOR = 1_000;
/** A call that has not settled by then is a hang: the test fails rather than waits. */
const CALL_DEADLINE_MS = 10_000;
const CREDENTIALS = { key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', username: 'fuzz-user', password: 'fuzz-password', bearer: 'fuzz-bearer-token' };

let unhandled = 0;
const countUnhandled = () => void unhandled++;
beforeAll(() => void process.on('unhandledRejection', countUnhandled));
afterAll(() => void process.off('unhandledRejection', countUnhandled));

let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

/** The call's outcome, or 'hang' when it did not settle by the deadline. */
async function settle(call: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown } | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), CALL_DEADLINE_MS)));
  try {
    return await Promise.race([
      call.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const isAncestorPointer = (ancestor: string, pointer: string) => ancestor === '' || pointer === ancestor || pointer.startsWith(`${ancestor}/`);

/** Documented 2xx examples that are success bodies (AT&T's 200 `ERR_*` examples are errors, covered by vendor-errors.test.ts). */
function successExamples(vendor: Vendor) {
  const facts = vendorFacts(vendor);
  return responseCases(facts.spec)
    .filter((c) => c.kind === 'success' && c.body === 'example' && c.value !== undefined)
    .map((c) => ({ ...c, op: facts.operations.find((o) => o.operationId === c.operationId)! }))
    .filter((c) => !matchesVendorErrorRule(vendorErrorRule(facts.spec, c.op, c.status), JSON.stringify(c.value)));
}

describe.each(VENDORS)('%s: fuzzed response bodies end in typed errors (R10)', (vendor) => {
  it(`≥ ${BODIES_PER_VENDOR} bodies mutated from the spec's 2xx examples, over the HTTP rig: every call settles as the expected typed outcome`, async () => {
    const facts = vendorFacts(vendor);
    const examples = successExamples(vendor);
    expect(examples.length, `${vendor} has documented 2xx examples`).toBeGreaterThan(0);
    const mutations = examples.flatMap((ex) =>
      responseMutations(facts.spec, ex.op, { operationId: ex.operationId, status: ex.status, value: ex.value }).map((m) => ({ ...m, input: ex.input, op: ex.op })),
    );
    const fixed = mutations.filter((m) => m.fixed).length;
    const runsEach = Math.max(3, Math.ceil((BODIES_PER_VENDOR - fixed) / (mutations.length - fixed)));

    let current: ServedBody = { text: '', contentType: 'application/json', expect: { outcome: 'accept', unknownPointers: [] } };
    let status = 200;
    const serve = (): Step => ({ status, body: current.text, headers: { 'content-type': current.contentType } });
    let mutatedOperation = '';
    // Totalmobile's token: the authority answers /token for every other operation; when the token
    // operation itself is fuzzed, /token serves the mutated body (the client's cached token stays valid).
    const { handle, authority } = vendorAnswers(vendor, CREDENTIALS, Date.now, serve);
    rig.fallback = (entry: LedgerEntry) => (authority && mutatedOperation !== tokenOperation(vendor) ? handle(entry) : serve());
    let reported: string[] = [];
    const client = createClient(vendor, rig.url, CREDENTIALS, {
      retry: { maxRetries: 0 },
      rateLimit: false,
      timeout: CALL_DEADLINE_MS / 2,
      hooks: { onUnknownFields: (event) => void reported.push(...event.pointers) },
    });

    const outcomes = new Map<string, number>();
    const kinds = new Set<string>();
    let bodies = 0;
    for (const [i, mutation] of mutations.entries()) {
      const seed = SEED + i;
      await fc.assert(
        fc.asyncProperty(mutation.arbitrary, async (body) => {
          bodies++;
          current = body;
          status = mutation.status;
          mutatedOperation = mutation.operationId;
          reported = [];
          const where = `${vendor} ${mutation.operationId} ${mutation.status} ${mutation.kind} (seed ${seed})`;
          const result = await settle(client.call(mutation.operationId, mutation.input));
          expect(result, `${where}: did not settle within ${CALL_DEADLINE_MS} ms`).not.toBe('hang');
          if (result === 'hang') return;
          // Any mutation that happens to set the vendor's error marker is an error answer too.
          const marked = body.expect.outcome !== 'format' && matchesVendorErrorRule(vendorErrorRule(facts.spec, mutation.op, mutation.status), body.text);
          const label = result.ok ? 'success' : (result.error as Error).constructor.name;
          outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
          if (!result.ok) {
            expect(result.error, `${where}: untyped ${String(result.error)}`).toBeInstanceOf(VendorContractsError);
            // What a logger does with it must not overflow either (a 10k-deep body kept on the error would).
            expect(() => JSON.stringify(result.error), `${where}: JSON.stringify(error)`).not.toThrow();
            expect(() => inspect(result.error, { depth: Infinity }), `${where}: util.inspect(error)`).not.toThrow();
          }
          if (marked || body.expect.outcome === 'vendor') {
            expect(result.ok ? 'success' : result.error, where).toBeInstanceOf(VendorError);
            expect((result as { error: VendorError }).error, where).toMatchObject({ vendor, operationId: mutation.operationId, status: mutation.status, retryable: false });
          } else if (body.expect.outcome === 'contract') {
            expect(result.ok ? 'success' : result.error, where).toBeInstanceOf(ResponseContractError);
            const issues = (result as { error: ResponseContractError }).error.issues;
            const { pointer, inUnion } = body.expect;
            expect(
              issues.every((issue) => issue.path === '' || issue.path.startsWith('/')),
              `${where}: issue paths are JSON pointers`,
            ).toBe(true);
            expect(
              issues.some((issue) => issue.path === pointer || (inUnion && isAncestorPointer(issue.path, pointer))),
              `${where}: expected an issue at "${pointer}", got ${JSON.stringify(issues.map((x) => `${x.path} ${x.rule}`))}`,
            ).toBe(true);
          } else if (body.expect.outcome === 'format') {
            expect(result.ok ? 'success' : result.error, where).toBeInstanceOf(ResponseFormatError);
            expect((result as { error: ResponseFormatError }).error.reason, where).toBe(body.expect.reason);
          } else if (body.expect.outcome === 'accept') {
            expect(result.ok ? 'success' : String((result as { error: unknown }).error), where).toBe('success');
            expect([...new Set(reported)].sort(), `${where}: unknown fields reported`).toEqual(body.expect.unknownPointers);
            // Kept, not stripped: every reported field is in the returned data, where the method returns it
            // (inside an `x-envelope` payload, under an `x-alias-of` property's canonical name).
            const data = (result as { value: unknown }).value;
            for (const pointer of body.expect.unknownPointers) {
              const at = returnedPointer(vendor, pointer);
              if (at !== undefined) expect(hasPointer(data, at), `${where}: ${pointer} kept (at ${at})`).toBe(true);
            }
          }
        }),
        { seed, numRuns: mutation.fixed ? 1 : runsEach },
      );
      kinds.add(mutation.kind);
    }

    expect(bodies).toBeGreaterThanOrEqual(BODIES_PER_VENDOR);
    for (const kind of ['type', 'truncated', 'html-200', 'wrong-content-type', 'empty-body', '1mb-string', 'deep-nesting']) expect(kinds, `${vendor} kinds`).toContain(kind);
    const hasRule = examples.some((ex) => vendorErrorRule(facts.spec, ex.op, ex.status) !== undefined);
    if (hasRule) expect(outcomes.get('VendorError') ?? 0, `${vendor}: bodies carrying its x-vendor-error marker`).toBeGreaterThan(0);
    expect(outcomes.get('success') ?? 0, `${vendor}: extended bodies accepted`).toBeGreaterThan(0);
    expect([...outcomes.keys()].filter((k) => !['success', 'ResponseContractError', 'ResponseFormatError', 'VendorError'].includes(k))).toEqual([]);
    expect(unhandled).toBe(0);
    // The whole run went over HTTP: one request per body, plus the tokens Totalmobile's authority issued.
    expect(rig.ledger.length).toBe(bodies + (authority?.issued.length ?? 0));
  });
});

/** The operation that fetches Totalmobile's token (served by the rig's token authority elsewhere). */
function tokenOperation(vendor: Vendor): string | undefined {
  return vendorFacts(vendor).operations.find((op) => op.path.endsWith('/token'))?.operationId;
}

/**
 * Where a field of the answer at `pointer` sits in what the method returns: below the `x-envelope`
 * payload (a field outside it is reported, not returned: undefined), with every `x-alias-of`
 * spelling read as its canonical property.
 */
function returnedPointer(vendor: Vendor, pointer: string): string | undefined {
  const spec = vendorFacts(vendor).spec as Record<string, unknown>;
  const payload = (spec['x-envelope'] as { payload?: string } | undefined)?.payload;
  let at = pointer;
  if (payload) {
    if (!at.startsWith(`${payload}/`)) return undefined;
    at = at.slice(payload.length);
  }
  const aliases = aliasesOf(spec);
  return at
    .split('/')
    .map((segment) => aliases.get(segment) ?? segment)
    .join('/');
}

/** Every `x-alias-of` property name of the spec → its canonical property. Bounded by the spec's size. */
function aliasesOf(node: unknown, out = new Map<string, string>()): Map<string, string> {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, schema] of Object.entries(value)) {
        const canonical = (schema as Record<string, unknown> | null)?.['x-alias-of'];
        if (typeof canonical === 'string') out.set(name, canonical);
      }
    }
    aliasesOf(value, out);
  }
  return out;
}

function hasPointer(data: unknown, pointer: string): boolean {
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

describe.each(VENDORS)('%s: a body over maxResponseBytes (R10)', (vendor) => {
  const CAP = 256 * 1024;
  const TOTAL = 32 * 1024 * 1024;

  it.each([
    ['chunked, no Content-Length', false],
    ['with a Content-Length over the cap', true],
  ])('%s → ResponseTooLargeError having buffered ≤ cap + 64 KiB', async (_label, contentLength) => {
    const example = successExamples(vendor).find((c) => c.operationId !== tokenOperation(vendor))!;
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, () => ({ fault: 'stream-bytes', bytes: TOTAL, contentLength, status: example.status })).handle;
    const client = createClient(vendor, rig.url, CREDENTIALS, { retry: { maxRetries: 0 }, rateLimit: false, maxResponseBytes: CAP });
    const result = await settle(client.call(example.operationId, example.input));
    expect(result).not.toBe('hang');
    const error = (result as { error: ResponseTooLargeError }).error;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ vendor, operationId: example.operationId, status: example.status, limitBytes: CAP });
    expect(error.bytesRead).toBeLessThanOrEqual(CAP + 64 * 1024);
    if (contentLength) expect(error.bytesRead).toBe(0);
    else expect(error.bytesRead).toBeGreaterThan(CAP);
    // Reading stopped: the rig could not push the whole body (socket buffers hold far less than 32 MiB).
    const entry = rig.ledger.find((e) => e.bytesSent !== undefined)!;
    expect(entry.bytesSent).toBeLessThan(TOTAL);
  });
});
