/** R7: a client-wide retry budget caps retry storms during an outage, and refills on success. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryBudget, ServerError } from '../../src/index.js';
import { type FaultServer, startFaultServer } from '../fault/server.js';
import { failure, harness } from './harness.js';

let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

describe('retry budget (R7)', () => {
  it('a full outage over 200 calls: ≤ 200 + 500/5 = 300 requests instead of 600; then 50 successes buy 10 retries back', async () => {
    rig.fallback = { status: 503, body: {} };
    const h = harness(rig.url);
    for (let i = 0; i < 200; i++) expect(await failure(h.call('GET'))).toBeInstanceOf(ServerError);
    expect(rig.ledger).toHaveLength(300);
    // Budget spent: the next failure is not retried at all.
    await failure(h.call('GET'));
    expect(rig.ledger).toHaveLength(301);

    rig.fallback = {};
    for (let i = 0; i < 50; i++) await h.call('GET');
    rig.fallback = { status: 503, body: {} };
    const before = rig.ledger.length;
    for (let i = 0; i < 6; i++) await failure(h.call('GET'));
    // 50 tokens = 10 retries: 2 + 2 + 2 + 2 + 2 for five calls, then none for the sixth.
    expect(rig.ledger.length - before).toBe(6 + 10);
  });

  it('budget: false restores unbounded retries (600 requests for the same outage)', async () => {
    rig.fallback = { status: 503, body: {} };
    const h = harness(rig.url, { retry: { budget: false } });
    for (let i = 0; i < 200; i++) await failure(h.call('GET'));
    expect(rig.ledger).toHaveLength(600);
  });
});

describe('RetryBudget', () => {
  it('spends retryCost per retry, earns 1 per clean success and refunds a healed call’s retries, never above capacity', () => {
    const b = new RetryBudget({ capacity: 20, retryCost: 5 });
    expect([b.tryAcquire(), b.tryAcquire(), b.tryAcquire(), b.tryAcquire(), b.tryAcquire()]).toEqual([true, true, true, true, false]);
    expect(b.available).toBe(0);
    b.onSuccess(0);
    expect(b.available).toBe(1);
    b.onSuccess(2);
    expect(b.available).toBe(11);
    b.onSuccess(10);
    expect(b.available).toBe(20);
  });
});
