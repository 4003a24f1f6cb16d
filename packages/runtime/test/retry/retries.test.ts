import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  backoffDelay,
  BadRequestError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseContractError,
  ServerError,
  TimeoutError,
  UnexpectedRedirectError,
  UnprocessableEntityError,
  VendorError,
} from '../../src/index.js';
import { type FaultServer, refusedUrl, type Step, startFaultServer } from '../fault/server.js';
import { failure, harness, type Method, START } from './harness.js';

let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

const OK_BODY = { id: 1, name: 'ok' };
type Row = [fault: string, step: Step | 'refused', get: number, post: number, idempotentPost: number, error: Function, maybeApplied: boolean | undefined];
const err = (status: number): Step => ({ status, body: { error: `status ${status}` } });

/** R1/R2: every fault × method, every attempt failing; maxRetries = 2 (the default). */
const TABLE: Row[] = [
  ['408', err(408), 3, 1, 3, ApiError, true],
  ['429', err(429), 3, 3, 3, RateLimitError, false],
  ['500', err(500), 3, 1, 3, ServerError, true],
  ['502', err(502), 3, 1, 3, ServerError, true],
  ['503', err(503), 3, 1, 3, ServerError, true],
  ['504', err(504), 3, 1, 3, ServerError, true],
  ['ECONNREFUSED', 'refused', 3, 3, 3, ConnectionError, false],
  ['destroy-before-headers (UND_ERR_SOCKET)', { fault: 'destroy-before-headers' }, 3, 1, 3, ConnectionError, true],
  ['destroy-mid-body', { fault: 'destroy-mid-body', body: { id: 1, name: 'a long body' } }, 3, 1, 3, ConnectionError, true],
  ['hang (timeout before headers)', { fault: 'hang' }, 3, 1, 3, TimeoutError, true],
  ['stall-body (timeout in the body)', { fault: 'stall-body' }, 3, 1, 3, TimeoutError, true],
  ['400', err(400), 1, 1, 1, BadRequestError, undefined],
  ['401', err(401), 1, 1, 1, AuthenticationError, undefined],
  ['403', err(403), 1, 1, 1, PermissionDeniedError, undefined],
  ['404', err(404), 1, 1, 1, NotFoundError, undefined],
  ['409 (a real conflict: never retried)', err(409), 1, 1, 1, ConflictError, undefined],
  ['422', err(422), 1, 1, 1, UnprocessableEntityError, undefined],
  ['schema violation in a 200', { body: { id: 'x' } }, 1, 1, 1, ResponseContractError, undefined],
  ['302 redirect', { fault: 'redirect-to', location: 'http://127.0.0.1:9/x' }, 1, 1, 1, UnexpectedRedirectError, undefined],
];
const METHODS: Method[] = ['GET', 'POST', 'POST idempotent'];
const CASES = TABLE.flatMap(([fault, step, get, post, ipost, Class, maybe]) =>
  METHODS.map((method, i) => ({ fault, step, method, attempts: [get, post, ipost][i]!, Class, maybe })),
);

describe('retry classification (R1, R2): exact attempts per fault × method', () => {
  it.each(CASES)('$fault × $method → $attempts attempt(s)', async ({ step, method, attempts, Class, maybe }) => {
    const baseUrl = step === 'refused' ? await refusedUrl() : rig.url;
    if (step !== 'refused') rig.fallback = step;
    const h = harness(baseUrl);
    const hangs = step !== 'refused' && (step.fault === 'hang' || step.fault === 'stall-body');
    const error = await failure(h.call(method, hangs ? { timeout: 120 } : {}));
    expect(error).toBeInstanceOf(Class);
    expect(error.maybeApplied).toBe(maybe);
    expect(h.attempts).toBe(attempts);
    if (step !== 'refused') {
      expect(rig.ledger).toHaveLength(attempts);
      expect(new Set(rig.ledger.map((e) => e.correlationId))).toEqual(new Set(['call-1']));
    }
    // backoff 500 ms then 1 s (random = 0: no jitter), one wait per retry
    expect(h.sleeps).toEqual([500, 1000].slice(0, attempts - 1));
  });

  it('in-body ERR_* (x-vendor-error) is a VendorError and never retried, idempotent or not', async () => {
    rig.fallback = { body: { status: 'ERR_INVALID_IMEI', detail: 'bad' } };
    const h = harness(rig.url);
    expect(await failure(h.call('POST'))).toBeInstanceOf(VendorError);
    expect(await failure(h.call('POST idempotent'))).toMatchObject({ name: 'VendorError', code: 'ERR_INVALID_IMEI', retryable: false });
    expect(rig.ledger).toHaveLength(2);
  });

  it.each(['GET', 'POST idempotent'] as Method[])('%s: two transient faults then 200 succeed on the third attempt', async (method) => {
    rig.script(err(503), { fault: 'destroy-before-headers' });
    rig.fallback = { body: OK_BODY };
    const successes: number[] = [];
    const h = harness(rig.url, { hooks: { onSuccess: (e) => void successes.push(e.attempts) } });
    await expect(h.call(method)).resolves.toMatchObject({ id: 1 });
    expect(rig.ledger).toHaveLength(3);
    expect(successes).toEqual([3]);
    expect(h.retries).toEqual(['1:HTTP 503:500', '2:UND_ERR_SOCKET:1000']);
  });

  it('a non-idempotent POST after 429, 429 succeeds on the third attempt; after a 503 it stops with maybeApplied', async () => {
    rig.script(err(429), err(429), { body: OK_BODY }, err(503));
    const h = harness(rig.url);
    await expect(h.call('POST')).resolves.toMatchObject({ id: 1 });
    const error = await failure(h.call('POST'));
    expect(error).toMatchObject({ status: 503, maybeApplied: true });
    expect(rig.ledger.map((e) => e.correlationId)).toEqual(['call-1', 'call-1', 'call-1', 'call-2']);
  });

  it('three transient faults exhaust two retries; maxRetries is overridable per client and per call', async () => {
    rig.fallback = err(503);
    expect(await failure(harness(rig.url, { retry: { maxRetries: 4 } }).call('GET'))).toBeInstanceOf(ServerError);
    expect(rig.ledger).toHaveLength(5);
    await failure(harness(rig.url, { retry: { maxRetries: 4 } }).call('GET', { retry: { maxRetries: 0 } }));
    expect(rig.ledger).toHaveLength(6);
  });

  it('the classifier is overridable per client and per operation', async () => {
    rig.fallback = err(409);
    const h = harness(rig.url, {
      retry: { classify: (e, c) => (e instanceof ConflictError && c.operationId === 'getItem' ? 'maybe-applied' : undefined) },
    });
    await failure(h.call('GET'));
    expect(rig.ledger).toHaveLength(3);
    await failure(h.call('POST idempotent'));
    expect(rig.ledger).toHaveLength(4);
  });
});

describe('backoff (R3)', () => {
  it('lies in [0.75·d_n, d_n] with d_n = min(500 ms·2ⁿ, 8 s), never NaN or negative', () => {
    for (let n = 0; n <= 10; n++) {
      const d = Math.min(500 * 2 ** n, 8000);
      for (const r of [0, 0.1, 0.5, 0.999999, 1, -1, 2, Number.NaN]) {
        const delay = backoffDelay(n, () => r);
        expect(delay).toBeGreaterThanOrEqual(0.75 * d);
        expect(delay).toBeLessThanOrEqual(d);
      }
    }
  });

  it('uses the injected random for jitter', async () => {
    rig.fallback = err(500);
    const h = harness(rig.url, { random: () => 0.5 });
    await failure(h.call('GET'));
    expect(h.sleeps).toEqual([437.5, 875]);
  });
});

describe('Retry-After (R4)', () => {
  const limited = (headers: Record<string, string>): Step => ({ status: 429, headers, body: { error: 'slow down' } });

  it.each([
    ['retry-after-ms', { 'retry-after-ms': '1234' }, 1234],
    ['Retry-After seconds', { 'retry-after': '3' }, 3000],
    ['Retry-After HTTP date', { 'retry-after': new Date(START + 7000).toUTCString() }, 7000],
    ['Retry-After in the past', { 'retry-after': new Date(START - 7000).toUTCString() }, 0],
    ['Retry-After above maxRetryWait (cut to 60 s)', { 'retry-after': '90' }, 60_000],
    ['unreadable Retry-After (backoff instead)', { 'retry-after': 'soon' }, 500],
  ])('%s', async (_name, headers, expected) => {
    rig.script(limited(headers));
    const h = harness(rig.url, { deadline: 600_000 });
    await expect(h.call('POST')).resolves.toMatchObject({ id: 1 });
    expect(h.sleeps).toEqual([expected]);
    expect(rig.ledger).toHaveLength(2);
  });

  it('Retry-After: 277403 (past the deadline) throws RateLimitError at once: no sleep, 1 request', async () => {
    rig.fallback = limited({ 'retry-after': '277403' });
    const h = harness(rig.url);
    const error = await failure(h.call('GET'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(277_403_000);
    expect(h.sleeps).toEqual([]);
    expect(rig.ledger).toHaveLength(1);
  });

  it('a hint longer than the remaining deadline fails without sleeping', async () => {
    rig.fallback = limited({ 'retry-after': '6' });
    const h = harness(rig.url, { deadline: 5_000 });
    expect(await failure(h.call('GET'))).toBeInstanceOf(RateLimitError);
    expect(h.sleeps).toEqual([]);
    expect(rig.ledger).toHaveLength(1);
  });
});

describe('deadline and abort (R5)', () => {
  it('a backoff that would pass the deadline is not started: the last error is thrown', async () => {
    rig.fallback = err(503);
    const h = harness(rig.url, { deadline: 800 });
    expect(await failure(h.call('GET'))).toBeInstanceOf(ServerError);
    expect(h.sleeps).toEqual([500]); // the 1 s backoff would end past 800 ms
    expect(rig.ledger).toHaveLength(2);
  });

  it('a hung attempt ends at the overall deadline (TimeoutError with the deadline), and is not retried', async () => {
    rig.fallback = { fault: 'hang' };
    const h = harness(rig.url, { timeout: 60_000, deadline: 150 });
    const error = await failure(h.call('GET'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 150 });
    expect(rig.ledger).toHaveLength(1);
  });

  it('abort during a 30 s Retry-After wait rejects with AbortError (cause kept); the ledger shows 1 request', async () => {
    rig.fallback = { status: 429, headers: { 'retry-after': '30' }, body: { error: 'slow' } };
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    // The real default sleep: a broken abort would hang 30 s and fail the test.
    const h = harness(rig.url, { sleep: undefined, hooks: { onRetry: () => controller.abort(reason) } });
    const error = await failure(h.call('GET', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe(reason);
    expect(rig.ledger).toHaveLength(1);
  });

  it('abort works even when an injected sleep never resolves', async () => {
    rig.fallback = err(503);
    const controller = new AbortController();
    const h = harness(rig.url, { sleep: () => new Promise(() => undefined), hooks: { onRetry: () => controller.abort() } });
    expect(await failure(h.call('GET', { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(rig.ledger).toHaveLength(1);
  });
});
