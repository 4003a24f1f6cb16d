/**
 * The pingback receiver's transactional path on a real PostgreSQL: `verify` and the handler run
 * inside the store's transaction, so a refusal, a verify outage or a handler failure rolls the
 * claim back together with whatever the handler wrote, and the next delivery runs it again; a
 * committed run answers every later delivery 200 without running anything.
 */
import { createPingbackReceiver, createPingbackUrl, type PingbackEvent } from '@vendor-contracts/atttool/pingback';
import { PostgresIdempotencyStore } from '@vendor-contracts/runtime/postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackends } from '../src/servers.js';
import { pingbackBody } from '../src/vendor.js';

const backends = useBackends();
const secret = 'a-master-secret-of-at-least-32-bytes!';

beforeAll(async () => {
  await backends.pools[0].query('CREATE TABLE receiver_effects (order_id text NOT NULL)');
});

describe('createPingbackReceiver with PostgresIdempotencyStore', () => {
  it('verify false → 409, verify throwing → 503, handler throwing → 500, each rolling back what the handler wrote; then one run, and 200 duplicates', async () => {
    const order = 4242;
    let verdict: 'yes' | 'no' | 'throw' = 'no';
    let handlerFails = true;
    const events: PingbackEvent[] = [];
    const receive = createPingbackReceiver({
      bindings: false, // these tests are about deduplication; binding is tested in atttool
      secret,
      store: new PostgresIdempotencyStore({ pool: backends.pools[0] }),
      verify: async () => {
        if (verdict === 'throw') throw new Error('status API down');
        return verdict === 'yes';
      },
      handler: async ({ orderId }, transaction) => {
        await transaction.query('INSERT INTO receiver_effects (order_id) VALUES ($1)', [orderId]);
        if (handlerFails) throw new Error('downstream failed after writing');
      },
      onEvent: (event) => events.push(event),
    });
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/p', secret, reference: 'ref-tx' });
    const deliver = async () => {
      const answer = await receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pingbackBody(order) }));
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };
    const effects = async () => Number((await backends.pools[0].query<{ n: string }>('SELECT count(*) AS n FROM receiver_effects')).rows[0]!.n);

    expect((await deliver()).status).toBe(409);
    verdict = 'throw';
    expect((await deliver()).status).toBe(503);
    verdict = 'yes';
    expect((await deliver()).status).toBe(500);
    expect(await effects()).toBe(0); // the handler's insert was rolled back with the claim
    expect(events.map((e) => e.type)).toEqual(['unverified', 'verify-failed', 'handler-failed']);

    handlerFails = false;
    expect(await deliver()).toEqual({ status: 200, body: { status: 'ok' } });
    const again = await Promise.all([deliver(), deliver(), deliver()]);
    expect(again).toEqual(Array(3).fill({ status: 200, body: { status: 'ok', duplicate: true } }));
    expect(await effects()).toBe(1);
  });
});
