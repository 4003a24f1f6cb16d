/**
 * Four pingback receiver processes behind a round-robin proxy, sharing one durable store, while
 * the vendor delivers 1,000 orders 3 times each plus bursts of concurrent duplicates and
 * redelivers every failure until it gets 200:
 *
 * - PostgreSQL store: one receiver SIGKILLed and restarted, then PostgreSQL itself SIGKILLed and
 *   restarted mid-run → exactly one side effect per order (counted in PostgreSQL, written in the
 *   handler's transaction), every delivery eventually 200, and no 200 while the database was down.
 * - Redis store: Redis SIGKILLed and restarted mid-run → every order has its side effect (nothing
 *   lost), every delivery eventually 200, no 200 while Redis was down, and an order runs twice
 *   only where Redis failed to acknowledge its completion (the store's stated, weaker guarantee).
 */
import { freePort } from '@vendor-contracts/contract-tests/prism';
import { startPostgres, startRedis, type TestServer } from '@vendor-contracts/test-servers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../src/figures.js';
import { startRoundRobinProxy } from '../src/proxy.js';
import { type ReceiverProcess, startReceiver } from '../src/receivers.js';
import { type Attempt, deliverAll, orderIdOf, planDeliveries, statusCounts, type VendorRun } from '../src/vendor.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';
const ORDERS = 1_000;
const PLAN = { orders: ORDERS, deliveriesPerOrder: 3, bursts: 20, burstSize: 10 };
const RECEIVERS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: TestServer;
let redis: TestServer;
let pool: pg.Pool;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
  pool.on('error', () => {});
  await pool.query('CREATE TABLE effects (id bigserial PRIMARY KEY, reference text NOT NULL, order_id text NOT NULL, receiver int NOT NULL)');
  await pool.query('CREATE TABLE unacknowledged_completions (key text NOT NULL)');
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

async function withFleet<T>(store: 'postgres' | 'redis', run: (fleet: { receivers: ReceiverProcess[]; origin: string }) => Promise<T>): Promise<T> {
  const ports = await Promise.all(Array.from({ length: RECEIVERS }, () => freePort()));
  const env = { STORE: store, DATABASE_URL: postgres.url, REDIS_URL: redis.url, PINGBACK_SECRET: SECRET, LEASE_MS: '3000', DUPLICATE_WAIT_MS: '1500' };
  const receivers = await Promise.all(ports.map((port, i) => startReceiver(port, { ...env, RECEIVER: String(i) })));
  const proxy = await startRoundRobinProxy(ports);
  try {
    return await run({ receivers, origin: proxy.origin });
  } finally {
    await proxy.close();
    await Promise.all(receivers.map((receiver) => receiver.kill()));
  }
}

/** Per order: how many side effects it had. */
async function effectsPerOrder(): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ order_id: string; n: string }>('SELECT order_id, count(*) AS n FROM effects GROUP BY order_id');
  return new Map(rows.map((row) => [row.order_id, Number(row.n)]));
}

/** The attempts that started after `from` and ended before `to` (wholly inside a server's downtime). */
const within = (attempts: readonly Attempt[], from: number, to: number) => attempts.filter((a) => a.startedAt >= from && a.endedAt <= to);

function figures(run: VendorRun, effects: number) {
  const statuses = statusCounts(run.attempts);
  const fivexx = Object.entries(statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((n, [, count]) => n + count, 0);
  return {
    deliveries: run.deliveries,
    attempts: run.attempts.length,
    redeliveries: run.attempts.length - run.deliveries,
    sideEffects: effects,
    answered5xx: fivexx,
    noAnswer: statuses[0] ?? 0,
    statuses,
    elapsedMs: run.elapsedMs,
  };
}

interface Outage {
  from: number;
  to: number;
}

/**
 * SIGKILL `server`, keep it down until the vendor has made OUTAGE_ATTEMPTS attempts wholly inside
 * the outage (bounded: at most 15 s), start it again: the window it was certainly down in.
 */
const OUTAGE_ATTEMPTS = 20;
async function crashAndRestart(server: TestServer, attempts: readonly Attempt[]): Promise<Outage> {
  await server.kill();
  const from = Date.now();
  const giveUpAt = from + 15_000;
  while (attempts.filter((a) => a.startedAt >= from).length < OUTAGE_ATTEMPTS && Date.now() < giveUpAt) await sleep(50);
  const outage = { from, to: Date.now() };
  await server.restart();
  return outage;
}

/**
 * The vendor delivers the plan through a fleet on `store`; when `at` (a fraction) of the deliveries
 * have got their 200, each chaos step starts (concurrently with the deliveries).
 */
interface ChaosStep {
  /** When: the fraction of deliveries answered 200 so far. */
  at: number;
  act: (fleet: { receivers: ReceiverProcess[]; attempts: readonly Attempt[] }) => Promise<Outage | void>;
}

async function deliverWithChaos(store: 'postgres' | 'redis', seed: number, steps: ChaosStep[]) {
  return withFleet(store, async ({ receivers, origin }) => {
    const groups = planDeliveries({ ...PLAN, seed }, `${origin}/atttool/pingback`, SECRET);
    const total = groups.reduce((n, g) => n + g.length, 0);
    const chaos: Promise<Outage | void>[] = [];
    const attempts: Attempt[] = [];
    const run = await deliverAll(groups, {
      concurrency: 48,
      onAttempt: (attempt) => attempts.push(attempt),
      onDelivered: (delivered) => {
        for (const step of steps) if (delivered === Math.floor(total * step.at)) chaos.push(step.act({ receivers, attempts }));
      },
    });
    const outages = (await Promise.all(chaos)).filter((outage): outage is Outage => outage !== undefined);
    return { run, outages };
  });
}

/** While the store was down nothing was answered 200 (no claim could be recorded), and 503 was. */
function expectNoOkDuring(run: VendorRun, outages: Outage[]): void {
  expect(outages).toHaveLength(1);
  const duringOutage = within(run.attempts, outages[0]!.from, outages[0]!.to);
  expect(duringOutage.length).toBeGreaterThan(0);
  expect(duringOutage.filter((a) => a.status === 200)).toEqual([]);
  expect(duringOutage.some((a) => a.status === 503)).toBe(true);
}

describe('4 receivers behind a round-robin proxy', () => {
  it('PostgreSQL store: a receiver and then PostgreSQL SIGKILLed mid-run → exactly 1,000 side effects, every delivery 200, no 200 while the database was down', async () => {
    await pool.query('TRUNCATE effects');
    const { run, outages } = await deliverWithChaos('postgres', 16, [
      {
        at: 0.3,
        act: async ({ receivers }) => {
          await receivers[1]!.kill();
          await sleep(300);
          await receivers[1]!.start();
        },
      },
      { at: 0.6, act: ({ attempts }) => crashAndRestart(postgres, attempts) },
    ]);
    const perOrder = await effectsPerOrder();
    const effects = [...perOrder.values()].reduce((a, b) => a + b, 0);
    recordFigures('postgres: receiver + PostgreSQL SIGKILL', figures(run, effects));

    expect(run.unanswered).toBe(0);
    expect(perOrder.size).toBe(ORDERS);
    for (let order = 0; order < ORDERS; order++) expect(perOrder.get(orderIdOf(order)), `order ${order}`).toBe(1);
    expect(effects).toBe(ORDERS);
    // The receiver's crash was seen: requests it held broke, and the proxy found it down.
    const statuses = statusCounts(run.attempts);
    expect((statuses[502] ?? 0) + (statuses[0] ?? 0)).toBeGreaterThan(0);
    expectNoOkDuring(run, outages);
  });

  it('Redis store: Redis SIGKILLed and restarted mid-run → every order handled, every delivery 200, no 200 while Redis was down, a second run only where Redis did not acknowledge the completion', async () => {
    await pool.query('TRUNCATE effects, unacknowledged_completions');
    const { run, outages } = await deliverWithChaos('redis', 7, [{ at: 0.4, act: ({ attempts }) => crashAndRestart(redis, attempts) }]);
    const perOrder = await effectsPerOrder();
    const effects = [...perOrder.values()].reduce((a, b) => a + b, 0);
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM unacknowledged_completions');
    const unacknowledged = new Map<string, number>();
    for (const { key } of rows) {
      const orderId = key.slice(key.lastIndexOf(':') + 1); // keys are <reference>:<order_id>
      unacknowledged.set(orderId, (unacknowledged.get(orderId) ?? 0) + 1);
    }
    recordFigures('redis: Redis SIGKILL', { ...figures(run, effects), unacknowledgedCompletions: rows.length });

    expect(run.unanswered).toBe(0);
    expect(perOrder.size).toBe(ORDERS); // nothing lost
    for (const [orderId, n] of perOrder) expect(n - 1, `order ${orderId}: extra runs beyond unacknowledged completions`).toBeLessThanOrEqual(unacknowledged.get(orderId) ?? 0);
    expectNoOkDuring(run, outages);
  });
});
