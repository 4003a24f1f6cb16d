/**
 * `RateLimitStore` on Redis: the sliding-window log as a sorted set per quota, one atomic Lua
 * script per slot, timed by Redis's own clock (`TIME`), so every process agrees on the window
 * whatever its own clock says. One round trip to take a slot, one (not awaited by the call) to
 * settle it.
 *
 * Written here rather than taken from `rate-limiter-flexible`: its Redis limiters count fixed
 * windows (or a token bucket), which allow up to 2 × limit across a window boundary, and it has no
 * notion of counting a request from when its answer arrived.
 */
import type { RateLimitGrant, RateLimitRequest, RateLimitStore } from '../../limits/rate-limit-store.js';
import type { RedisClient } from './client.js';
import { run, script } from './script.js';

export interface RedisRateLimitStoreOptions {
  /** An ioredis client. `enableOfflineQueue: false` makes calls fail at once while Redis is down instead of queueing. */
  redis: RedisClient;
  /** Prepended to every key. @default 'vendor-contracts:' */
  prefix?: string;
}

// The time in milliseconds (with microseconds) on Redis's clock.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000`;

// KEYS[1] the quota; ARGV[1] limit, ARGV[2] window (ms), ARGV[3] the new slot's id.
const TAKE = script(`${NOW}
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 2))
  return {1, '0'}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tostring(tonumber(oldest[2]) + window - now)}`);

// KEYS[1] the quota; ARGV[1] the slot's id, ARGV[2] window (ms). Re-stamped only while it counts.
const SETTLE = script(`${NOW}
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 2))
end
return 1`);

export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(options: RedisRateLimitStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'vendor-contracts:';
  }

  async take(request: RateLimitRequest): Promise<RateLimitGrant> {
    const permit = crypto.randomUUID();
    const [granted, wait] = (await run(this.#redis, TAKE, [this.#prefix + request.key], [request.limit, request.windowMs, permit])) as [number, string];
    return granted === 1 ? { granted: true, permit } : { granted: false, retryInMs: Number(wait) };
  }

  async settle(request: RateLimitRequest, permit: string): Promise<void> {
    await run(this.#redis, SETTLE, [this.#prefix + request.key], [permit, request.windowMs]);
  }
}
