/**
 * One order, one key: an order id is a GUID, and a GUID is the same in any letter case, so every
 * spelling of one order is deduplicated (and bound) as one, and case variants do not push other
 * orders out of a bounded completed-key store.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPingbackReceiver, createPingbackUrl, MemoryIdempotencyStore, MemoryPingbackBindingStore, type PingbackDelivery } from '../../src/pingback/index.js';
import { completedPayload } from '../support/pingback-server.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';
const BASE_URL = 'https://hooks.example.com/atttool/pingback';

/** Any letter-case spelling of a GUID. */
const spelling = (id: string) =>
  fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length }).map((upper) => [...id].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

const deliver = (receive: (r: Request) => Promise<Response>, url: string, orderId: string) =>
  receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completedPayload(orderId)) }));

describe('one order, one key', () => {
  it('any case spellings of one order id, bound in any spelling, delivered in any interleaving: 1 handler run, every delivery 200', async () => {
    const orderId = fc.uuid();
    await fc.assert(
      fc.asyncProperty(
        orderId.chain((id) => fc.tuple(spelling(id), fc.array(spelling(id), { minLength: 2, maxLength: 12 }))),
        fc.scheduler(),
        async ([boundAs, spellings], s) => {
          const bindings = new MemoryPingbackBindingStore();
          const runs: PingbackDelivery[] = [];
          const receive = createPingbackReceiver({ secret: SECRET, bindings, handler: s.scheduleFunction(async (d: PingbackDelivery) => void runs.push(d)) });
          const { url, reference } = createPingbackUrl({ baseUrl: BASE_URL, secret: SECRET });
          await bindings.bind(reference, boundAs);
          const statuses = await s.waitFor(Promise.all(spellings.map((id) => deliver(receive, url, id).then((r) => r.status))));
          expect(statuses).toEqual(spellings.map(() => 200));
          expect(runs).toHaveLength(1);
          // The handler sees the canonical id; the payload keeps the vendor's spelling.
          expect(runs[0]!.orderId).toBe(boundAs.toLowerCase());
          expect(spellings).toContain(runs[0]!.payload.order_id);
        },
      ),
      { numRuns: 200, seed: 1105 },
    );
  });

  it('the schema (format: uuid) admits no surrounding whitespace: a padded id is a 422, not another spelling of the order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.stringMatching(/^[ \t\r\n]{1,3}$/), fc.constantFrom('before', 'after'), async (id, pad, where) => {
        let runs = 0;
        const receive = createPingbackReceiver({ secret: SECRET, bindings: false, handler: () => void (runs += 1) });
        const { url } = createPingbackUrl({ baseUrl: BASE_URL, secret: SECRET });
        const response = await deliver(receive, url, where === 'before' ? pad + id : id + pad);
        expect(response.status).toBe(422);
        expect(runs).toBe(0);
      }),
      { numRuns: 50, seed: 1105 },
    );
  });

  it('case variants of one order do not flush other orders out of a bounded completed-key store', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uuid().chain((id) => fc.array(spelling(id), { minLength: 5, maxLength: 20 })),
        async (variants) => {
          const runs: string[] = [];
          const receive = createPingbackReceiver({
            secret: SECRET,
            bindings: false,
            store: new MemoryIdempotencyStore({ maxCompleted: 3 }),
            handler: (d) => void runs.push(d.orderId),
          });
          const { url } = createPingbackUrl({ baseUrl: BASE_URL, secret: SECRET });
          const first = randomUUID();
          for (const id of [first, randomUUID(), variants[0]!]) expect((await deliver(receive, url, id)).status).toBe(200);
          for (const id of variants) expect((await deliver(receive, url, id)).status).toBe(200);
          // `first` is still remembered as done: its redelivery runs nothing.
          expect((await deliver(receive, url, first)).status).toBe(200);
          expect(runs).toHaveLength(3);
        },
      ),
      { numRuns: 100, seed: 1105 },
    );
  });
});
