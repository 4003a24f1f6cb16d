/** One PostgreSQL and one Redis per test file, with a `pg.Pool` and an ioredis client on them. */
import { startPostgres, startRedis, type TestServer } from '@vendor-contracts/test-servers';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface Backends {
  postgres: TestServer;
  redis: TestServer;
  /** Two pools, standing in for two processes. */
  pools: [pg.Pool, pg.Pool];
  client: Redis;
  /** Another connection (another process's client); disconnected with the rest. */
  newRedis(): Redis;
}

export function useBackends(): Backends {
  const clients: Redis[] = [];
  const backends = {
    newRedis: () => {
      const client = new Redis(backends.redis.url);
      clients.push(client);
      return client;
    },
  } as Backends;
  beforeAll(async () => {
    [backends.postgres, backends.redis] = await Promise.all([startPostgres(), startRedis()]);
    const pool = () => {
      const created = new pg.Pool({ connectionString: backends.postgres.url, max: 10 });
      created.on('error', () => {});
      return created;
    };
    backends.pools = [pool(), pool()];
    backends.client = backends.newRedis();
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all((backends.pools ?? []).map((pool) => pool.end()));
    await Promise.all([backends.postgres?.stop(), backends.redis?.stop()]);
  });
  return backends;
}

let counter = 0;
/** A key no earlier run used (stores keep keys for days). */
export const freshKey = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${counter++}`;
