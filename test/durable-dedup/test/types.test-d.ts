/** A `pg.Pool` gives the store's work, and the pingback handler, a typed `pg.PoolClient`; other stores give `undefined`. */
import { createPingbackReceiver, MemoryIdempotencyStore } from '@vendor-contracts/atttool/pingback';
import { PostgresIdempotencyStore } from '@vendor-contracts/runtime/postgres';
import { RedisIdempotencyStore } from '@vendor-contracts/runtime/redis';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { expectTypeOf, test } from 'vitest';

const secret = 'a-master-secret-of-at-least-32-bytes!';

test('the transaction type follows the store', () => {
  const store = new PostgresIdempotencyStore({ pool: new pg.Pool() });
  void store.runOnce(
    'k',
    async (transaction) => {
      expectTypeOf(transaction).toEqualTypeOf<pg.PoolClient>();
    },
    { waitMs: 1, leaseMs: 1 },
  );
  createPingbackReceiver({
    bindings: false, // these tests are about deduplication; binding is tested in atttool
    secret,
    store,
    handler: (_delivery, transaction) => {
      expectTypeOf(transaction).toEqualTypeOf<pg.PoolClient>();
    },
  });
  createPingbackReceiver({
    bindings: false, // these tests are about deduplication; binding is tested in atttool
    secret,
    store: new MemoryIdempotencyStore(),
    handler: (_delivery, transaction) => {
      expectTypeOf(transaction).toEqualTypeOf<undefined>();
    },
  });
  createPingbackReceiver({
    bindings: false, // these tests are about deduplication; binding is tested in atttool
    secret,
    store: new RedisIdempotencyStore({ redis: {} as Redis }),
    handler: (_delivery, transaction) => {
      expectTypeOf(transaction).toEqualTypeOf<undefined>();
    },
  });
});
