/**
 * A capability URL authorises one order: the order placed under it (placeOrderWithPingback records
 * the binding). Deliveries carrying another order's id are refused, early ones are redelivered,
 * and the handler never runs for either, even with a status API that says every order is done.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { BindingConflictError, ConfigError, RequestValidationError } from '@vendor-contracts/runtime';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { describe, expect, it } from 'vitest';
import { createAtttoolClient } from '../../src/index.js';
import {
  createPingbackReceiver,
  createPingbackUrl,
  MemoryPingbackBindingStore,
  PingbackBindError,
  PingbackBindingConflictError,
  type PingbackBindingStore,
  type PingbackDelivery,
  type PlacedOrderWithPingback,
  placeOrderWithPingback,
  verifyWithStatusApi,
} from '../../src/pingback/index.js';
import { completedPayload } from '../support/pingback-server.js';
import { SECRET as API_KEY } from '../support/spec.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';
const BASE_URL = 'https://hooks.example.com/atttool/pingback';
const IMEIS = ['354865093010294'];

/** An AT&T Tool that places orders with fresh ids and reports every order completed. */
function vendor(orderIds: string[] = []) {
  const api = observedFetch(async (request) => {
    if (new URL(request.url).pathname === '/v1/place') {
      const orderId = randomUUID();
      orderIds.push(orderId);
      return json({ status: 'OK', order_id: orderId, total_cost: '0.25' });
    }
    return json({ status: 'OK', is_completed: true, total_cost: '0.25', imeis: {} });
  });
  const client = createAtttoolClient({ apiKey: API_KEY, fetch: api.fetch, retry: { maxRetries: 0 } });
  return { api, client, orderIds };
}

const post = (receive: (r: Request) => Promise<Response>, url: string, orderId: string) =>
  receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completedPayload(orderId)) }));

/** `id` with each letter's case chosen by `upper`. */
const spell = (id: string, upper: readonly boolean[]) => [...id].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');

describe('a capability URL authorises one order', () => {
  it('any delivery to any URL carrying any order (any spelling, any interleaving): the handler runs once per order, only under its own URL; others 403, unbound 503', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.record({ url: fc.nat(), order: fc.nat(), upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 36 }) }), { minLength: 1, maxLength: 30 }),
        fc.scheduler(),
        async (orders, deliveries, s) => {
          const { client } = vendor();
          const bindings = new MemoryPingbackBindingStore();
          const runs: PingbackDelivery[] = [];
          const receive = createPingbackReceiver({
            secret: SECRET,
            bindings,
            verify: verifyWithStatusApi(client),
            handler: s.scheduleFunction(async (d: PingbackDelivery) => void runs.push(d)),
          });
          const placed: PlacedOrderWithPingback[] = [];
          for (let i = 0; i < orders; i += 1)
            placed.push(await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } }));
          // A URL made for an order whose placeOrder has not returned yet: nothing bound.
          const unbound = createPingbackUrl({ baseUrl: BASE_URL, secret: SECRET });
          const urls = [...placed.map((p) => ({ url: p.pingbackUrl, order: p.order_id })), { url: unbound.url, order: undefined }];
          const answers = deliveries.map(async (d) => {
            const target = urls[d.url % urls.length]!;
            const orderId = placed[d.order % placed.length]!.order_id;
            const response = await post(receive, target.url, spell(orderId, d.upper));
            const expected = target.order === undefined ? 503 : target.order === orderId ? 200 : 403;
            expect(response.status).toBe(expected);
            return { target, orderId };
          });
          const done = await s.waitFor(Promise.all(answers));
          const matching = new Set(done.filter((d) => d.target.order === d.orderId).map((d) => d.orderId));
          expect(runs.map((r) => r.orderId).sort()).toEqual([...matching].sort());
          for (const run of runs) expect(placed.find((p) => p.reference === run.reference)!.order_id).toBe(run.orderId);
        },
      ),
      { numRuns: 150, seed: 1104 },
    );
  });

  it('the reported case: order B (completed) delivered to order A’s URL with verifyWithStatusApi → 403, handler not run, status API not asked', async () => {
    const { api, client } = vendor();
    const bindings = new MemoryPingbackBindingStore();
    let runs = 0;
    const events: unknown[] = [];
    const receive = createPingbackReceiver({ secret: SECRET, bindings, verify: verifyWithStatusApi(client), handler: () => void (runs += 1), onEvent: (e) => events.push(e) });
    const a = await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } });
    const b = await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } });
    const asked = api.requests.length;
    const response = await post(receive, a.pingbackUrl, b.order_id);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'wrong_order', message: 'This pingback URL was issued for another order' } });
    expect(runs).toBe(0);
    expect(api.requests).toHaveLength(asked);
    expect(events).toContainEqual({ type: 'wrong-order', reference: a.reference, orderId: b.order_id });
    expect((await post(receive, b.pingbackUrl, b.order_id)).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('a pingback that overtakes placeOrder’s answer is 503 with Retry-After (handler not run); the redelivery after the binding is 200', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pingbackUrl = '';
    const orderId = randomUUID();
    const api = observedFetch(async (request) => {
      pingbackUrl = ((await request.clone().json()) as { pingback_url: string }).pingback_url;
      await gate; // the vendor has the order (and calls back) before its answer reaches us
      return json({ status: 'OK', order_id: orderId, total_cost: '0.25' });
    });
    const client = createAtttoolClient({ apiKey: API_KEY, fetch: api.fetch, retry: { maxRetries: 0 } });
    const bindings = new MemoryPingbackBindingStore();
    const runs: string[] = [];
    const receive = createPingbackReceiver({ secret: SECRET, bindings, handler: (d) => void runs.push(d.orderId) });
    const placing = placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } });
    await expect.poll(() => pingbackUrl).not.toBe('');
    const early = await post(receive, pingbackUrl, orderId);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('order_not_bound');
    expect(runs).toEqual([]);
    release();
    const placed = await placing;
    expect(placed).toMatchObject({ status: 'OK', order_id: orderId, pingbackUrl });
    expect(await bindings.get(placed.reference)).toBe(orderId);
    expect((await post(receive, pingbackUrl, orderId)).status).toBe(200);
    expect(runs).toEqual([orderId]);
  });

  it('a binding store that fails on get → 503 (the vendor retries), handler not run', async () => {
    let runs = 0;
    const broken: PingbackBindingStore = { bind: () => Promise.resolve(), get: () => Promise.reject(new Error('redis down')) };
    const receive = createPingbackReceiver({ secret: SECRET, bindings: broken, handler: () => void (runs += 1) });
    const response = await post(receive, createPingbackUrl({ baseUrl: BASE_URL, secret: SECRET }).url, randomUUID());
    expect(response.status).toBe(503);
    expect(runs).toBe(0);
  });

  it('bindings is required: omitting it is a ConfigError naming the choice', () => {
    expect(() => createPingbackReceiver({ secret: SECRET, handler: () => undefined } as never)).toThrow(ConfigError);
    expect(() => createPingbackReceiver({ secret: SECRET, handler: () => undefined } as never)).toThrow(/bindings must be a PingbackBindingStore .* or false/);
  });
});

describe('placeOrderWithPingback', () => {
  it('sends a fresh capability URL, binds its reference to the placed order, and returns both', async () => {
    const { api, client, orderIds } = vendor();
    const bindings = new MemoryPingbackBindingStore();
    const placed = await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } });
    const sent = JSON.parse(api.bodies[0]!) as { pingback_url: string; imeis: string[] };
    expect(sent).toMatchObject({ imeis: IMEIS, pingback_url: placed.pingbackUrl });
    expect(new URL(placed.pingbackUrl).searchParams.get('atttool_ref')).toBe(placed.reference);
    expect(placed.order_id).toBe(orderIds[0]);
    expect(await bindings.get(placed.reference)).toBe(orderIds[0]);
    const again = await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } });
    expect(again.reference).not.toBe(placed.reference);
  });

  it('a reference of yours already bound is a ConfigError before anything is sent (no second charge)', async () => {
    const { api, client } = vendor();
    const bindings = new MemoryPingbackBindingStore();
    await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings, reference: 'order-42' } });
    await expect(placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings, reference: 'order-42' } })).rejects.toThrow(
      ConfigError,
    );
    expect(api.requests).toHaveLength(1);
  });

  it('a binding that cannot be recorded is a PingbackBindError carrying the placed order (not lost, not placed twice)', async () => {
    const { api, client, orderIds } = vendor();
    const broken: PingbackBindingStore = { bind: () => Promise.reject(new Error('redis down')), get: () => Promise.resolve(undefined) };
    const error = await placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings: broken } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PingbackBindError);
    expect((error as PingbackBindError).order.order_id).toBe(orderIds[0]);
    expect((error as PingbackBindError).message).not.toContain('atttool_token');
    expect(api.requests).toHaveLength(1);
  });

  it('bad input is refused before sending: a private baseUrl (ConfigError), a bad IMEI (RequestValidationError)', async () => {
    const { api, client } = vendor();
    const bindings = new MemoryPingbackBindingStore();
    await expect(placeOrderWithPingback(client, { body: { imeis: IMEIS }, pingback: { baseUrl: 'https://127.0.0.1/p', secret: SECRET, bindings } })).rejects.toThrow(ConfigError);
    await expect(placeOrderWithPingback(client, { body: { imeis: ['354865093010295'] }, pingback: { baseUrl: BASE_URL, secret: SECRET, bindings } })).rejects.toThrow(
      RequestValidationError,
    );
    expect(api.requests).toHaveLength(0);
  });
});

describe('MemoryPingbackBindingStore', () => {
  it('the same pair again (any spelling of the id) is a no-op; another order for a bound reference throws and the first binding stands', async () => {
    const store = new MemoryPingbackBindingStore();
    const orderId = randomUUID();
    await store.bind('r', orderId.toUpperCase());
    await store.bind('r', orderId);
    expect(await store.get('r')).toBe(orderId);
    await expect(store.bind('r', randomUUID())).rejects.toThrow(PingbackBindingConflictError);
    // One class to catch for every binding store, the runtime's durable ones included.
    await expect(store.bind('r', randomUUID())).rejects.toThrow(BindingConflictError);
    expect(await store.get('r')).toBe(orderId);
    expect(await store.get('other')).toBeUndefined();
  });

  it('stays bounded: beyond maxBindings the oldest binding is forgotten first', async () => {
    const store = new MemoryPingbackBindingStore({ maxBindings: 2 });
    for (const reference of ['a', 'b', 'c']) await store.bind(reference, randomUUID());
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });
});
