import { describe, expect, it } from 'vitest';
import { AbortError, type ClientOptions, createVendorClient, TimeoutError } from '../../src/index.js';
import { SECRET } from '../support/client.js';
import { definition, type operations, type paths } from '../support/fixture.js';
import { json } from '../../src/testing/observed-fetch.js';

const HOUR = 3_600_000;

/** A client whose fetch records the injected clock at each send; sleeping advances the clock. */
function limited(rateLimit: { limit: number; windowSeconds: number } | undefined, options: ClientOptions = {}, status = () => 200) {
  let clock = 0;
  const sent: number[] = [];
  const waits: number[] = [];
  const client = createVendorClient<paths, operations>(
    { ...definition, ...(rateLimit ? { rateLimit } : {}) },
    {
      credentials: { KeyHeader: SECRET },
      now: () => clock,
      monotonicNow: () => clock,
      random: () => 0,
      sleep: async (ms) => {
        clock += ms;
      },
      fetch: async () => {
        sent.push(clock);
        const s = status();
        return s === 200 ? json({ id: 1, name: 'n' }) : json({ error: 'x' }, s);
      },
      deadline: 24 * HOUR,
      hooks: { onWait: (e) => void waits.push(e.delayMs) },
      ...options,
    },
  );
  return {
    client,
    sent,
    waits,
    setClock: (t: number) => void (clock = t),
  };
}

/** The most requests in any window [t, t + windowMs) — checked at every send time. */
function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('client-side rate limit (R8): sliding window from x-rate-limit', () => {
  it('1,000 queued calls never put more than 60 requests in any 60 s window, at full throughput', async () => {
    const r = limited({ limit: 60, windowSeconds: 60 });
    const results = await Promise.allSettled(Array.from({ length: 1000 }, () => r.client.getItem({ path: { id: 1 } })));
    expect(results.every((x) => x.status === 'fulfilled')).toBe(true);
    expect(r.sent).toHaveLength(1000);
    expect(maxInWindow(r.sent, 60_000)).toBe(60);
    for (let i = 0; i + 60 < r.sent.length; i++) expect(r.sent[i + 60]! - r.sent[i]!).toBeGreaterThanOrEqual(60_000);
    // 1,000 = 16 full windows + 40: the last request leaves at 16 minutes (≥ 59/min, no idle gaps)
    expect(r.sent.at(-1)).toBe(16 * 60_000);
  });

  it('no boundary burst: 60 calls at 59 s and 60 more at 61 s — the second batch waits until 119 s', async () => {
    const r = limited({ limit: 60, windowSeconds: 60 });
    r.setClock(59_000);
    await Promise.all(Array.from({ length: 60 }, () => r.client.getItem({ path: { id: 1 } })));
    r.setClock(61_000); // a fixed-window counter (windows [0, 60 s), [60 s, 120 s)) would send 60 more now
    await Promise.all(Array.from({ length: 60 }, () => r.client.getItem({ path: { id: 1 } })));
    expect(r.sent.slice(60).every((t) => t >= 119_000)).toBe(true);
    expect(r.waits[0]).toBe(58_000);
    expect(maxInWindow(r.sent, 60_000)).toBe(60);
  });

  it('retries count against the limit', async () => {
    let n = 0;
    const r = limited({ limit: 2, windowSeconds: 60 }, {}, () => (++n < 3 ? 503 : 200));
    await expect(r.client.getItem({ path: { id: 1 } })).resolves.toMatchObject({ id: 1 });
    expect(r.sent).toEqual([0, 500, 60_000]); // the third attempt waits for the first to leave the window
  });

  it('a queued call can abort (AbortError) without blocking the calls behind it', async () => {
    const r = limited(
      { limit: 1, windowSeconds: 10 },
      {
        sleep: (ms, signal) =>
          new Promise((res, rej) => {
            // a sleep that only a test step resolves, to hold the queue
            signal?.addEventListener('abort', () => rej(signal.reason));
            held.push(() => res());
            void ms;
          }),
      },
    );
    const held: (() => void)[] = [];
    await r.client.getItem({ path: { id: 1 } });
    const controller = new AbortController();
    const second = r.client.getItem({ path: { id: 1 } }, { signal: controller.signal });
    const third = r.client.getItem({ path: { id: 1 } });
    await new Promise((res) => setImmediate(res));
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(AbortError);
    for (let i = 0; i < 50 && held.length === 0; i++) await new Promise((res) => setImmediate(res));
    r.setClock(10_000);
    held.splice(0).forEach((release) => release());
    await expect(third).resolves.toMatchObject({ id: 1 });
    expect(r.sent).toEqual([0, 10_000]);
  });

  it('a wait past the deadline fails at once with TimeoutError; rateLimit: false turns the limit off', async () => {
    const r = limited({ limit: 1, windowSeconds: 60 }, { deadline: 30_000 });
    await r.client.getItem({ path: { id: 1 } });
    await expect(r.client.getItem({ path: { id: 1 } })).rejects.toBeInstanceOf(TimeoutError);
    expect(r.sent).toEqual([0]);
    const off = limited({ limit: 1, windowSeconds: 60 }, { rateLimit: false });
    await Promise.all([1, 2, 3].map(() => off.client.getItem({ path: { id: 1 } })));
    expect(off.sent).toEqual([0, 0, 0]);
  });
});
