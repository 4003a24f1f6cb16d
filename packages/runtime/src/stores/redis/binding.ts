/**
 * `BindingStore` on Redis: `SET key value NX` in a script that answers the value the key holds,
 * so two processes binding a key at once agree on which value won.
 */
import { type BindingStore, BindingConflictError } from '../binding.js';
import { DAY_MS, type RedisClient } from './client.js';

export interface RedisBindingStoreOptions {
  /** An ioredis client. */
  redis: RedisClient;
  /** Prepended to every key. @default 'vendor-contracts:binding:' */
  prefix?: string;
  /**
   * How long a binding is kept (0: for ever).
   * @default 2592000000 (30 days)
   * @unit milliseconds
   */
  ttlMs?: number;
}

// KEYS[1] the key; ARGV[1] the value, ARGV[2] the TTL in ms (0: none).
const BIND = `
local set
if ARGV[2] == '0' then set = redis.call('SET', KEYS[1], ARGV[1], 'NX') else set = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) end
if set then return ARGV[1] end
return redis.call('GET', KEYS[1])`;

export class RedisBindingStore implements BindingStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(options: RedisBindingStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'vendor-contracts:binding:';
    this.#ttlMs = Math.max(0, Math.ceil(options.ttlMs ?? 30 * DAY_MS));
  }

  async bind(key: string, value: string): Promise<void> {
    const bound = await this.#redis.eval(BIND, 1, this.#prefix + key, value, this.#ttlMs);
    if (bound !== value) throw new BindingConflictError(key);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#prefix + key)) ?? undefined;
  }
}
