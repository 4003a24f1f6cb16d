/**
 * OpenTelemetry spans from `otelHooks`, exported by the SDK's in-memory exporter, for calls to a
 * real HTTP server on 127.0.0.1: the span tree, the HTTP client conventions' attributes, retries
 * and rate-limit waits as events, drift that is not an error, and failures with `error.type`.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClientOptions, createVendorClient } from '../../src/index.js';
import { ATTR, mergeHooks, otelHooks, withTracing } from '../../src/otel/index.js';
import { type FaultServer, refusedUrl, startFaultServer } from '../../src/testing/fault-server.js';
import { definition } from '../support/fixture.js';
import { memoryTracing, parentOf } from './support.js';

const SECRET = 'canary-7d41b9e2a0c3';
const tracing = memoryTracing();
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  tracing.reset();
  server.fallback = (e) => ({ status: 200, body: e.url.startsWith('/items?') || e.url === '/items' ? [{ id: 1, name: 'ok' }] : { id: 1, name: 'ok' } });
});

function client(options: ClientOptions = {}) {
  return createVendorClient<any, any>(definition, {
    baseUrl: server.url,
    credentials: { KeyHeader: SECRET, KeyQuery: SECRET, Bearer: SECRET, apiKey: SECRET },
    sleep: async () => undefined,
    hooks: otelHooks({ tracer: tracing.tracer }),
    ...options,
  }) as any;
}

/** The one call span (no parent among the exported spans) and its attempt spans, in order. */
function tree(spans: readonly ReadableSpan[]) {
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  const roots = spans.filter((s) => !ids.has(parentOf(s) ?? ''));
  expect(roots).toHaveLength(1);
  const call = roots[0]!;
  const attempts = spans.filter((s) => s !== call).sort((a, b) => Number(a.attributes[ATTR.attempt]) - Number(b.attributes[ATTR.attempt]));
  for (const a of attempts) {
    expect(parentOf(a)).toBe(call.spanContext().spanId);
    expect(a.spanContext().traceId).toBe(call.spanContext().traceId);
  }
  return { call, attempts };
}

describe('otel spans', () => {
  it('a call retried once: one INTERNAL call span, two CLIENT attempt spans under it, the retry as an event', async () => {
    server.script({ status: 503, body: { error: 'busy' } }, { status: 200, body: { id: 1, name: 'ok' } });
    await client().getItem({ path: { id: 7 }, query: { verbose: true } });
    const { call, attempts } = tree(tracing.spans());
    expect(attempts).toHaveLength(2);
    const common = {
      'http.request.method': 'GET',
      'url.template': '/items/{id}',
      'server.address': '127.0.0.1',
      'server.port': server.port,
      [ATTR.vendor]: 'acme',
      [ATTR.operationId]: 'getItem',
    };
    expect(call.kind).toBe(SpanKind.INTERNAL);
    expect(call.name).toBe('GET /items/{id}');
    expect(call.attributes).toEqual({ ...common, 'http.response.status_code': 200, [ATTR.attempts]: 2 });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([
      ['retry', { [ATTR.attempt]: 1, [ATTR.delayMs]: expect.any(Number), [ATTR.reason]: 'HTTP 503', 'error.type': '503' }],
    ]);

    expect(attempts.map((a) => a.kind)).toEqual([SpanKind.CLIENT, SpanKind.CLIENT]);
    expect(attempts[0]!.attributes).toEqual({ ...common, [ATTR.attempt]: 1, 'http.response.status_code': 503, 'error.type': '503' });
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[1]!.attributes).toEqual({ ...common, [ATTR.attempt]: 2, 'http.request.resend_count': 1, 'http.response.status_code': 200 });
    expect(attempts[1]!.status.code).toBe(SpanStatusCode.UNSET);
    // Never the filled URL: no attribute holds the path value or the query.
    expect(JSON.stringify([call.attributes, attempts.map((a) => a.attributes)])).not.toMatch(/items\/7|verbose/);
  });

  it('concurrent calls through one set of hooks get separate trees (told apart by callId)', async () => {
    const c = client();
    await Promise.all([c.getItem({ path: { id: 1 } }), c.listItems(), c.getItem({ path: { id: 2 } })]);
    const spans = tracing.spans();
    expect(spans).toHaveLength(6);
    const calls = spans.filter((s) => s.kind === SpanKind.INTERNAL);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const children = spans.filter((s) => parentOf(s) === call.spanContext().spanId);
      expect(children).toHaveLength(1);
      expect(children[0]!.attributes[ATTR.operationId]).toBe(call.attributes[ATTR.operationId]);
    }
  });

  it('a success with drift is not an error: status unset, a drift event with counts only', async () => {
    server.script({ status: 200, body: { id: 1, name: 'ok', colour: 'red', size: { w: 1 } } });
    await client().getItem({ path: { id: 7 } });
    const { call, attempts } = tree(tracing.spans());
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.attributes['error.type']).toBeUndefined();
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([['drift', { [ATTR.driftPointers]: 2, [ATTR.driftOmitted]: 0 }]]);
  });

  it('a final HTTP error: error.type is the status on the call and the attempt, both ERROR', async () => {
    server.script({ status: 404, body: { error: 'no such item' } });
    await expect(client().getItem({ path: { id: 7 } })).rejects.toMatchObject({ status: 404 });
    const { call, attempts } = tree(tracing.spans());
    expect(attempts).toHaveLength(1);
    for (const span of [call, attempts[0]!]) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBe('404');
      expect(span.attributes['http.response.status_code']).toBe(404);
    }
    expect(call.attributes[ATTR.attempts]).toBe(1);
  });

  it('no connection: error.type is the error class, on every attempt and the call', async () => {
    const c = createVendorClient<any, any>(definition, {
      baseUrl: await refusedUrl(),
      credentials: { KeyHeader: SECRET },
      sleep: async () => undefined,
      retry: { maxRetries: 1 },
      hooks: otelHooks({ tracer: tracing.tracer }),
    }) as any;
    await expect(c.getItem({ path: { id: 7 } })).rejects.toMatchObject({ name: 'ConnectionError' });
    const { call, attempts } = tree(tracing.spans());
    expect(attempts).toHaveLength(2);
    expect([call, ...attempts].map((s) => [s.attributes['error.type'], s.status.code])).toEqual(Array(3).fill(['ConnectionError', SpanStatusCode.ERROR]));
    expect(attempts.map((a) => a.attributes['http.response.status_code'])).toEqual([undefined, undefined]);
    expect(call.events.map((e) => e.name)).toEqual(['retry']);
  });

  it('invalid input: a call span with error.type and no attempt span (nothing was sent)', async () => {
    const before = server.ledger.length;
    await expect(client().getItem({ path: { id: 0 } })).rejects.toMatchObject({ name: 'RequestValidationError' });
    const { call, attempts } = tree(tracing.spans());
    expect(attempts).toHaveLength(0);
    expect(call.attributes['error.type']).toBe('RequestValidationError');
    expect(call.attributes[ATTR.attempts]).toBe(0);
    expect(server.ledger.length).toBe(before);
  });

  it('a rate-limit wait is an event on the call span', async () => {
    // One request per 50 ms window: the second call waits for the window to move (real time).
    const c = client({ rateLimit: { limit: 1, windowSeconds: 0.05 }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    await c.getItem({ path: { id: 1 } });
    await c.getItem({ path: { id: 2 } });
    const calls = tracing.spans().filter((s) => s.kind === SpanKind.INTERNAL);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.events).toEqual([]);
    // One event per wait: a timer that fires a little early (a busy machine) makes the limiter wait
    // again for the rest of the window, and that second wait is an event too.
    const waits = calls[1]!.events;
    expect(waits.length).toBeGreaterThanOrEqual(1);
    for (const wait of waits) {
      expect([wait.name, Object.keys(wait.attributes ?? {})]).toEqual(['rate_limit_wait', [ATTR.delayMs, ATTR.attempt]]);
      expect(wait.attributes![ATTR.delayMs]).toBeGreaterThan(0);
    }
  });

  it("withTracing keeps the options' own hooks and adds the spans (tracer from a provider)", async () => {
    const seen: string[] = [];
    const options = withTracing({ hooks: { onSuccess: (e) => void seen.push(e.operationId) } }, { tracerProvider: tracing.tracerProvider });
    await client(options).listItems();
    expect(seen).toEqual(['listItems']);
    expect(tree(tracing.spans()).attempts).toHaveLength(1);
  });

  it('mergeHooks runs the tracing hooks even when your hook throws, and rethrows your error', () => {
    const boom = new Error('boom');
    const seen: number[] = [];
    const merged = mergeHooks(
      {
        onSuccess: () => {
          throw boom;
        },
      },
      { onSuccess: (e) => void seen.push(e.attempts), onRetry: (e) => void seen.push(-e.attempt) },
    );
    const event = { vendor: 'acme', operationId: 'getItem', method: 'GET', path: '/items/{id}', status: 200, attempts: 3 };
    expect(() => merged.onSuccess!(event)).toThrow(boom);
    merged.onRetry!({ ...event, attempt: 1, delayMs: 0, reason: 'x', error: undefined as never });
    expect(seen).toEqual([3, -1]);
  });
});
