/**
 * ConcurrencyCap (issue 11 item 9, S9): however many calls a client is given at once, at most
 * `maxConcurrency` attempts are in flight, so the vendor sees at most that many TCP connections
 * (the fault rig's gauge, over real HTTP); the others wait in order, abortable and within their
 * deadline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, DEFAULT_MAX_CONCURRENCY, TimeoutError } from '../../src/index.js';
import { acmeClient } from '../support/client.js';
import { startFaultServer } from '../fault/server.js';

describe('ConcurrencyCap: the connection gauge never exceeds maxConcurrency', () => {
  it('300 concurrent calls on the default client open at most 16 connections, and all succeed', async () => {
    const rig = await startFaultServer();
    try {
      rig.fallback = { body: { id: 1, name: 'ok' } };
      const client = acmeClient({ baseUrl: rig.url, rateLimit: false });
      const results = await Promise.all(Array.from({ length: 300 }, () => client.getItem({ path: { id: 1 } })));
      expect(results).toHaveLength(300);
      expect(rig.ledger).toHaveLength(300);
      expect(rig.maxConcurrentConnections).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENCY);
    } finally {
      await rig.close();
    }
  });

  it('any cap from 1 to 16, any number of calls above it, any server delays and operations: gauge ≤ cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.record({ delayMs: fc.integer({ min: 0, max: 8 }), op: fc.constantFrom('getItem', 'listItems') }), { minLength: 17, maxLength: 60 }),
        async (cap, calls) => {
          const rig = await startFaultServer();
          try {
            rig.fallback = (entry) => ({ delayMs: calls[(entry.seq - 1) % calls.length]!.delayMs, body: entry.url.startsWith('/items/') ? { id: 1, name: 'ok' } : [] });
            const client = acmeClient({ baseUrl: rig.url, rateLimit: false, maxConcurrency: cap });
            await Promise.all(calls.map((c) => (c.op === 'getItem' ? client.getItem({ path: { id: 1 } }) : client.listItems({}))));
            expect(rig.ledger).toHaveLength(calls.length);
            expect(rig.maxConcurrentConnections).toBeLessThanOrEqual(cap);
          } finally {
            await rig.close();
          }
        },
      ),
      { seed: 20261204, numRuns: 8 },
    );
  });

  it('a call waiting for a slot can abort, and fails with TimeoutError at its deadline while the slot stays taken', async () => {
    const rig = await startFaultServer();
    try {
      rig.script({ fault: 'hang' });
      const client = acmeClient({ baseUrl: rig.url, rateLimit: false, maxConcurrency: 1, timeout: 10_000, retry: { maxRetries: 0 } });
      const holder = client.getItem({ path: { id: 1 } }, { signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
      const controller = new AbortController();
      const aborted = client.getItem({ path: { id: 1 } }, { signal: controller.signal }).catch((e: unknown) => e);
      const timedOut = client.getItem({ path: { id: 1 } }, { deadline: 300 }).catch((e: unknown) => e);
      controller.abort();
      expect(await aborted).toBeInstanceOf(AbortError);
      expect(await timedOut).toBeInstanceOf(TimeoutError);
      // Both failed while the first call still held the only slot: neither reached the server.
      expect(rig.ledger).toHaveLength(1);
      await rig.close();
      expect(await holder).toBeDefined();
    } finally {
      await rig.close();
    }
  });
});
