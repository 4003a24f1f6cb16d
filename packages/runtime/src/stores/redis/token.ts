/**
 * `TokenStore` on Redis. The entry expires on Redis's clock at the token's renewal time (`SET …
 * PX`), so no process reads it later whatever its own clock says; the lock is `SET NX PX` with
 * a lease, released only by its holder; `invalidate` deletes the entry only while it still holds
 * the rejected token (compare-and-delete in a script).
 *
 * At rest: with `encryptionKey` (32 bytes, AES-256-GCM through WebCrypto, a fresh 96-bit IV per
 * write, the Redis key as additional data so an entry cannot be moved to another key) a dump of
 * Redis holds no usable token. Without it the token is stored in clear. Either way the entry
 * starts with a SHA-256 fingerprint of the token (128 bits, not reversible for a random token)
 * that the compare-and-delete matches on. AES-GCM because it is authenticated (a tampered entry
 * fails to decrypt instead of yielding a wrong token) and built into every runtime.
 */
import type { StoredToken, TokenStore } from '../../auth/token-store.js';
import type { RedisClient } from './client.js';
import { run, script } from './script.js';

export interface RedisTokenStoreOptions {
  /** An ioredis client. `enableOfflineQueue: false` makes calls fail at once while Redis is down instead of queueing. */
  redis: RedisClient;
  /** Prepended to every key. @default 'vendor-contracts:' */
  prefix?: string;
  /**
   * Encrypts tokens at rest: 32 random bytes (e.g. from a secret manager), or an AES-GCM
   * `CryptoKey`. Every process sharing the store needs the same key.
   * @default none (tokens stored in clear)
   */
  encryptionKey?: Uint8Array | CryptoKey;
}

// KEYS[1] the entry. Value and time left, in one round trip.
const GET = script(`return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}`);
// KEYS[1] the entry; ARGV[1] '<fingerprint>:'. Deletes only the rejected token's entry.
const COMPARE_AND_DELETE = script(`
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);
// KEYS[1] the lock; ARGV[1] the holder's id.
const UNLOCK = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

export class RedisTokenStore implements TokenStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #key: Promise<CryptoKey> | undefined;

  constructor(options: RedisTokenStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'vendor-contracts:';
    const key = options.encryptionKey;
    if (key instanceof Uint8Array && key.length !== 32) throw new TypeError('RedisTokenStore: encryptionKey must be 32 bytes (AES-256)');
    this.#key =
      key === undefined
        ? undefined
        : key instanceof Uint8Array
          ? crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt'])
          : Promise.resolve(key);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const entry = this.#prefix + key;
    const [value, ttl] = (await run(this.#redis, GET, [entry], [])) as [string | null, number];
    if (value === null || !(ttl > 0)) return undefined;
    return { token: await this.#open(entry, value), ttlMs: ttl };
  }

  async set(key: string, token: string, ttlMs: number): Promise<void> {
    const entry = this.#prefix + key;
    await this.#redis.set(entry, `${await fingerprint(token)}:${await this.#seal(entry, token)}`, 'PX', Math.max(1, Math.floor(ttlMs)));
  }

  async invalidate(key: string, token: string): Promise<void> {
    await run(this.#redis, COMPARE_AND_DELETE, [this.#prefix + key], [`${await fingerprint(token)}:`]);
  }

  async lock(key: string, leaseMs: number): Promise<(() => Promise<void>) | undefined> {
    const lock = `${this.#prefix}${key}:lock`;
    const holder = crypto.randomUUID();
    const taken = await this.#redis.set(lock, holder, 'PX', Math.max(1, Math.ceil(leaseMs)), 'NX');
    if (taken !== 'OK') return undefined;
    return async () => void (await run(this.#redis, UNLOCK, [lock], [holder]));
  }

  async #seal(entry: string, token: string): Promise<string> {
    if (!this.#key) return `p.${token}`;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(entry) }, await this.#key, new TextEncoder().encode(token));
    return `e.${Buffer.concat([iv, new Uint8Array(sealed)]).toString('base64')}`;
  }

  async #open(entry: string, value: string): Promise<string> {
    const payload = value.slice(value.indexOf(':') + 1);
    if (payload.startsWith('p.')) {
      if (this.#key) throw new Error('token store: a clear-text entry where an encrypted one was expected');
      return payload.slice(2);
    }
    if (!this.#key) throw new Error('token store: the entry is encrypted and no encryptionKey was given');
    const bytes = Buffer.from(payload.slice(2), 'base64');
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: new TextEncoder().encode(entry) }, await this.#key, bytes.subarray(12));
    return new TextDecoder().decode(plain);
  }
}

async function fingerprint(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Buffer.from(digest.subarray(0, 16)).toString('hex');
}
