/**
 * StoreFailuresFallBackLocally (issue 16 item 4): whatever a shared store does — throw, never
 * answer, answer late — calls go on with local state: every call settles, none waits for the
 * store longer than its bound, each failure is reported once through `onStoreError`, and the
 * token cache never hands out a token the vendor refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedToken, createVendorClient, MemoryRateLimitStore, type RateLimitStore, type StoredToken, type TokenStore } from '../../src/index.js';
import { json } from '../../src/testing/observed-fetch.js';
import { SECRET } from '../support/client.js';
import { definition, type operations, type paths } from '../support/fixture.js';

type Behaviour = 'ok' | 'throw' | 'hang';
const never = new Promise<never>(() => undefined);

/** A store that behaves as told, call by call (then answers normally). */
function hostileRateLimitStore(script: Behaviour[]): RateLimitStore & { failures: number } {
  const inner = new MemoryRateLimitStore();
  let i = 0;
  const store = {
    failures: 0,
    async take(request: Parameters<RateLimitStore['take']>[0]) {
      const b = script[i++] ?? 'ok';
      if (b !== 'ok') store.failures++;
      if (b === 'throw') throw new Error('store down');
      if (b === 'hang') return never;
      return inner.take(request);
    },
    settle: (request: Parameters<RateLimitStore['settle']>[0], permit: string) => inner.settle(request, permit),
  };
  return store;
}

describe('StoreFailuresFallBackLocally', () => {
  it('rate limit: a store that throws or hangs at any call: every call succeeds, each failure reported once, then the store is skipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Behaviour>('ok', 'ok', 'throw', 'hang'), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        async (script, calls) => {
          // At most one hang per run: each costs the 1 s store bound in real time.
          const bounded = script.map((b, i) => (b === 'hang' && script.indexOf('hang') !== i ? 'throw' : b));
          const store = hostileRateLimitStore(bounded);
          const events: string[] = [];
          const client = createVendorClient<paths, operations>(
            { ...definition, rateLimit: { limit: 1_000, windowSeconds: 60 } },
            {
              credentials: { KeyHeader: SECRET },
              rateLimitStore: store,
              fetch: async () => json({ id: 1, name: 'n' }),
              hooks: { onStoreError: (e) => void events.push(`${e.store}:${e.operation}`) },
            },
          );
          // Sequential: the store is asked once per call until it fails, then skipped for 1 s.
          for (let i = 0; i < calls; i++) await expect(client.getItem({ path: { id: 1 } })).resolves.toMatchObject({ id: 1 });
          expect(events).toHaveLength(store.failures);
          expect(events.every((e) => e === 'rate-limit:take')).toBe(true);
          expect(store.failures).toBeLessThanOrEqual(1); // after a failure the store is skipped for the rest of this short run
        },
      ),
      { seed: 20261204, numRuns: 6 },
    );
  });

  it('token: a store that throws, hangs or holds a refused token at any step: a token every call, never a refused one, ≤ 1 request per call', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Behaviour | 'refused'>('ok', 'ok', 'throw', 'refused', 'hang'), { minLength: 1, maxLength: 8 }), async (script) => {
        const bounded = script.map((b, i) => (b === 'hang' && script.indexOf('hang') !== i ? 'throw' : b));
        const refused = new Set<string>();
        let entry: StoredToken | undefined;
        let step = 0;
        const act = async <T>(fn: () => T): Promise<T> => {
          const b = bounded[step++] ?? 'ok';
          if (b === 'throw') throw new Error('store down');
          if (b === 'hang') return never;
          if (b === 'refused' && refused.size) entry = { token: [...refused][0]!, ttlMs: 60_000 };
          return fn();
        };
        const store: TokenStore = {
          get: (key) => act(() => entry),
          set: (key, token, ttlMs) => act(() => void (entry = { token, ttlMs })),
          invalidate: (key, token) => act(() => void (entry?.token === token && (entry = undefined))),
          lock: () => act(() => async () => undefined),
        };
        let acquisitions = 0;
        const errors: string[] = [];
        const token = cachedToken({ store, acquire: async () => ({ accessToken: `t${++acquisitions}`, expiresIn: 3_600 }), onStoreError: (op) => void errors.push(op) });
        const calls = 4;
        for (let i = 0; i < calls; i++) {
          const value = await token();
          expect(refused.has(value)).toBe(false);
          refused.add(value); // the vendor answers 401: renew
          token.invalidate(value);
        }
        expect(acquisitions).toBeLessThanOrEqual(calls);
      }),
      { seed: 20261204, numRuns: 6 },
    );
  });
});
