/**
 * The vendor side: AT&T Tool POSTs each order's pingback and redelivers until it gets 200. Here
 * every order is delivered several times (shuffled, seeded), some in bursts of concurrent
 * duplicates, each delivery retried with backoff until 200 (bounded in attempts and time). Every
 * attempt's answer is recorded with its time, so a test can look at what was answered while a
 * server was down.
 */
import { createPingbackUrl } from '@vendor-contracts/atttool/pingback';

export interface Delivery {
  order: number;
  url: string;
  body: string;
}

export interface Attempt {
  order: number;
  status: number;
  startedAt: number;
  endedAt: number;
}

export interface VendorRun {
  /** Deliveries sent (each retried until 200). */
  deliveries: number;
  attempts: Attempt[];
  /** Deliveries that never got a 200 within the bounds. */
  unanswered: number;
  elapsedMs: number;
}

export interface VendorPlan {
  orders: number;
  deliveriesPerOrder: number;
  bursts: number;
  burstSize: number;
  seed: number;
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const orderIdOf = (order: number) => `00000000-0000-4000-8000-${order.toString(16).padStart(12, '0')}`;

/** The body AT&T Tool sends for `order` (the document's example, with this order's id). */
export function pingbackBody(order: number): string {
  return JSON.stringify({
    order_id: orderIdOf(order),
    total_cost: '0.25',
    imeis: { '359488091564579': { status: 'Unlocked', att_order_num: `NUL${order}`, note: 'Unlock code is 0959490308474628', refunded: false } },
  });
}

/** Groups of deliveries: a group of one is a plain delivery, a larger group a burst sent at once. */
export function planDeliveries(plan: VendorPlan, baseUrl: string, secret: string): Delivery[][] {
  const random = seeded(plan.seed);
  const deliveryOf = (order: number): Delivery => {
    const { url } = createPingbackUrl({ baseUrl, secret, reference: `ref-${order}`, allowPrivatePingback: true });
    return { order, url, body: pingbackBody(order) };
  };
  const groups: Delivery[][] = [];
  for (let order = 0; order < plan.orders; order++) for (let i = 0; i < plan.deliveriesPerOrder; i++) groups.push([deliveryOf(order)]);
  for (let b = 0; b < plan.bursts; b++) {
    const order = Math.floor(random() * plan.orders);
    groups.push(Array.from({ length: plan.burstSize }, () => deliveryOf(order)));
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  return groups;
}

export interface DeliverOptions {
  concurrency: number;
  /** Attempts per delivery before it counts as unanswered. @default 200 */
  maxAttempts?: number;
  /** Called after each delivery got its 200, with how many have so far (to time the chaos). */
  onDelivered?: (delivered: number) => void;
  /** Called after every attempt, whatever its answer. */
  onAttempt?: (attempt: Attempt) => void;
}

const ATTEMPT_TIMEOUT_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverAll(groups: Delivery[][], options: DeliverOptions): Promise<VendorRun> {
  const maxAttempts = options.maxAttempts ?? 200;
  const attempts: Attempt[] = [];
  let delivered = 0;
  let unanswered = 0;
  const started = Date.now();

  async function deliverUntilOk(delivery: Delivery): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const startedAt = Date.now();
      let status: number;
      try {
        const answer = await fetch(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: delivery.body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        await answer.arrayBuffer();
        status = answer.status;
      } catch {
        status = 0; // connection failed: the vendor redelivers like for any failure
      }
      const record = { order: delivery.order, status, startedAt, endedAt: Date.now() };
      attempts.push(record);
      options.onAttempt?.(record);
      if (status === 200) {
        options.onDelivered?.(++delivered);
        return;
      }
      await sleep(Math.min(20 * 2 ** Math.min(attempt, 5), 500) * (0.5 + Math.random() / 2));
    }
    unanswered += 1;
  }

  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      await Promise.all(group.map(deliverUntilOk));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { deliveries: groups.reduce((n, g) => n + g.length, 0), attempts, unanswered, elapsedMs: Date.now() - started };
}

/** How many attempts got each status (0: no answer), e.g. `{ 200: 3200, 503: 41, 0: 12 }`. */
export function statusCounts(attempts: readonly Attempt[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of attempts) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
