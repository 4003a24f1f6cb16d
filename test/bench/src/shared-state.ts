/**
 * The cost of shared state: a TMT First call (1-device body, local server) with its rate limit in
 * this process (`MemoryRateLimitStore`) vs in a real Redis (`RedisRateLimitStore`, test/servers),
 * and a Totalmobile call with its token in the client vs in `RedisTokenStore`. Round trips are
 * counted on the ioredis client; latency is the paired median per call.
 */
import { MemoryRateLimitStore } from '@vendor-contracts/runtime';
import { RedisRateLimitStore, RedisTokenStore } from '@vendor-contracts/runtime/redis';
import { startRedis } from '@vendor-contracts/test-servers';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
import { Redis } from 'ioredis';
import { measure, medianOf } from './harness.js';
import { startServer } from './overhead.js';
import { devices, payload } from './payloads.js';
import { ms, type Row, type SectionResult } from './report.js';

/** An ioredis client that counts the commands it sends (one round trip each). */
function countingRedis(url: string): { redis: Redis; commands: () => number } {
  const redis = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  let n = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<typeof send>) => {
    n++;
    return send(...args);
  }) as typeof send;
  return { redis, commands: () => n };
}

export async function sharedStateSection(quick: boolean): Promise<SectionResult> {
  const server = await startServer({ one: payload('1 device', devices(1)).text });
  const redisServer = await startRedis();
  const { redis, commands } = countingRedis(redisServer.url);
  const rows: Row[] = [];
  try {
    const baseUrl = `http://127.0.0.1:${server.port}/one`;
    const rateLimit = { limit: 1_000_000_000, windowSeconds: 60 }; // never full: only the bookkeeping is measured
    const memory = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit, rateLimitStore: new MemoryRateLimitStore() });
    const shared = createTmtFirstClient({ apiKey: 'bench-key', baseUrl, rateLimit, rateLimitStore: new RedisRateLimitStore({ redis }) });
    await shared.listDevices();
    const before = commands();
    const N = 50;
    for (let i = 0; i < N; i++) await shared.listDevices();
    await new Promise((r) => setTimeout(r, 50)); // the settles are not awaited by the calls
    const perCall = (commands() - before) / N;
    const options = quick ? { rounds: 2, timeMs: 100, iterations: 20 } : { rounds: 6, timeMs: 400, iterations: 100 };
    const limiter = await measure({ memory: () => memory.listDevices(), redis: () => shared.listDevices() }, options);
    rows.push(
      { what: 'rate limit in Redis: round trips per call', value: perCall.toFixed(1) },
      { what: 'rate limit in memory: median call', value: ms(medianOf(limiter, 'memory')) },
      { what: 'rate limit in Redis: median call', value: ms(medianOf(limiter, 'redis')) },
      { what: 'rate limit in Redis: added latency per call (loopback)', value: ms(medianOf(limiter, 'redis') - medianOf(limiter, 'memory')) },
    );

    // Totalmobile with a fetch that answers /token and the planning windows itself: only where the
    // token is cached differs between the two clients.
    const tokenBody = JSON.stringify({ access_token: 'bench-token', token_type: 'bearer', expires_in: 3600 });
    const fetchWithToken = async (request: Request) =>
      new URL(request.url).pathname.endsWith('/token')
        ? new Response(tokenBody, { headers: { 'content-type': 'application/json' } })
        : new Response('[]', { headers: { 'content-type': 'application/json' } });
    const local = createTotalmobileClient({ username: 'bench', password: 'bench-password', baseUrl: `http://127.0.0.1:${server.port}`, fetch: fetchWithToken });
    const store = new RedisTokenStore({ redis, encryptionKey: crypto.getRandomValues(new Uint8Array(32)) });
    const viaRedis = createTotalmobileClient({
      username: 'bench',
      password: 'bench-password',
      baseUrl: `http://127.0.0.1:${server.port}`,
      fetch: fetchWithToken,
      tokenStore: store,
    });
    const coldBefore = commands();
    await viaRedis.listPlanningWindows();
    const cold = commands() - coldBefore;
    const warmBefore = commands();
    for (let i = 0; i < N; i++) await viaRedis.listPlanningWindows();
    const warm = (commands() - warmBefore) / N;
    const tokens = await measure({ local: () => local.listPlanningWindows(), redis: () => viaRedis.listPlanningWindows() }, options);
    rows.push(
      { what: 'token in Redis: round trips for the first call (read, lock, read again, write, unlock)', value: String(cold) },
      { what: 'token in Redis: round trips per call once cached', value: warm.toFixed(1) },
      { what: 'token in Redis: added latency per cached call (loopback)', value: ms(medianOf(tokens, 'redis') - medianOf(tokens, 'local')) },
    );
  } finally {
    redis.disconnect();
    await redisServer.stop();
    server.child.kill('SIGKILL');
  }
  return {
    title: 'Shared state (Redis)',
    method:
      "A TMT First `listDevices` (1-device body, local server in a child process) with a rate limit that never fills, its window in a `MemoryRateLimitStore` vs a `RedisRateLimitStore` on a real redis-server on 127.0.0.1; and a Totalmobile call with its token cached in the client vs in a `RedisTokenStore` (AES-GCM). Round trips counted on the ioredis client; latencies are paired medians (wall clock), so they include this machine's load.",
    rows,
  };
}
