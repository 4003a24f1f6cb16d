/** The in-memory IdempotencyStore keeps its contract under every interleaving fast-check schedules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPingbackReceiver, createPingbackUrl, MemoryIdempotencyStore } from '../../src/pingback/index.js';
import { completedPayload } from '../support/pingback-server.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';

describe('MemoryIdempotencyStore', () => {
  it('of concurrent claims, exactly one acquires; complete makes every later claim "completed"', async () => {
    const store = new MemoryIdempotencyStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('k', 1000)));
    expect(results.filter((r) => r === 'acquired')).toHaveLength(1);
    expect(results.filter((r) => r === 'pending')).toHaveLength(49);
    await store.complete('k');
    expect(await store.claim('k', 1000)).toBe('completed');
  });

  it('a lease ends after leaseMs; release frees the key at once', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ now: () => now });
    expect(await store.claim('k', 100)).toBe('acquired');
    now = 99;
    expect(await store.claim('k', 100)).toBe('pending');
    now = 100;
    expect(await store.claim('k', 100)).toBe('acquired');
    await store.release('k');
    expect(await store.claim('k', 100)).toBe('acquired');
  });

  it('waitFor wakes every waiter on complete and on release (none left behind)', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('k', 10_000);
    const woken: number[] = [];
    const waits = Array.from({ length: 20 }, (_, i) => store.waitFor('k', new AbortController().signal).then(() => woken.push(i)));
    await store.release('k');
    await Promise.all(waits);
    expect(woken).toHaveLength(20);
    await store.claim('k', 10_000);
    const more = Array.from({ length: 20 }, () => store.waitFor('k', new AbortController().signal));
    await store.complete('k');
    await Promise.all(more);
  });

  it('forgets the oldest completed keys beyond maxCompleted', async () => {
    const store = new MemoryIdempotencyStore({ maxCompleted: 2 });
    for (const key of ['a', 'b', 'c']) {
      await store.claim(key, 1000);
      await store.complete(key);
    }
    expect(await store.claim('a', 1000)).toBe('acquired');
    expect(await store.claim('c', 1000)).toBe('completed');
  });
});

describe('the receiver under scheduled interleavings (fc.scheduler)', () => {
  it('duplicates and handler failures in any order: the handler succeeds once per order, and a delivery gets 200 only after that', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), async (s, copies, failures) => {
        let succeeded = 0;
        let attempts = 0;
        const receive = createPingbackReceiver({
          secret: SECRET,
          bindings: false,
          handler: s.scheduleFunction(async () => {
            const fail = failures[attempts++ % failures.length];
            if (fail) throw new Error('transient');
            succeeded += 1;
          }),
        });
        const { url } = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET });
        const body = JSON.stringify(completedPayload());
        const deliveries = Array.from({ length: copies }, () =>
          receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).then((r) => {
            // A 200 is only ever sent after the one successful run.
            if (r.status === 200) expect(succeeded).toBe(1);
            return r.status;
          }),
        );
        await s.waitFor(Promise.all(deliveries));
        const statuses = await Promise.all(deliveries);
        expect(succeeded).toBeLessThanOrEqual(1);
        expect(statuses.every((status) => status === 200 || status === 500)).toBe(true);
        expect(statuses.includes(200)).toBe(succeeded === 1);
      }),
      { numRuns: 200 },
    );
  });
});
