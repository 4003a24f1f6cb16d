import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BadRequestError, cachedToken, TokenAcquisitionError } from '../../src/index.js';

describe('cachedToken', () => {
  it('makes exactly one acquisition for 100 concurrent callers on a cold cache', async () => {
    let calls = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 3600 }) });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => token()));
    expect(calls).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['t1']));
  });

  it('renews before expiry, and after invalidate()', async () => {
    let clock = 0;
    let calls = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 100 }), refreshBeforeMs: 10_000, monotonicNow: () => clock });
    expect(await token()).toBe('t1');
    clock = 89_999;
    expect(await token()).toBe('t1');
    clock = 90_000; // 10 s before the 100 s expiry
    expect(await token()).toBe('t2');
    token.invalidate();
    expect(await token()).toBe('t3');
  });

  it('renews a short-lived token when 90 % of its life has passed: one acquisition per lifetime, no refresh storm', async () => {
    let clock = 0;
    let calls = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 5 }), monotonicNow: () => clock });
    // A call every 10 ms for 50 s of the injected clock: 10 lifetimes of 5 s.
    for (clock = 0; clock < 50_000; clock += 10) await token();
    expect(calls).toBe(Math.ceil(50_000 / 4_500));
    clock = 50_000 + 4_499;
    const before = calls;
    await token();
    expect(calls - before).toBeLessThanOrEqual(1);
  });

  it('a network-type failure (not a rejected grant) starts no cooldown: shared with concurrent callers, retried on the next call', async () => {
    let calls = 0;
    const token = cachedToken({
      vendor: 'acme',
      acquire: async () => {
        calls++;
        if (calls === 1) throw new Error('invalid_grant for user secret-user');
        return { accessToken: 'ok', expiresIn: 60 };
      },
    });
    const results = await Promise.allSettled([token(), token(), token()]);
    expect(calls).toBe(1);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TokenAcquisitionError);
      expect((r as PromiseRejectedResult).reason.message).toBe('acme: could not acquire an access token');
    }
    await expect(token()).resolves.toBe('ok');
  });
});

describe('cachedToken after a rejected grant (R9, S10)', () => {
  const rejectedGrant = () => new BadRequestError({ vendor: 'acme', operationId: 'token', status: 400, headers: new Headers(), body: { error: 'invalid_grant' } });

  it('cools down for 30 s: however many callers, no new acquisition until it ends', async () => {
    let clock = 1_000;
    let calls = 0;
    let grant = false;
    const token = cachedToken({
      vendor: 'acme',
      monotonicNow: () => clock,
      acquire: async () => {
        calls++;
        if (!grant) throw rejectedGrant();
        return { accessToken: 'fresh', expiresIn: 3600 };
      },
    });
    const first = await Promise.allSettled(Array.from({ length: 50 }, () => token()));
    expect(calls).toBe(1);
    for (const r of first) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TokenAcquisitionError);
    expect((first[0] as PromiseRejectedResult).reason.cooldownUntil).toBe(31_000);
    grant = true; // the credentials were fixed, but the cooldown still holds
    for (clock = 1_000; clock < 31_000; clock += 100) {
      const error = await token().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TokenAcquisitionError);
      expect((error as TokenAcquisitionError).cause).toBeInstanceOf(BadRequestError);
    }
    expect(calls).toBe(1);
    clock = 31_000;
    await expect(Promise.all(Array.from({ length: 50 }, () => token()))).resolves.toEqual(Array(50).fill('fresh'));
    expect(calls).toBe(2);
  });

  it('cooldownMs: 0 turns the cooldown off', async () => {
    let calls = 0;
    const token = cachedToken({ cooldownMs: 0, acquire: async () => (++calls === 1 ? Promise.reject(rejectedGrant()) : { accessToken: 'ok', expiresIn: 60 }) });
    await expect(token()).rejects.toBeInstanceOf(TokenAcquisitionError);
    await expect(token()).resolves.toBe('ok');
  });
});

describe('cachedToken.invalidate(token)', () => {
  it('forgets only the token it is given, so many 401s with one stale token cause one renewal', async () => {
    let calls = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 3600 }) });
    const stale = await token();
    token.invalidate(stale);
    expect(await token()).toBe('t2');
    for (let i = 0; i < 20; i++) token.invalidate(stale); // late 401s carrying t1
    expect(await token()).toBe('t2');
    expect(calls).toBe(2);
  });
});

describe('cachedToken under any interleaving (fast-check scheduler)', () => {
  it('2–20 callers spread over several lifetimes: at most one acquisition per expiry epoch, every caller gets a live token', async () => {
    const LIFETIME_S = 5;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 2, maxLength: 20 }), async (s, gaps) => {
        let clock = 0;
        const acquisitions: number[] = [];
        const token = cachedToken({
          monotonicNow: () => clock,
          acquire: s.scheduleFunction(async function acquire() {
            acquisitions.push(clock);
            return { accessToken: `t${acquisitions.length}@${clock}`, expiresIn: LIFETIME_S };
          }),
        });
        // Each caller starts when the scheduler says, after moving the clock on by its gap.
        const results = gaps.map((gap) =>
          s.schedule(Promise.resolve(gap), `advance ${gap}`).then(async () => {
            clock += gap;
            const at = clock;
            return { value: await token(), at };
          }),
        );
        await s.waitFor(Promise.all(results));
        const settled = await Promise.all(results);
        // One acquisition per epoch: the next starts only once the current token is due for renewal.
        for (let i = 1; i < acquisitions.length; i++) expect(acquisitions[i]! - acquisitions[i - 1]!).toBeGreaterThanOrEqual(LIFETIME_S * 900);
        // Every token a caller got was live when it asked (lifetime counted from the acquisition's start).
        for (const { value, at } of settled) expect(at).toBeLessThan(Number(value.split('@')[1]) + LIFETIME_S * 1000);
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });
});
