/** waitForOrder on an injected fetch that plays the order's life, with an injected clock and sleep. */
import { AbortError, ConfigError, PollTimeoutError, VendorError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { createAtttoolClient, OrderWaitTimeoutError, waitForOrder } from '../../src/index.js';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { SECRET } from '../support/spec.js';

const ORDER_ID = '17b8e0f2-3523-45e1-90d2-455e4b70ecf1';
const status = (isCompleted: boolean) => ({
  status: 'OK',
  is_completed: isCompleted,
  total_cost: '0.25',
  imeis: { '359488091564579': { status: isCompleted ? 'Unlocked' : 'Pending', att_order_num: null, note: isCompleted ? 'Unlock code is 1' : '', refunded: false } },
});

/** The vendor reports the order pending `pendingChecks` times, then completed. */
function vendor(pendingChecks: number) {
  let checks = 0;
  const seen = observedFetch(() => json(status(++checks > pendingChecks)));
  return { seen, client: createAtttoolClient({ apiKey: SECRET, fetch: seen.fetch }) };
}

/** A clock that only moves when the workflow sleeps, and a record of the sleeps. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('waitForOrder', () => {
  it('polls getOrderStatus until is_completed, waiting 5 s, 10 s, 20 s … between checks', async () => {
    const { seen, client } = vendor(4);
    const time = virtualTime();
    const attempts: number[] = [];
    const done = await waitForOrder(client, ORDER_ID, { ...time, onAttempt: (_s, n) => attempts.push(n) });
    expect(done.is_completed).toBe(true);
    expect(done.imeis['359488091564579']!.note).toBe('Unlock code is 1');
    expect(seen.requests).toHaveLength(5);
    expect(seen.requests.every((r) => r.url === 'https://atttool.com/v1/get')).toBe(true);
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ order_id: ORDER_ID, api_key: SECRET });
    expect(time.sleeps).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
  });

  it('an order already complete costs one check and no wait', async () => {
    const { seen, client } = vendor(0);
    const time = virtualTime();
    await waitForOrder(client, ORDER_ID, time);
    expect(seen.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('the interval grows by factor up to maxInterval', async () => {
    const { client } = vendor(6);
    const time = virtualTime();
    await waitForOrder(client, ORDER_ID, { ...time, interval: 1_000, factor: 3, maxInterval: 10_000 });
    expect(time.sleeps).toEqual([1_000, 3_000, 9_000, 10_000, 10_000, 10_000]);
  });

  it('maxAttempts bounds the checks → OrderWaitTimeoutError with the last status', async () => {
    const { seen, client } = vendor(1_000);
    const time = virtualTime();
    const error = await waitForOrder(client, ORDER_ID, { ...time, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderWaitTimeoutError);
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error).toMatchObject({ orderId: ORDER_ID, attempts: 3, reason: 'maxAttempts', lastValue: { is_completed: false } });
    expect((error as Error).message).toContain('maxAttempts 3');
    expect((error as Error).message).not.toContain(SECRET);
    expect(seen.requests).toHaveLength(3);
  });

  describe('deprecated names (kept working until the next major)', () => {
    it('onStatus still sees every status read; the error still answers lastStatus', async () => {
      const { client } = vendor(1_000);
      const seenStatuses: Array<[boolean, number]> = [];
      const error = (await waitForOrder(client, ORDER_ID, { ...virtualTime(), maxAttempts: 2, onStatus: (s, n) => seenStatuses.push([s.is_completed, n]) }).catch(
        (e: unknown) => e,
      )) as OrderWaitTimeoutError;
      expect(seenStatuses).toEqual([
        [false, 1],
        [false, 2],
      ]);
      expect(error.lastStatus).toMatchObject({ is_completed: false });
      expect(error.lastStatus).toBe(error.lastValue);
    });

    it('onStatus and onAttempt, different functions → ConfigError naming both, before any request', async () => {
      const { seen, client } = vendor(0);
      const error = await waitForOrder(client, ORDER_ID, { onStatus: () => {}, onAttempt: () => {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('onStatus is a deprecated name of onAttempt; give only onAttempt');
      expect(seen.requests).toHaveLength(0);
    });
  });

  it('timeout: a wait that would pass it is not started', async () => {
    const { seen, client } = vendor(1_000);
    const time = virtualTime();
    const error = await waitForOrder(client, ORDER_ID, { ...time, interval: 1_000, timeout: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderWaitTimeoutError);
    expect(error).toMatchObject({ attempts: 4, reason: 'timeout' });
    expect((error as Error).message).toContain('timeout 10000 ms');
    // Waits 1 s, 2 s, 4 s (7 s in all); the next, 8 s, would end past 10 s.
    expect(time.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(seen.requests).toHaveLength(4);
  });

  it('abort during a wait stops at once with AbortError, no further check', async () => {
    const { seen, client } = vendor(1_000);
    const controller = new AbortController();
    const promise = waitForOrder(client, ORDER_ID, { signal: controller.signal, interval: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(seen.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const { seen, client } = vendor(0);
    await expect(waitForOrder(client, ORDER_ID, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(seen.requests).toHaveLength(0);
  });

  it('a vendor error (ERR_INVALID_ORDER_ID) ends the wait at once', async () => {
    const seen = observedFetch(() => json({ status: 'ERR_INVALID_ORDER_ID' }));
    const client = createAtttoolClient({ apiKey: SECRET, fetch: seen.fetch });
    await expect(waitForOrder(client, ORDER_ID, virtualTime())).rejects.toMatchObject({ constructor: VendorError, code: 'ERR_INVALID_ORDER_ID' });
    expect(seen.requests).toHaveLength(1);
  });

  it.each([
    ['interval', 0],
    ['factor', -1],
    ['maxAttempts', 0],
    ['timeout', Number.NaN],
  ])('%s %s → ConfigError before any request', async (name, value) => {
    const { seen, client } = vendor(0);
    await expect(waitForOrder(client, ORDER_ID, { [name]: value })).rejects.toThrow(ConfigError);
    expect(seen.requests).toHaveLength(0);
  });
});
