/**
 * Every idempotency store keeps the `IdempotencyStore` contract, on the real servers: of
 * concurrent claims (from two pools, as two processes) exactly one acquires; a sequence of claims,
 * completions and releases behaves like the contract's model; a lease ends; and the binding stores
 * are write-once under concurrent binds. fast-check, fixed seeds.
 */
import { BindingConflictError, type BindingStore, type IdempotencyStore, MemoryIdempotencyStore } from '@vendor-contracts/runtime';
import { PostgresBindingStore, PostgresIdempotencyStore } from '@vendor-contracts/runtime/postgres';
import { RedisBindingStore, RedisIdempotencyStore } from '@vendor-contracts/runtime/redis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshKey, useBackends } from '../src/servers.js';

const backends = useBackends();

/** Two instances sharing one backend (as two processes would), except memory: one process. */
const idempotencyStores: Array<[string, () => [IdempotencyStore, IdempotencyStore]]> = [
  [
    'MemoryIdempotencyStore',
    () => {
      const store = new MemoryIdempotencyStore();
      return [store, store];
    },
  ],
  ['PostgresIdempotencyStore', () => [new PostgresIdempotencyStore({ pool: backends.pools[0] }), new PostgresIdempotencyStore({ pool: backends.pools[1] })]],
  ['RedisIdempotencyStore', () => [new RedisIdempotencyStore({ redis: backends.client }), new RedisIdempotencyStore({ redis: backends.newRedis() })]],
];

describe.each(idempotencyStores)('%s', (_name, make) => {
  it('of concurrent claims on a fresh key exactly one acquires; after complete every claim is "completed"; after release one acquires again', async () => {
    const [a, b] = make();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 30 }), fc.boolean(), async (claims, completeIt) => {
        const key = freshKey();
        const results = await Promise.all(Array.from({ length: claims }, (_, i) => (i % 2 ? a : b).claim(key, 60_000)));
        expect(results.filter((r) => r === 'acquired')).toHaveLength(1);
        expect(results.filter((r) => r === 'pending')).toHaveLength(claims - 1);
        const holder = results.indexOf('acquired') % 2 ? a : b;
        if (completeIt) {
          await holder.complete(key);
          expect(await Promise.all([a.claim(key, 60_000), b.claim(key, 60_000)])).toEqual(['completed', 'completed']);
        } else {
          await holder.release(key);
          expect((await Promise.all([a.claim(key, 60_000), b.claim(key, 60_000)])).sort()).toEqual(['acquired', 'pending']);
        }
      }),
      { seed: 1601, numRuns: 30 },
    );
  });

  it('any sequence of claim, complete and release agrees with the contract model', async () => {
    const [store] = make();
    const op = fc.record({ kind: fc.constantFrom('claim', 'complete', 'release'), key: fc.integer({ min: 0, max: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const prefix = freshKey('model');
        const model = new Map<number, 'leased' | 'completed'>();
        for (const { kind, key } of ops) {
          const state = model.get(key);
          if (kind === 'claim') {
            const expected = state === 'completed' ? 'completed' : state === 'leased' ? 'pending' : 'acquired';
            expect(await store.claim(`${prefix}:${key}`, 60_000)).toBe(expected);
            if (expected === 'acquired') model.set(key, 'leased');
          } else if (kind === 'complete') {
            await store.complete(`${prefix}:${key}`);
            model.set(key, 'completed');
          } else {
            await store.release(`${prefix}:${key}`);
            if (state === 'leased') model.delete(key);
          }
        }
      }),
      { seed: 1602, numRuns: 40 },
    );
  });

  it('a lease ends after leaseMs (its holder crashed): the key can be acquired again, and completed', async () => {
    const [a, b] = make();
    const key = freshKey('lease');
    expect(await a.claim(key, 150)).toBe('acquired');
    expect(await b.claim(key, 150)).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await b.claim(key, 60_000)).toBe('acquired');
    await b.complete(key);
    expect(await a.claim(key, 60_000)).toBe('completed');
  });
});

const bindingStores: Array<[string, () => [BindingStore, BindingStore]]> = [
  ['PostgresBindingStore', () => [new PostgresBindingStore({ pool: backends.pools[0] }), new PostgresBindingStore({ pool: backends.pools[1] })]],
  ['RedisBindingStore', () => [new RedisBindingStore({ redis: backends.client }), new RedisBindingStore({ redis: backends.newRedis() })]],
];

describe.each(bindingStores)('%s', (_name, make) => {
  it('bind is write-once: the same pair again is a no-op, another value is a BindingConflictError and changes nothing', async () => {
    const [a, b] = make();
    const key = freshKey('ref');
    expect(await a.get(key)).toBeUndefined();
    await a.bind(key, 'order-1');
    await b.bind(key, 'order-1');
    await expect(b.bind(key, 'order-2')).rejects.toBeInstanceOf(BindingConflictError);
    expect(await a.get(key)).toBe('order-1');
    expect(await b.get(key)).toBe('order-1');
  });

  it('concurrent binds of one key from two processes agree on one winner: every other value is rejected', async () => {
    const [a, b] = make();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('o1', 'o2', 'o3', 'o4'), { minLength: 2, maxLength: 20 }), async (values) => {
        const key = freshKey('race');
        const outcomes = await Promise.allSettled(values.map((value, i) => (i % 2 ? a : b).bind(key, value)));
        const winner = await a.get(key);
        expect(winner).toBeDefined();
        values.forEach((value, i) => {
          const outcome = outcomes[i]!;
          if (value === winner) expect(outcome.status).toBe('fulfilled');
          else expect(outcome.status === 'rejected' && outcome.reason instanceof BindingConflictError).toBe(true);
        });
      }),
      { seed: 1603, numRuns: 30 },
    );
  });
});
