/**
 * The Redis stores' contracts on a real redis-server: the sliding window and its settlement, the
 * token entry's expiry, compare-and-delete, the lock, and encryption at rest.
 */
import { RedisRateLimitStore, RedisTokenStore } from '@vendor-contracts/runtime/redis';
import { startRedis, type TestServer } from '@vendor-contracts/test-servers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: TestServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
}, 60_000);
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RedisRateLimitStore', () => {
  it('grants `limit` slots per window, then says how long until the oldest leaves; a settled slot counts from its settlement', async () => {
    const store = new RedisRateLimitStore({ redis, prefix: 'test-a:' });
    const request = { key: 'rate-limit:acme:k1', limit: 3, windowMs: 1_000 };
    const grants = [await store.take(request), await store.take(request), await store.take(request)];
    expect(grants.every((g) => g.granted)).toBe(true);
    const full = await store.take(request);
    expect(full.granted).toBe(false);
    const wait = full.granted ? 0 : full.retryInMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1_000);
    await sleep(300);
    for (const g of grants) if (g.granted) await store.settle(request, g.permit);
    const later = await store.take(request);
    // Counted from the settlement, the oldest now leaves ~1 s from now, not ~0.7 s.
    expect(later.granted ? 0 : later.retryInMs).toBeGreaterThan(wait - 300 + 150);
    // Another quota is untouched.
    expect((await store.take({ ...request, key: 'rate-limit:acme:k2' })).granted).toBe(true);
    await sleep(1_050);
    expect((await store.take(request)).granted).toBe(true);
  });
});

describe('RedisTokenStore', () => {
  const key = new Uint8Array(32).fill(7);

  it('encrypted at rest: the raw entry holds neither the token nor its base64; a wrong key cannot read it', async () => {
    const store = new RedisTokenStore({ redis, prefix: 'test-b:', encryptionKey: key });
    const token = 'secret-token-9f8e7d6c5b4a';
    await store.set('token:acme:u1', token, 60_000);
    const raw = (await redis.get('test-b:token:acme:u1'))!;
    for (const form of [token, Buffer.from(token).toString('base64'), token.slice(0, 8), token.slice(-8)]) expect(raw).not.toContain(form);
    expect((await store.get('token:acme:u1'))?.token).toBe(token);
    const wrong = new RedisTokenStore({ redis, prefix: 'test-b:', encryptionKey: new Uint8Array(32).fill(8) });
    await expect(wrong.get('token:acme:u1')).rejects.toThrow();
    const clear = new RedisTokenStore({ redis, prefix: 'test-b:' });
    await expect(clear.get('token:acme:u1')).rejects.toThrow(/encrypted/);
  });

  it('expires on Redis’s clock, deletes only the rejected token, and locks one holder at a time', async () => {
    const store = new RedisTokenStore({ redis, prefix: 'test-c:', encryptionKey: key });
    await store.set('k', 'tok-1', 200);
    const read = await store.get('k');
    expect(read?.token).toBe('tok-1');
    expect(read!.ttlMs).toBeLessThanOrEqual(200);
    await sleep(300);
    expect(await store.get('k')).toBeUndefined();

    await store.set('k', 'tok-2', 60_000);
    await store.invalidate('k', 'tok-1'); // an older token's 401: nothing to delete
    expect((await store.get('k'))?.token).toBe('tok-2');
    await store.invalidate('k', 'tok-2');
    expect(await store.get('k')).toBeUndefined();

    const release = await store.lock('k', 5_000);
    expect(release).toBeDefined();
    expect(await store.lock('k', 5_000)).toBeUndefined();
    await release!();
    const next = await store.lock('k', 100);
    expect(next).toBeDefined();
    await sleep(200); // the lease ran out: another process may take it, and the old release must not free the new holder's lock
    const third = await store.lock('k', 5_000);
    expect(third).toBeDefined();
    await next!();
    expect(await store.lock('k', 5_000)).toBeUndefined();
    await third!();
  });
});
