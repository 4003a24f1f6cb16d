/**
 * The receiver over real HTTP (node:http adapter on 127.0.0.1): valid, duplicated, forged,
 * malformed, oversized and wrong-type deliveries, and what the handler saw.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPingbackUrl,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  MemoryPingbackBindingStore,
  type PingbackDelivery,
  type PingbackEvent,
} from '../../src/pingback/index.js';
import { agent, completedPayload, deliver, JSON_HEADERS, SECRET, type Served, serveReceiver } from '../support/pingback-server.js';

/** Side effects per key, the way a user's handler would record them. */
const effects = new Map<string, number>();
const events: PingbackEvent[] = [];
const bindings = new MemoryPingbackBindingStore();
let served: Served;
let failNext = 0;

beforeAll(async () => {
  served = await serveReceiver({
    handler: async (delivery: PingbackDelivery) => {
      // Yield so concurrent duplicates really overlap the handler.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('database down');
      }
      const key = `${delivery.reference}:${delivery.orderId}`;
      effects.set(key, (effects.get(key) ?? 0) + 1);
    },
    bindings,
    onEvent: (event) => events.push(event),
  });
});
afterAll(async () => {
  agent.destroy();
  await served.close();
});

const urlFor = (reference?: string) => createPingbackUrl({ baseUrl: `${served.origin}/atttool/pingback`, secret: SECRET, allowPrivatePingback: true, reference });
const post = (url: string, body: unknown) => deliver(url, { headers: JSON_HEADERS, body: JSON.stringify(body) });
/** An order placed under a fresh pingback URL, its binding recorded the way placeOrderWithPingback does. */
async function placed(reference?: string, orderId: string = randomUUID()) {
  const { url, reference: ref } = urlFor(reference);
  await bindings.bind(ref, orderId);
  return { url, reference: ref, payload: completedPayload(orderId) };
}
const total = () => [...effects.values()].reduce((a, b) => a + b, 0);

describe('a valid delivery', () => {
  it('runs the handler with the checked payload and the reference, then answers 200', async () => {
    const { url, reference, payload } = await placed('order-42');
    const before = total();
    const answer = await post(url, payload);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
    expect(effects.get(`${reference}:${payload.order_id}`)).toBe(1);
    expect(total()).toBe(before + 1);
  });

  it('accepts a charset parameter and unknown fields (the body comes from the vendor)', async () => {
    const { url, payload } = await placed();
    const answer = await deliver(url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ ...payload, brand_new: 1 }) });
    expect(answer.status).toBe(200);
  });
});

describe('duplicates (S5)', () => {
  it('1,000 orders delivered 3× each in sequence, plus 10 bursts of 20 concurrent duplicates: one side effect per order, every delivery 200', async () => {
    effects.clear();
    const orders = await Promise.all(Array.from({ length: 1000 }, () => placed()));
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      // Sequential per order; 25 orders in flight at a time keeps the run short.
      for (let at = 0; at < orders.length; at += 25) {
        const answers = await Promise.all(orders.slice(at, at + 25).map((o) => post(o.url, o.payload)));
        statuses.push(...answers.map((a) => a.status));
      }
    }
    const bursts = await Promise.all(Array.from({ length: 10 }, () => placed()));
    for (const burst of bursts) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(burst.url, burst.payload)));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses).toHaveLength(3000 + 200);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(effects.size).toBe(1010);
    expect(total()).toBe(1010);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  it('the same order under two references is two deliveries (a leaked URL cannot pre-empt another order)', async () => {
    const { url, payload } = await placed('a');
    const before = total();
    expect((await post(url, payload)).status).toBe(200);
    expect((await post((await placed('b', payload.order_id)).url, payload)).status).toBe(200);
    expect(total()).toBe(before + 2);
  });
});

describe('handler failure', () => {
  it('answers 500 so the vendor retries, and the retry runs the handler', async () => {
    const { url, reference, payload } = await placed();
    failNext = 1;
    const first = await post(url, payload);
    expect(first.status).toBe(500);
    expect(first.body).not.toContain('database down');
    expect(effects.get(`${reference}:${payload.order_id}`)).toBeUndefined();
    const retry = await post(url, payload);
    expect(retry.status).toBe(200);
    expect(effects.get(`${reference}:${payload.order_id}`)).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'handler-failed', reference, orderId: payload.order_id }));
  });

  it('a store that fails answers 503 and never runs the handler', async () => {
    const broken: IdempotencyStore = {
      claim: () => Promise.reject(new Error('redis down')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    let calls = 0;
    const other = await serveReceiver({ store: broken, handler: () => void (calls += 1) });
    try {
      const { url } = createPingbackUrl({ baseUrl: `${other.origin}/p`, secret: SECRET, allowPrivatePingback: true });
      const answer = await post(url, completedPayload());
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(calls).toBe(0);
    } finally {
      await other.close();
    }
  });
  it.each([
    ['claim', { claim: () => new Promise<never>(() => {}) }],
    ['complete', { complete: () => new Promise<never>(() => {}) }],
  ] as const)('a store whose %s hangs is bounded by storeTimeoutMs: never a 200 without a recorded claim', async (call, hang) => {
    const inner = new MemoryIdempotencyStore();
    const slow: IdempotencyStore = {
      claim: (key, leaseMs) => inner.claim(key, leaseMs),
      complete: (key) => inner.complete(key),
      release: (key) => inner.release(key),
      ...hang,
    };
    const seen: PingbackEvent[] = [];
    let calls = 0;
    const other = await serveReceiver({ store: slow, storeTimeoutMs: 200, handler: () => void (calls += 1), onEvent: (event) => seen.push(event) });
    try {
      const { url } = createPingbackUrl({ baseUrl: `${other.origin}/p`, secret: SECRET, allowPrivatePingback: true });
      const started = Date.now();
      const answer = await post(url, completedPayload());
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(seen).toContainEqual(expect.objectContaining({ type: 'store-failed' }));
      if (call === 'claim') {
        // Nothing recorded: 503 so the vendor redelivers, and the handler did not run.
        expect(answer.status).toBe(503);
        expect(calls).toBe(0);
      } else {
        // The handler's work is done; 200 stops the redeliveries that would repeat it.
        expect(answer.status).toBe(200);
        expect(calls).toBe(1);
      }
    } finally {
      await other.close();
    }
  });
});

describe('forged deliveries (S6)', () => {
  const cases: Array<[string, (good: URL) => string]> = [
    ['no token at all', (good) => `${good.origin}${good.pathname}`],
    ['the reference without a token', (good) => `${good.origin}${good.pathname}?atttool_ref=${good.searchParams.get('atttool_ref')}`],
    ['a token for another reference', (good) => good.href.replace(/atttool_ref=[^&]+/, 'atttool_ref=someone-else')],
    ['a token off by one character', (good) => good.href.replace(/atttool_token=(.)/, (_m, c: string) => `atttool_token=${c === 'A' ? 'B' : 'A'}`)],
    ['a truncated token', (good) => good.href.slice(0, -3)],
    [
      'a token signed with another secret',
      () =>
        createPingbackUrl({ baseUrl: `${served.origin}/atttool/pingback`, secret: 'another-secret-of-at-least-32-bytes!!', allowPrivatePingback: true, reference: 'order-42' }).url,
    ],
    ['two tokens', (good) => `${good.href}&atttool_token=x`],
  ];
  it.each(cases)('%s → 404 and the handler never runs', async (_name, forge) => {
    const good = new URL(urlFor('order-42').url);
    const before = total();
    const rejectedBefore = events.filter((e) => e.type === 'rejected' && e.status === 404).length;
    const answer = await post(forge(good), completedPayload());
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    expect(total()).toBe(before);
    expect(events.filter((e) => e.type === 'rejected' && e.status === 404)).toHaveLength(rejectedBefore + 1);
  });

  it('a forged delivery with a bad body is still 404 (no oracle about the body before the token)', async () => {
    const answer = await deliver(`${served.origin}/atttool/pingback`, { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(100_000) });
    expect(answer.status).toBe(404);
  });
});

describe('bad input (S7): 4xx with a clear message, handler never called', () => {
  const cases: Array<[string, number, string, () => { headers?: Record<string, string>; body?: string | Buffer; method?: string }]> = [
    ['wrong content-type', 415, 'application/json', () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify(completedPayload()) })],
    ['no content-type', 415, 'application/json', () => ({ body: JSON.stringify(completedPayload()) })],
    ['form-encoded', 415, 'application/json', () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'order_id=1' })],
    ['body over 64 KiB (declared length)', 413, '65536 bytes', () => ({ headers: JSON_HEADERS, body: JSON.stringify({ ...completedPayload(), pad: 'x'.repeat(70_000) }) })],
    [
      'body over 64 KiB (chunked, no length)',
      413,
      '65536 bytes',
      () => ({ headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' }, body: JSON.stringify({ ...completedPayload(), pad: 'x'.repeat(200_000) }) }),
    ],
    ['malformed JSON', 400, 'not valid JSON', () => ({ headers: JSON_HEADERS, body: '{"order_id": ' })],
    ['empty body', 400, 'not valid JSON', () => ({ headers: JSON_HEADERS, body: '' })],
    ['invalid UTF-8', 400, 'UTF-8', () => ({ headers: JSON_HEADERS, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) })],
    ['GET', 405, 'POST', () => ({ method: 'GET' })],
    ['order_id missing', 422, '/order_id', () => ({ headers: JSON_HEADERS, body: JSON.stringify({ ...completedPayload(), order_id: undefined }) })],
    ['order_id not a UUID', 422, '/order_id', () => ({ headers: JSON_HEADERS, body: JSON.stringify(completedPayload('not-a-uuid')) })],
    ['total_cost a number', 422, '/total_cost', () => ({ headers: JSON_HEADERS, body: JSON.stringify({ ...completedPayload(), total_cost: 0.25 }) })],
    [
      'an IMEI result without refunded',
      422,
      '/imeis/359488091564579/refunded',
      () => ({ headers: JSON_HEADERS, body: JSON.stringify({ ...completedPayload(), imeis: { '359488091564579': { status: 'Unlocked', att_order_num: null, note: 'x' } } }) }),
    ],
    ['a JSON array', 422, 'expected object', () => ({ headers: JSON_HEADERS, body: '[]' })],
    ['JSON null', 422, 'expected object', () => ({ headers: JSON_HEADERS, body: 'null' })],
  ];
  it.each(cases)('%s → %i', async (_name, status, mentions, make) => {
    const before = total();
    const answer = await deliver(urlFor().url, make());
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    const body = JSON.parse(answer.body) as { error: { message: string; issues?: Array<{ pointer: string }> } };
    expect(JSON.stringify(body.error)).toContain(mentions);
    expect(answer.body).not.toContain('atttool_token');
    expect(total()).toBe(before);
  });

  it('a 422 names every failing field as a JSON pointer', async () => {
    const answer = await post(urlFor().url, { order_id: 5, imeis: 'x' });
    expect(answer.status).toBe(422);
    const { error } = JSON.parse(answer.body) as { error: { issues: Array<{ pointer: string }> } };
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/imeis', '/order_id', '/total_cost']);
  });

  it('the receiver still serves after oversized bodies (no stuck connections)', async () => {
    const { url, payload } = await placed();
    const answer = await post(url, payload);
    expect(answer.status).toBe(200);
  });
});
