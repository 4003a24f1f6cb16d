/**
 * TokenWithoutUsableLifetime (issue 11 item 13): a token whose `expires_in` is 0, negative,
 * missing or not a number is used by the calls that waited for it and never cached: at most one
 * token request per call, and no call gets a token issued before it asked (none stale).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedToken } from '../../src/index.js';

const UNUSABLE = [0, -1, -3_600, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, undefined as unknown as number];

describe('TokenWithoutUsableLifetime', () => {
  it('10 sequential calls with expires_in 0 make 10 token requests, not 20', async () => {
    let acquisitions = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `t${++acquisitions}`, expiresIn: 0 }) });
    for (let i = 0; i < 10; i++) expect(await token()).toBe(`t${i + 1}`);
    expect(acquisitions).toBe(10);
  });

  it('any unusable lifetime, any callers, any interleaving: ≤ 1 token request per call, every token issued after its caller asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(...UNUSABLE), fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 20 }), async (s, expiresIn, gaps) => {
        let clock = 0;
        const issuedAt = new Map<string, number>();
        const token = cachedToken({
          monotonicNow: () => clock,
          acquire: s.scheduleFunction(async function acquire() {
            const value = `t${issuedAt.size + 1}`;
            issuedAt.set(value, clock);
            return { accessToken: value, expiresIn };
          }),
        });
        const results = gaps.map((gap) =>
          s.schedule(Promise.resolve(gap), `advance ${gap}`).then(async () => {
            clock += gap;
            const askedAt = clock;
            return { value: await token(), askedAt };
          }),
        );
        await s.waitFor(Promise.all(results));
        const settled = await Promise.all(results);
        expect(issuedAt.size).toBeLessThanOrEqual(gaps.length);
        for (const { value, askedAt } of settled) expect(issuedAt.get(value)!).toBeGreaterThanOrEqual(askedAt);
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });
});
