/** S6: the optional status-API check refuses a forged "completed" for an order still pending. */
import { describe, expect, it } from 'vitest';
import { createAtttoolClient } from '../../src/index.js';
import { createPingbackReceiver, createPingbackUrl, MemoryPingbackBindingStore, type PingbackEvent, verifyWithStatusApi } from '../../src/pingback/index.js';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { completedPayload } from '../support/pingback-server.js';
import { SECRET as API_KEY } from '../support/spec.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';

/** A status API that answers `answer` for every order, and a receiver verifying with it; reference r1 is bound to ORDER. */
function rig(answer: () => Response) {
  const statusApi = observedFetch(answer);
  const client = createAtttoolClient({ apiKey: API_KEY, fetch: statusApi.fetch, retry: { maxRetries: 0 } });
  const handled: string[] = [];
  const events: PingbackEvent[] = [];
  const bindings = new MemoryPingbackBindingStore();
  const bound = bindings.bind('r1', ORDER);
  const receive = createPingbackReceiver({
    secret: SECRET,
    bindings,
    verify: verifyWithStatusApi(client),
    handler: ({ orderId }) => void handled.push(orderId),
    onEvent: (e) => events.push(e),
  });
  const deliver = async (orderId: string) => {
    await bound;
    const { url } = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET, reference: 'r1' });
    return receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completedPayload(orderId)) }));
  };
  return { statusApi, handled, events, deliver };
}
const status = (isCompleted: boolean) => json({ status: 'OK', is_completed: isCompleted, total_cost: '0.25', imeis: {} });
const ORDER = '7fe808fd-78c1-49fe-a3aa-17489c8b4e28';

describe('verifyWithStatusApi', () => {
  it('a completed order is handled once; the status API is asked once, not for duplicates', async () => {
    const { statusApi, handled, deliver } = rig(() => status(true));
    expect((await deliver(ORDER)).status).toBe(200);
    expect((await deliver(ORDER)).status).toBe(200);
    expect(handled).toEqual([ORDER]);
    expect(statusApi.requests).toHaveLength(1);
    expect(JSON.parse(statusApi.bodies[0]!)).toMatchObject({ order_id: ORDER });
  });

  it('a forged "completed" for an order still pending → 409, handler never runs', async () => {
    const { handled, events, deliver } = rig(() => status(false));
    const response = await deliver(ORDER);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'not_verified', message: 'The order is not completed according to the order status' } });
    expect(handled).toEqual([]);
    expect(events).toContainEqual({ type: 'unverified', reference: 'r1', orderId: ORDER });
  });

  it('an order the vendor does not know (ERR_INVALID_ORDER_ID) → 409', async () => {
    const { handled, deliver } = rig(() => json({ status: 'ERR_INVALID_ORDER_ID' }));
    expect((await deliver(ORDER)).status).toBe(409);
    expect(handled).toEqual([]);
  });

  it('the status API failing → 503 (not blamed on the input), and the next delivery is verified again', async () => {
    let down = true;
    const { statusApi, handled, deliver } = rig(() => (down ? json({ message: 'down' }, 503) : status(true)));
    const first = await deliver(ORDER);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(handled).toEqual([]);
    down = false;
    expect((await deliver(ORDER)).status).toBe(200);
    expect(handled).toEqual([ORDER]);
    expect(statusApi.requests).toHaveLength(2);
  });
});
