/**
 * AT&T Tool's two ways of learning an order's result, against Prism and over real HTTP:
 * place an order with a capability pingback URL, then (a) poll with waitForOrder, and (b) receive
 * the spec's own orderCompleted example at that URL (a node:http receiver on 127.0.0.1), with the
 * vendor's retries deduplicated.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAtttoolClient, waitForOrder } from '@vendor-contracts/atttool';
import {
  createPingbackReceiver,
  createPingbackUrl,
  MemoryPingbackBindingStore,
  type PingbackDelivery,
  placeOrderWithPingback,
  toNodeListener,
} from '@vendor-contracts/atttool/pingback';
import { RequestValidationError } from '@vendor-contracts/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';

const prism = usePrism('atttool');
const API_KEY = '1e57f6246a384c978866154c3efea037'; // the document's example key
const IMEIS = ['354865093010294', '353057101229741', '357339099838618'];
const SECRET = 'contract-test-pingback-secret-32-bytes!';
const spec = loadSpec('atttool') as {
  webhooks: { orderCompleted: { post: { requestBody: { content: { 'application/json': { examples: { orderCompleted: { value: { order_id: string } } } } } } } } };
};
const DELIVERY = spec.webhooks.orderCompleted.post.requestBody.content['application/json'].examples.orderCompleted.value;

const handled: PingbackDelivery[] = [];
const bindings = new MemoryPingbackBindingStore();
let origin = '';
let close: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  const server = createServer(toNodeListener(createPingbackReceiver({ secret: SECRET, bindings, handler: (delivery) => void handled.push(delivery) })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

describe('atttool workflows on Prism', () => {
  it('placeOrderWithPingback sends a capability pingback URL and binds it to the placed order, then waitForOrder reads the completed order', async () => {
    const recorded = recordingFetch();
    const client = createAtttoolClient({ apiKey: API_KEY, baseUrl: prism.baseUrl, fetch: recorded.fetch });
    const placed = await placeOrderWithPingback(client, {
      body: { imeis: IMEIS },
      pingback: { baseUrl: 'https://hooks.example.com/atttool/pingback', secret: SECRET, bindings, reference: 'order-42' },
    });
    const { pingbackUrl } = placed;
    expect(await bindings.get('order-42')).toBe(placed.order_id);
    const done = await waitForOrder(client, placed.order_id);
    expect(done.is_completed).toBe(true);
    expect(Object.keys(done.imeis)).toHaveLength(11);
    expect(recorded.calls.map((c) => `${c.method} ${c.url.pathname} ${c.status}`)).toEqual(['POST /v1/place 200', 'POST /v1/get 200']);
    expect(recorded.calls[0]!.body).toMatchObject({ pingback_url: pingbackUrl });
    expect(recorded.calls[1]!.body).toMatchObject({ order_id: placed.order_id });
  });

  it('a private pingback URL is refused before Prism sees anything', async () => {
    const recorded = recordingFetch();
    const client = createAtttoolClient({ apiKey: API_KEY, baseUrl: prism.baseUrl, fetch: recorded.fetch });
    await expect(client.placeOrder({ body: { imeis: IMEIS, pingback_url: 'https://169.254.169.254/latest/meta-data' } })).rejects.toBeInstanceOf(RequestValidationError);
    expect(recorded.calls).toHaveLength(0);
  });

  it("the spec's orderCompleted example, delivered 3 times to the pingback URL, runs the handler once", async () => {
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback', secret: SECRET, reference: 'order-43' });
    await bindings.bind('order-43', DELIVERY.order_id); // the order the example reports was placed under order-43
    const target = new URL(url);
    const local = `${origin}${target.pathname}${target.search}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DELIVERY) });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(handled.filter((d) => d.reference === 'order-43')).toEqual([{ reference: 'order-43', orderId: DELIVERY.order_id, payload: DELIVERY }]);
    const forged = await fetch(`${origin}${target.pathname}?atttool_ref=order-43&atttool_token=guess`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DELIVERY),
    });
    expect(forged.status).toBe(404);
    // The example's order delivered to order-42's URL (bound to Prism's order): another order → 403.
    const order42 = new URL(createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback', secret: SECRET, reference: 'order-42' }).url);
    const wrong = await fetch(`${origin}${order42.pathname}${order42.search}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DELIVERY) });
    expect(wrong.status).toBe(403);
    expect(handled).toHaveLength(1);
  });
});
