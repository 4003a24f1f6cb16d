/**
 * WallClockStepsNeverStallCalls (issue 11 item 11): intervals (deadlines, rate-limit windows,
 * token lifetimes) are measured on the monotonic clock; the wall clock (`now`) is read only for
 * HTTP dates. Whatever the wall clock does — an hour back, an hour forward, any jump at any
 * moment — calls are sent exactly when they would have been without the jump, and none fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedToken, createVendorClient } from '../../src/index.js';
import { json } from '../../src/testing/observed-fetch.js';
import { SECRET } from '../support/client.js';
import { definition, type operations, type paths } from '../support/fixture.js';

const HOUR = 3_600_000;

/** A rate-limited client whose wall clock jumps by `jumps[i]` at the i-th send. */
function run(limit: number, windowSeconds: number, calls: number, jumps: number[]) {
  let mono = 0;
  let wall = 1_700_000_000_000;
  const sent: number[] = [];
  const client = createVendorClient<paths, operations>(
    { ...definition, rateLimit: { limit, windowSeconds } },
    {
      credentials: { KeyHeader: SECRET },
      now: () => wall,
      monotonicNow: () => mono,
      deadline: windowSeconds * 1000 * (calls / limit + 2),
      // Real time passes on both clocks alike; the jumps are the wall clock's alone.
      // A real (1 ms) turn first, so requests already granted are sent before time moves on.
      sleep: async (ms) => {
        await new Promise((r) => setTimeout(r, 1));
        mono += ms;
        wall += ms;
      },
      fetch: async () => {
        wall += jumps[sent.length % jumps.length] ?? 0;
        sent.push(mono);
        return json({ id: 1, name: 'n' });
      },
    },
  );
  return { sent, done: Promise.allSettled(Array.from({ length: calls }, () => client.getItem({ path: { id: 1 } }))) };
}

describe('WallClockStepsNeverStallCalls', () => {
  it('a window full, then the wall clock steps back 1 hour: the next call leaves when the window opens, not 3,660 s later', async () => {
    const r = run(2, 60, 3, [0, -HOUR]);
    const results = await r.done;
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(r.sent).toEqual([0, 0, 60_000]);
  });

  it('any limit, window and wall-clock jumps (±days, any moment): same send times as with no jump, every call succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.oneof(fc.constantFrom(-HOUR, HOUR, -24 * HOUR, 0), fc.integer({ min: -30 * 24 * HOUR, max: 30 * 24 * HOUR })), { minLength: 1, maxLength: 10 }),
        async (limit, windowSeconds, calls, jumps) => {
          const jumped = run(limit, windowSeconds, calls, jumps);
          const steady = run(limit, windowSeconds, calls, [0]);
          const [a, b] = await Promise.all([jumped.done, steady.done]);
          expect(a.every((x) => x.status === 'fulfilled')).toBe(true);
          expect(b.every((x) => x.status === 'fulfilled')).toBe(true);
          expect(jumped.sent).toEqual(steady.sent);
        },
      ),
      { seed: 20261204, numRuns: 120 },
    );
  });

  it('token lifetimes: any wall-clock jumps leave a cached token cached until its lifetime has passed on the monotonic clock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -30 * 24 * HOUR, max: 30 * 24 * HOUR }), { minLength: 1, maxLength: 20 }), async (jumps) => {
        let mono = 0;
        let wall = 1_700_000_000_000;
        const realDateNow = Date.now;
        Date.now = () => wall;
        try {
          let acquisitions = 0;
          const token = cachedToken({ monotonicNow: () => mono, acquire: async () => ({ accessToken: `t${++acquisitions}`, expiresIn: 3_600 }) });
          for (const jump of jumps) {
            wall += jump;
            mono += 60_000; // a call a minute, 20 minutes at most: well inside the hour
            expect(await token()).toBe('t1');
          }
          expect(acquisitions).toBe(1);
        } finally {
          Date.now = realDateNow;
        }
      }),
      { seed: 20261204, numRuns: 100 },
    );
  });
});
