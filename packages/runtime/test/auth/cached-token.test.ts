import { describe, expect, it } from 'vitest';
import { cachedToken, TokenAcquisitionError } from '../../src/index.js';

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
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 100 }), refreshBeforeMs: 10_000, now: () => clock });
    expect(await token()).toBe('t1');
    clock = 89_999;
    expect(await token()).toBe('t1');
    clock = 90_000; // 10 s before the 100 s expiry
    expect(await token()).toBe('t2');
    token.invalidate();
    expect(await token()).toBe('t3');
  });

  it('reuses a short-lived token for half its life instead of renewing on every call', async () => {
    let clock = 0;
    let calls = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++calls}`, expiresIn: 5 }), now: () => clock });
    await token();
    clock = 2_499;
    await token();
    expect(calls).toBe(1);
    clock = 2_500;
    await token();
    expect(calls).toBe(2);
  });

  it('fails with TokenAcquisitionError, shares the failure with concurrent callers and retries on the next call', async () => {
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
