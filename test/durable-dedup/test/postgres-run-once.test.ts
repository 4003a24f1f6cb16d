/**
 * `PostgresIdempotencyStore.runOnce` on a real PostgreSQL: concurrent runs of a key from two pools
 * (two processes) whose work succeeds, throws or loses its connection mid-transaction, then
 * redelivered until done → exactly one committed side effect per key, never two works of a key at
 * once (fast-check, fixed seed). Then the bounds: a stuck run loses its lease, a duplicate waits at
 * most waitMs, a swallowed failed statement is not "ran", and a database that never answers is a
 * bounded failure (the receiver answers 503).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createPingbackReceiver, createPingbackUrl } from '@vendor-contracts/atttool/pingback';
import { IdempotencyBusyError, type RunOnceResult } from '@vendor-contracts/runtime';
import { PostgresIdempotencyStore } from '@vendor-contracts/runtime/postgres';
import fc from 'fast-check';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshKey, useBackends } from '../src/servers.js';
import { pingbackBody } from '../src/vendor.js';

const backends = useBackends();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONG = { waitMs: 20_000, leaseMs: 20_000 };

beforeAll(async () => {
  await backends.pools[0].query('CREATE TABLE run_once_effects (key text NOT NULL)');
});

async function effectsOf(key: string): Promise<number> {
  const { rows } = await backends.pools[0].query<{ n: string }>('SELECT count(*) AS n FROM run_once_effects WHERE key = $1', [key]);
  return Number(rows[0]!.n);
}
const effect = (key: string) => async (tx: pg.PoolClient) => void (await tx.query('INSERT INTO run_once_effects (key) VALUES ($1)', [key]));

describe('runOnce under concurrency and crashes', () => {
  it('any mix of succeeding, throwing and connection-losing runs, from two processes, then redeliveries: one side effect per key, never two works of a key at once', async () => {
    const stores = backends.pools.map((pool) => new PostgresIdempotencyStore({ pool }));
    const call = fc.record({
      key: fc.integer({ min: 0, max: 3 }),
      outcome: fc.constantFrom('ok', 'throw', 'lose-connection'),
      delayMs: fc.integer({ min: 0, max: 15 }),
      process: fc.integer({ min: 0, max: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 24 }), async (calls) => {
        const prefix = freshKey('prop');
        const running = new Map<string, number>();
        let overlaps = 0;
        const ran = new Map<string, number>();
        const work = (key: string, outcome: string, delayMs: number) => async (tx: pg.PoolClient) => {
          const now = (running.get(key) ?? 0) + 1;
          running.set(key, now);
          if (now > 1) overlaps += 1;
          let ended = false;
          const end = () => {
            if (!ended) running.set(key, running.get(key)! - 1);
            ended = true;
          };
          try {
            await effect(key)(tx);
            await sleep(delayMs);
            if (outcome === 'throw') throw new Error('handler failed');
            // A crash as PostgreSQL sees it: the connection is gone mid-transaction. The work ends
            // when the backend dies, which this client learns only later (later still on a loaded
            // machine), while the lock is free at once: it counts as ended before the backend is
            // told to die, so a second work can only overlap it by taking a lock that is still held.
            if (outcome === 'lose-connection') {
              end();
              await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
            }
          } finally {
            end();
          }
        };
        const count = (key: string, result: RunOnceResult) => result === 'ran' && ran.set(key, (ran.get(key) ?? 0) + 1);
        await Promise.allSettled(
          calls.map(async ({ key, outcome, delayMs, process }) => {
            const k = `${prefix}:${key}`;
            count(k, await stores[process]!.runOnce(k, work(k, outcome, delayMs), LONG));
          }),
        );
        // The vendor redelivers every key until it is done (bounded).
        const keys = [...new Set(calls.map((c) => `${prefix}:${c.key}`))];
        for (const k of keys) count(k, await stores[0]!.runOnce(k, work(k, 'ok', 0), LONG));
        expect(overlaps).toBe(0);
        for (const k of keys) {
          expect(await effectsOf(k), k).toBe(1);
          expect(ran.get(k), k).toBe(1);
          expect(await stores[1]!.runOnce(k, work(k, 'ok', 0), LONG)).toBe('completed');
        }
      }),
      { seed: 1604, numRuns: 25 },
    );
  });
});

describe('runOnce bounds', () => {
  it('a stuck run loses its lease after leaseMs: a duplicate then runs, and the stuck run cannot commit', async () => {
    const store = new PostgresIdempotencyStore({ pool: backends.pools[0] });
    const other = new PostgresIdempotencyStore({ pool: backends.pools[1] });
    const key = freshKey('stuck');
    const stuck = store.runOnce(
      key,
      async (tx) => {
        await effect(key)(tx);
        await sleep(2_000); // idle in the transaction, e.g. a hung HTTP call
      },
      { waitMs: 10_000, leaseMs: 300 },
    );
    stuck.catch(() => {});
    await sleep(50);
    const started = Date.now();
    expect(await other.runOnce(key, effect(key), { waitMs: 10_000, leaseMs: 10_000 })).toBe('ran');
    expect(Date.now() - started).toBeLessThan(1_900);
    await expect(stuck).rejects.toThrow();
    expect(await effectsOf(key)).toBe(1);
  });

  it('a duplicate waits at most waitMs for a running one: IdempotencyBusyError, and the first still commits', async () => {
    const store = new PostgresIdempotencyStore({ pool: backends.pools[0] });
    const key = freshKey('busy');
    const first = store.runOnce(
      key,
      async (tx) => {
        await effect(key)(tx);
        await sleep(1_000);
      },
      LONG,
    );
    await sleep(50);
    const started = Date.now();
    await expect(store.runOnce(key, effect(key), { waitMs: 200, leaseMs: 20_000 })).rejects.toBeInstanceOf(IdempotencyBusyError);
    expect(Date.now() - started).toBeLessThan(900);
    expect(await first).toBe('ran');
    expect(await effectsOf(key)).toBe(1);
  });

  it('work that swallows a failed statement is not "ran": PostgreSQL rolled it back, so the key stays free', async () => {
    const store = new PostgresIdempotencyStore({ pool: backends.pools[0] });
    const key = freshKey('swallowed');
    await expect(
      store.runOnce(
        key,
        async (tx) => {
          await effect(key)(tx);
          await tx.query('SELECT 1 / 0').catch(() => {});
        },
        LONG,
      ),
    ).rejects.toThrow(/rolled back/);
    expect(await effectsOf(key)).toBe(0);
    expect(await store.runOnce(key, effect(key), LONG)).toBe('ran');
    expect(await effectsOf(key)).toBe(1);
  });

  it('a database that accepts connections and never answers: the receiver answers 503 within its bounds, the handler never runs', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket)); // accepts, never speaks
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    pool.on('error', () => {});
    try {
      let calls = 0;
      const secret = 'a-master-secret-of-at-least-32-bytes!';
      const receive = createPingbackReceiver({
        bindings: false, // these tests are about deduplication; binding is tested in atttool
        secret,
        store: new PostgresIdempotencyStore({ pool, connectTimeoutMs: 300, createTable: false }),
        storeTimeoutMs: 300,
        leaseMs: 300,
        duplicateWaitMs: 300,
        handler: () => void (calls += 1),
      });
      const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/p', secret });
      const body = pingbackBody(1);
      const started = Date.now();
      const answer = await receive(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(calls).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await pool.end().catch(() => {});
    }
  });
});
