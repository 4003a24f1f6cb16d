/**
 * DeadlineHoldsInQueues (issue 11 item 10): a call waiting behind a full rate-limit window, or
 * behind other queued calls, fails with TimeoutError no later than its deadline; a call that
 * can be served in time is. On an injected clock that only sleeping moves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVendorClient, TimeoutError } from '../../src/index.js';
import { json } from '../../src/testing/observed-fetch.js';
import { SECRET } from '../support/client.js';
import { definition, type operations, type paths } from '../support/fixture.js';

function limitedClient(limit: number, windowSeconds: number) {
  let clock = 0;
  const sent: number[] = [];
  const client = createVendorClient<paths, operations>(
    { ...definition, rateLimit: { limit, windowSeconds } },
    {
      credentials: { KeyHeader: SECRET },
      monotonicNow: () => clock,
      // The concurrency queue's deadline is a real timer; this property is about the rate-limit queue.
      maxConcurrency: 10_000,
      // Time moves on a later turn, so a caller failed before a wait sees the clock of that moment.
      sleep: async (ms) => {
        await new Promise((r) => setImmediate(r));
        clock += ms;
      },
      fetch: async () => {
        sent.push(clock);
        return json({ id: 1, name: 'n' });
      },
      deadline: 24 * 3_600_000,
    },
  );
  return { client, sent, clock: () => clock };
}

describe('DeadlineHoldsInQueues', () => {
  it('a 300 ms call queued behind a full 2 s window fails with TimeoutError before its deadline passes', async () => {
    const r = limitedClient(2, 2);
    const first = Array.from({ length: 4 }, () => r.client.getItem({ path: { id: 1 } }));
    const late = r.client.getItem({ path: { id: 1 } }, { deadline: 300 }).then(
      () => ({ ok: true, at: r.clock() }),
      (error: unknown) => ({ ok: false, error, at: r.clock() }),
    );
    const outcome = await late;
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect(outcome.at).toBeLessThanOrEqual(300);
    await Promise.all(first);
  });

  it('any limit, window, queue position and deadline: served by the deadline or TimeoutError no later than it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 40_000 }),
        async (limit, windowSeconds, ahead, deadline) => {
          const r = limitedClient(limit, windowSeconds);
          const before = Array.from({ length: ahead }, () => r.client.getItem({ path: { id: 1 } }));
          const outcome = await r.client.getItem({ path: { id: 1 } }, { deadline }).then(
            () => ({ ok: true as const, at: r.clock() }),
            (error: unknown) => ({ ok: false as const, error, at: r.clock() }),
          );
          // The sliding window sends call i at floor(i / limit) windows.
          const slot = Math.floor(ahead / limit) * windowSeconds * 1000;
          if (slot <= deadline) {
            expect(outcome.ok).toBe(true);
            expect(r.sent.at(-1)).toBe(slot);
          } else {
            expect(outcome.ok).toBe(false);
            expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(TimeoutError);
            expect(outcome.at).toBeLessThanOrEqual(deadline);
          }
          await Promise.all(before);
        },
      ),
      { seed: 20261204, numRuns: 150 },
    );
  });
});
