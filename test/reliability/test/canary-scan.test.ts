/**
 * S2: for every vendor × 12 scenarios, unique canary credentials go on the wire, the rig echoes
 * everything it received (headers, query, body) back in error bodies, headers and redirect URLs,
 * also transformed (upper-cased, cut to the first 12 / last 8 characters of each value, base64 of
 * each header value), and then no canary — raw, upper-cased, URL-encoded, base64, its 12-character
 * prefix or 8-character prefix/suffix, or a header value carrying it raw, URL-encoded or base64 — appears in
 * err.message, err.stack, JSON.stringify(err), util.inspect(err, {depth: ∞, showHidden}) with the
 * cause chain, or in anything the hooks received (drift records of `@vendor-contracts/runtime/drift` included).
 */
import { inspect } from 'node:util';
import type { ClientHooks } from '@vendor-contracts/runtime';
import { createDriftRecorder } from '@vendor-contracts/runtime/drift';
import { mergeHooks, otelHooks } from '@vendor-contracts/runtime/otel';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type FaultServer, type LedgerEntry, startFaultServer, type Step } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaries, errorSurfaces, headerValuesCarrying, scan, secretsOf } from '../src/canary.js';
import { operationMutations } from '../src/mutators.js';
import { createClient, type Vendor, VENDORS, vendorAnswers, vendorFacts, successStep } from '../src/vendors.js';

/** The operation each vendor's scenarios call: a read, so retries apply; AT&T's carries the key in the query. */
const OPERATION: Record<Vendor, string> = {
  atttool: 'getOrderStatusByQuery',
  infocare: 'getRouting',
  telecomx: 'updateInternetRequest',
  'tmt-first': 'getJob',
  totalmobile: 'getSalesOrder',
};

/** Everything the rig received, as text. */
const received = (e: LedgerEntry) => `${e.method} ${e.url} ${JSON.stringify(e.headers)} ${e.body}`;
/** Each value the request carried: header values, query and form values, a JSON body's top-level strings. */
function valuesOf(e: LedgerEntry): string[] {
  let json: unknown;
  try {
    json = JSON.parse(e.body);
  } catch {
    json = undefined;
  }
  const jsonStrings = json && typeof json === 'object' ? Object.values(json).filter((v): v is string => typeof v === 'string') : [];
  return [...Object.values(e.headers).flat(), ...new URL(e.url, 'http://rig').searchParams.values(), ...new URLSearchParams(e.body).values(), ...jsonStrings].filter(
    (v): v is string => typeof v === 'string',
  );
}
/** What a careless vendor would echo back: the request as text, upper-cased, and each value cut short or base64-encoded. */
const echo = (e: LedgerEntry) =>
  [received(e), received(e).toUpperCase(), ...valuesOf(e).map((v) => `${v.slice(0, 12)} ${v.slice(-8)} ${Buffer.from(v).toString('base64')}`)].join(' ');
const echoHeaders = (e: LedgerEntry) => ({ 'x-echo': encodeURIComponent(echo(e)), 'www-authenticate': `Bearer realm="${e.headers.authorization ?? ''}"` });

interface Scenario {
  name: string;
  answer?: (e: LedgerEntry) => Step;
  /** Totalmobile's /token answer instead of a token. */
  tokenAnswer?: (e: LedgerEntry) => Step;
  invalidInput?: boolean;
  /** 5-character key, password and token, sent with request validation off (the spec may want longer keys). */
  short?: boolean;
  timeout?: number;
  expect: 'success' | string;
}

const SCENARIOS: Scenario[] = [
  { name: 'success', expect: 'success' },
  {
    name: '4xx with the request echoed',
    answer: (e) => ({ status: 400, headers: echoHeaders(e), body: { error: echo(e), message: echo(e), Message: echo(e), description: echo(e) } }),
    expect: 'BadRequestError',
  },
  { name: '5xx with the request echoed', answer: (e) => ({ status: 500, headers: echoHeaders(e), body: { error: echo(e), message: echo(e) } }), expect: 'ServerError' },
  { name: 'timeout', answer: () => ({ fault: 'hang' }), timeout: 80, expect: 'TimeoutError' },
  { name: 'connection reset', answer: () => ({ fault: 'destroy-before-headers' }), expect: 'ConnectionError' },
  {
    name: 'schema violation echoing the request',
    answer: (e) => ({ status: 200, headers: echoHeaders(e), body: [[echo(e)], { leaked: echo(e) }] }),
    expect: 'ResponseContractError',
  },
  { name: 'validation error', invalidInput: true, expect: 'RequestValidationError' },
  {
    name: 'token failure (401 echoing the credentials; invalid_grant for Totalmobile)',
    answer: (e) => ({ status: 401, headers: echoHeaders(e), body: { error: echo(e), Message: echo(e), message: echo(e) } }),
    tokenAnswer: (e) => ({ status: 400, headers: echoHeaders(e), body: { error: 'invalid_grant', error_description: echo(e) } }),
    expect: 'AuthenticationError|TokenAcquisitionError',
  },
  {
    name: 'retry exhaustion (503 × 3, echoed)',
    answer: (e) => ({ status: 503, headers: { ...echoHeaders(e), 'retry-after': '0' }, body: { error: echo(e) } }),
    expect: 'ServerError',
  },
  {
    name: 'redirect carrying the credentials',
    answer: (e) => ({ fault: 'redirect-to', status: 307, location: `http://127.0.0.1:9/steal?${new URLSearchParams({ echo: echo(e) })}` }),
    expect: 'UnexpectedRedirectError',
  },
  { name: 'malformed JSON echoing the request', answer: (e) => ({ status: 200, body: `{"oops": ${echo(e)}` }), expect: 'ResponseFormatError' },
  {
    name: '429 past the deadline, echoed',
    answer: (e) => ({ status: 429, headers: { ...echoHeaders(e), 'retry-after': '277403' }, body: { error: echo(e) } }),
    expect: 'RateLimitError',
  },
  {
    name: '5-character credentials, 401 echoing them',
    short: true,
    answer: (e) => ({ status: 401, headers: echoHeaders(e), body: { error: echo(e), Message: echo(e), message: echo(e) } }),
    tokenAnswer: (e) => ({ status: 400, headers: echoHeaders(e), body: { error: 'invalid_grant', error_description: echo(e) } }),
    expect: 'AuthenticationError|TokenAcquisitionError',
  },
];

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

const cases = VENDORS.flatMap((vendor) => SCENARIOS.map((scenario) => ({ vendor, scenario, label: `${vendor}: ${scenario.name}` })));

describe('canary-secret scan (S2)', () => {
  it(`runs ${cases.length} scenarios (5 vendors × ${SCENARIOS.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('$label → 0 hits', async ({ vendor, scenario }) => {
    const creds = canaries(`${vendor}/${scenario.name}`, { short: scenario.short });
    const secrets = secretsOf(creds);
    const facts = vendorFacts(vendor);
    const operationId = OPERATION[vendor];
    const log: string[] = [];
    const record = (kind: string) => (event: unknown) => void log.push(`${kind} ${inspect(event, { depth: Infinity, showHidden: true })}`);
    const hooks: Required<ClientHooks> = {
      onCall: record('call'),
      onRequest: record('request'),
      onRetry: record('retry'),
      onWait: record('wait'),
      onSuccess: record('success'),
      onResponse: record('response'),
      onUnknownFields: record('unknown-fields'),
      onError: record('error'),
      onStoreError: record('store-error'),
    };
    const answer = scenario.answer ?? ((e: LedgerEntry) => successStep(facts, e));
    const { handle } = vendorAnswers(vendor, creds, Date.now, answer);
    const before = rig.ledger.length;
    rig.fallback = (e) => (scenario.tokenAnswer && e.url.endsWith('/token') ? scenario.tokenAnswer(e) : handle(e));
    // Drift records (runtime/drift) are scanned like every hook event: its NDJSON lines join the log.
    const drift = createDriftRecorder({ ndjson: (line) => void log.push(`drift ${line}`) });
    // So are the spans of runtime/otel, as the SDK's in-memory exporter holds them.
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('canary-scan');
    const client = createClient(vendor, rig.url, creds, {
      hooks: mergeHooks(drift.hooks(hooks), otelHooks({ tracer })),
      sleep: async () => undefined,
      rateLimit: false,
      deadline: 60_000,
      ...(scenario.timeout ? { timeout: scenario.timeout } : {}),
      ...(scenario.short ? { validateRequests: false } : {}),
    });

    let input = facts.validInput.get(operationId);
    if (scenario.invalidInput) {
      const op = facts.operations.find((o) => o.operationId === operationId)!;
      input = fc.sample(operationMutations(facts.spec, op, input ?? {})[0]!.arbitrary, { seed: 1, numRuns: 1 })[0]!.input;
    }
    const outcome = await client.call(operationId, input).then(
      () => 'success',
      (e: unknown) => e,
    );
    const name = outcome === 'success' ? 'success' : (outcome as Error).name;
    expect(name).toMatch(new RegExp(`^(${scenario.expect})$`));
    await drift.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) log.push(`span ${inspect({ name: s.name, attributes: s.attributes, status: s.status, events: s.events }, { depth: Infinity })}`);
    // A contract break is drift: its records are in the scan, not merely absent.
    if (name === 'ResponseContractError') expect(log.some((l) => l.startsWith('drift '))).toBe(true);

    // The canaries really were on the wire (except where nothing is sent), so 0 hits means something.
    const wire = rig.ledger.slice(before).map(received).join('\n');
    if (!scenario.invalidInput) expect(secretsOf(creds).some((s) => wire.includes(s) || wire.includes(encodeURIComponent(s)))).toBe(true);

    const surfaces = [...(outcome === 'success' ? [] : errorSurfaces(outcome)), ...log.map((text, i) => ({ surface: `hook[${i}]`, text }))];
    expect(surfaces.length).toBeGreaterThan(0);
    const headerValues = headerValuesCarrying(
      secrets,
      rig.ledger.slice(before).map((e) => e.headers),
    );
    expect(scan(secrets, surfaces, headerValues)).toEqual([]);
  });
});
