/**
 * One pingback receiver process of the fleet, as a user would deploy it: `node:http`, a `pg.Pool`,
 * and the durable store chosen by STORE (`postgres`: the handler writes its side effect in the
 * store's transaction; `redis`: the handler writes it with its own query). Every side effect is a
 * row in `effects`, so the test counts them in PostgreSQL. Prints `ready` once listening.
 *
 * Env: STORE, DATABASE_URL, REDIS_URL (redis only), PORT, RECEIVER (its number), PINGBACK_SECRET,
 * LEASE_MS, DUPLICATE_WAIT_MS.
 */
import { createServer } from 'node:http';
import { createPingbackReceiver, type PingbackDelivery, toNodeListener } from '@vendor-contracts/atttool/pingback';
import { PostgresIdempotencyStore } from '@vendor-contracts/runtime/postgres';
import { RedisIdempotencyStore } from '@vendor-contracts/runtime/redis';
import { Redis } from 'ioredis';
import pg from 'pg';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const receiverNumber = Number(env('RECEIVER'));
const timings = { leaseMs: Number(env('LEASE_MS')), duplicateWaitMs: Number(env('DUPLICATE_WAIT_MS')), storeTimeoutMs: 2_000 };
const secret = env('PINGBACK_SECRET');

const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 8, connectionTimeoutMillis: 2_000 });
pool.on('error', () => {}); // an idle connection cut by a database restart; the pool replaces it

const INSERT_EFFECT = 'INSERT INTO effects (reference, order_id, receiver) VALUES ($1, $2, $3)';
const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
const effectOf = (delivery: PingbackDelivery) => [delivery.reference, delivery.orderId, receiverNumber];

function postgresReceiver() {
  return createPingbackReceiver({
    bindings: false, // these tests are about deduplication; binding is tested in atttool
    secret,
    ...timings,
    store: new PostgresIdempotencyStore({ pool }),
    // The side effect is written through the store's transaction: it commits with the completion.
    handler: async (delivery, transaction) => {
      await jitter();
      await transaction.query(INSERT_EFFECT, effectOf(delivery));
    },
  });
}

async function redisReceiver() {
  const redis = new Redis(env('REDIS_URL'), { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on('error', () => {}); // reconnects by itself; calls meanwhile fail and the receiver answers 503
  await redis.connect();
  const store = new RedisIdempotencyStore({ redis });
  // Record every completion Redis did not acknowledge: the only way this store may run a handler twice.
  const complete = store.complete.bind(store);
  store.complete = async (key) => {
    try {
      await complete(key);
    } catch (error) {
      await pool.query('INSERT INTO unacknowledged_completions (key) VALUES ($1)', [key]).catch(() => {});
      throw error;
    }
  };
  return createPingbackReceiver({
    bindings: false, // these tests are about deduplication; binding is tested in atttool
    secret,
    ...timings,
    store,
    handler: async (delivery) => {
      await jitter();
      await pool.query(INSERT_EFFECT, effectOf(delivery));
    },
  });
}

const receiver = env('STORE') === 'postgres' ? postgresReceiver() : await redisReceiver();
const server = createServer(toNodeListener(receiver));
server.keepAliveTimeout = 30_000;
server.listen(Number(env('PORT')), '127.0.0.1', () => process.stdout.write('ready\n'));
