/**
 * `IdempotencyStore` on Redis, for deployments without PostgreSQL: a lease is `SET key <token> NX
 * PX leaseMs` (in a script that also tells 'completed' from 'pending'), completion overwrites it
 * with a `completed` marker kept for `retentionMs`, release deletes the lease only if it is still
 * ours. Leases run on Redis's clock, so processes whose clocks disagree still agree.
 *
 * The weaker guarantee, stated: Redis cannot commit your side effect with the completion. A
 * process that dies after the side effect and before `complete` leaves a lease that expires, and
 * the redelivery runs the handler again: at least once, never lost. Duplicates that arrive while a
 * run holds the lease, or after it completed, do not run it. Redis itself must persist the markers
 * (`appendonly yes`, `appendfsync always` to lose none in a Redis crash; with `everysec` a crash can
 * forget the last second of completions, which then run again).
 */
import type { ClaimResult, IdempotencyStore } from '../idempotency.js';
import { DAY_MS, type RedisClient } from './client.js';

export interface RedisIdempotencyStoreOptions {
  /** An ioredis client. `enableOfflineQueue: false` makes calls fail at once while Redis is down instead of queueing. */
  redis: RedisClient;
  /** Prepended to every key. @default 'vendor-contracts:idempotency:' */
  prefix?: string;
  /**
   * How long a completed key is remembered (keep it above the longest redelivery period).
   * @default 2592000000 (30 days)
   * @unit milliseconds
   */
  retentionMs?: number;
}

const COMPLETED = 'completed';

// KEYS[1] the key; ARGV[1] our lease token, ARGV[2] leaseMs.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'acquired' end
if redis.call('GET', KEYS[1]) == '${COMPLETED}' then return 'completed' end
return 'pending'`;

// Delete the lease only if it is still the one we took (it may have expired and been re-taken).
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Leases we hold, by key; bounded so abandoned claims (e.g. timed out by the caller) cannot grow it. */
const MAX_HELD = 10_000;

export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #retentionMs: number;
  readonly #held = new Map<string, string>();

  constructor(options: RedisIdempotencyStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'vendor-contracts:idempotency:';
    this.#retentionMs = options.retentionMs ?? 30 * DAY_MS;
  }

  async claim(key: string, leaseMs: number): Promise<ClaimResult> {
    const token = `lease:${crypto.randomUUID()}`;
    const result = (await this.#redis.eval(CLAIM, 1, this.#prefix + key, token, Math.max(1, Math.ceil(leaseMs)))) as ClaimResult;
    if (result === 'acquired') {
      this.#held.delete(key);
      this.#held.set(key, token);
      if (this.#held.size > MAX_HELD) this.#held.delete(this.#held.keys().next().value!);
    }
    return result;
  }

  async complete(key: string): Promise<void> {
    await this.#redis.set(this.#prefix + key, COMPLETED, 'PX', this.#retentionMs);
    this.#held.delete(key);
  }

  async release(key: string): Promise<void> {
    const token = this.#held.get(key);
    if (token === undefined) return;
    await this.#redis.eval(RELEASE, 1, this.#prefix + key, token);
    this.#held.delete(key);
  }
}
