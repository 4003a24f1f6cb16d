/**
 * A bearer token that is fetched once and shared: concurrent callers on a cold cache wait for one
 * acquisition (single flight), and it is renewed shortly before it expires. Vendors with token
 * auth (an OAuth2 password grant, say) pass an `acquire` function that calls their token
 * operation; the result plugs into `credentials` as a `Credential` function, and the engine uses
 * `invalidate(token)` to re-authenticate once after a 401.
 *
 * Hand-written (about 150 lines with the shared store) rather than taken from MSAL or google-auth-library: both are tied
 * to their own identity providers and HTTP stacks, and neither takes an injectable clock.
 */
import { ApiError, VendorContractsError } from '../errors.js';
import { brandClasses } from '../internal/brand.js';
import { withTimeout } from '../limits/wait.js';
import type { StoredToken, TokenStore } from './token-store.js';

export interface AcquiredToken {
  /** The bearer token. */
  accessToken: string;
  /** Lifetime from the moment it was received (`expires_in`; any absolute `.expires` is ignored). @unit seconds */
  expiresIn: number;
}

export interface CachedTokenOptions {
  /** Fetches a new token (e.g. the vendor's `/token` operation). */
  acquire: () => Promise<AcquiredToken>;
  /**
   * Renew this long before expiry, so no request carries a token about to expire. Short-lived
   * tokens renew when 90 % of their life has passed instead, so each lifetime costs one
   * acquisition (no refresh storm). A token without a usable lifetime (`expiresIn` 0, negative,
   * missing, infinite or not a number) is not cached: the call that fetched it uses it, every
   * other call fetches its own (one token request per call at most).
   * @default 30000
   * @unit milliseconds
   */
  refreshBeforeMs?: number;
  /**
   * After a rejected grant (the token endpoint answered 4xx, e.g. `invalid_grant`), how long every
   * caller fails at once with `TokenAcquisitionError` instead of asking again: wrong credentials
   * stay wrong, and hammering the endpoint can lock the account. Network errors and 5xx answers
   * do not start a cooldown.
   * @default 30000
   * @unit milliseconds
   */
  cooldownMs?: number;
  /**
   * The clock lifetimes and the cooldown are measured on: monotonic, so a wall-clock step
   * neither keeps an expired token nor drops a live one; injectable for tests.
   * @default performance.now
   */
  monotonicNow?: () => number;
  /**
   * Share the token beyond this client (see `TokenStore`): one process fetches it under the
   * store's lock, the others read it.
   * @default none
   */
  store?: TokenStore;
  /** The entry's key in `store` (see `credentialKey`): one per vendor account, never a secret. */
  storeKey?: () => Promise<string>;
  /**
   * How long the store's lock is held at most: longer than a token request takes, so no second
   * process asks while the first one waits for its answer.
   * @default 15000
   * @unit milliseconds
   */
  leaseMs?: number;
  /** The store failed or was slow; this client fetched (or kept) its own token instead. */
  onStoreError?: (operation: string, error: unknown) => void;
  /** For error messages. */
  vendor?: string;
}

export interface CachedToken {
  /** The current token, acquiring or renewing it first when needed. */
  (): Promise<string>;
  /**
   * Forget the token (e.g. after a 401), so the next call acquires a new one. Given the token a
   * rejected request carried, it is forgotten only if it is still the current one: many calls
   * failing with the same stale token cause one renewal, not one each.
   */
  invalidate(token?: string): void;
}

/** The token could not be acquired; no vendor request was sent with it. Never contains credentials. */
export class TokenAcquisitionError extends VendorContractsError {
  /** Set when the grant was rejected and callers fail without asking again until this time (the `monotonicNow` clock). */
  readonly cooldownUntil: number | undefined;

  constructor(message: string, context: { vendor?: string }, options: { cause?: unknown; cooldownUntil?: number } = {}) {
    super(message, context, { cause: options.cause });
    this.cooldownUntil = options.cooldownUntil;
  }
}

brandClasses({ TokenAcquisitionError });
/** The longest one token-store call may take before the client goes on without it. @unit milliseconds */
const STORE_TIMEOUT_MS = 1_000;
/** How often a process waiting for another's token looks for it. @unit milliseconds */
const POLL_MS = 25;

interface Fetched {
  token: string;
  /** When it expires (monotonic clock); undefined when the token has no usable lifetime. */
  expiresAt: number | undefined;
}

export function cachedToken(options: CachedTokenOptions): CachedToken {
  const now = options.monotonicNow ?? (() => performance.now());
  const refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 15_000;
  const label = options.vendor ?? 'token';
  const store = options.store;
  let storeKey: Promise<string> | undefined;
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<Fetched> | undefined;
  let rejected: { until: number; cause: unknown } | undefined;
  // Tokens a vendor refused (newest last, a few): never adopted from the store again.
  const refused: string[] = [];
  let invalidating: Promise<void> = Promise.resolve();

  /** One request to the token endpoint; the token is cached only with a usable lifetime. */
  const fromVendor = async (): Promise<Fetched & { cacheForMs: number }> => {
    try {
      const received = now();
      const { accessToken, expiresIn } = await options.acquire();
      if (!accessToken) throw new Error('the token answer had no access token');
      rejected = undefined;
      if (!(Number.isFinite(expiresIn) && expiresIn > 0)) {
        current = undefined;
        return { token: accessToken, expiresAt: undefined, cacheForMs: 0 };
      }
      const lifetime = expiresIn * 1000;
      // Lifetime counts from the request's start: the server issued the token no earlier.
      const renewAt = received + lifetime - Math.min(refreshBeforeMs, lifetime / 10);
      current = { token: accessToken, renewAt };
      return { token: accessToken, expiresAt: received + lifetime, cacheForMs: renewAt - now() };
    } catch (cause) {
      current = undefined;
      const grantRejected = cause instanceof ApiError && cause.status >= 400 && cause.status < 500;
      const cooldownUntil = grantRejected && cooldownMs > 0 ? now() + cooldownMs : undefined;
      if (cooldownUntil !== undefined) rejected = { until: cooldownUntil, cause };
      const detail = cause instanceof VendorContractsError ? `: ${cause.message}` : '';
      throw new TokenAcquisitionError(`${label}: could not acquire an access token${detail}`, { vendor: options.vendor }, { cause, cooldownUntil });
    }
  };

  /** A store call, bounded in time; a failure is reported and turned into `fallback`. */
  const ask = async <T, F>(operation: string, call: () => Promise<T>, fallback: F): Promise<T | F> => {
    try {
      return await withTimeout(call(), STORE_TIMEOUT_MS, 'token store');
    } catch (error) {
      options.onStoreError?.(operation, error);
      return fallback;
    }
  };

  const adopt = (shared: StoredToken | undefined): Fetched | undefined => {
    if (!shared || !(shared.ttlMs > 0) || refused.includes(shared.token)) return undefined;
    const t = now();
    current = { token: shared.token, renewAt: t + shared.ttlMs };
    return { token: shared.token, expiresAt: t + shared.ttlMs };
  };

  /** Through the store: read it, else fetch under its lock (re-reading first), else wait for the holder. */
  const fromStore = async (s: TokenStore): Promise<Fetched> => {
    await invalidating;
    const key = await (storeKey ??= options.storeKey?.() ?? Promise.resolve(`token:${label}`));
    const down = Symbol('down');
    const read = () => ask('get', () => s.get(key), down);
    const first = await read();
    if (first === down) return fromVendor();
    const found = adopt(first);
    if (found) return found;
    // Bounded: one lease of waiting for another holder, then this process fetches its own.
    const giveUpAt = now() + leaseMs;
    for (let pass = 0; pass < Math.ceil(leaseMs / POLL_MS) + 2; pass++) {
      const release = await ask('lock', () => s.lock(key, leaseMs), down);
      if (release === down) return fromVendor();
      if (release) {
        try {
          const again = await read();
          const adopted = again === down ? undefined : adopt(again);
          if (adopted) return adopted;
          const fresh = await fromVendor();
          if (fresh.cacheForMs > 0) await ask('set', () => s.set(key, fresh.token, fresh.cacheForMs), undefined);
          return fresh;
        } finally {
          void ask('unlock', release, undefined);
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
      const polled = await read();
      if (polled === down) return fromVendor();
      const theirs = adopt(polled);
      if (theirs) return theirs;
      if (now() >= giveUpAt) break;
    }
    options.onStoreError?.('lock', new Error(`token store: no token appeared within the ${leaseMs} ms lease`));
    return fromVendor();
  };

  /** One acquisition; `shared` makes it the one concurrent callers join (single flight). */
  const fetchOnce = (shared: boolean): Promise<Fetched> => {
    const flight = store ? fromStore(store) : fromVendor();
    return shared ? flight.finally(() => (inFlight = undefined)) : flight;
  };

  const get = (async () => {
    // Two passes at most: a caller that joined an acquisition which outlived the token (a very
    // short lifetime, a slow endpoint) asks once more rather than sending it stale. A token
    // without a usable lifetime serves only the call that fetched it: one that merely joined
    // that request fetches its own (still one token request per call at most).
    for (let pass = 1; ; pass++) {
      if (current && now() < current.renewAt) return current.token;
      if (rejected && now() < rejected.until) {
        const seconds = Math.ceil((rejected.until - now()) / 1000);
        throw new TokenAcquisitionError(
          `${label}: the token grant was rejected; not asking again for ${seconds} s`,
          { vendor: options.vendor },
          { cause: rejected.cause, cooldownUntil: rejected.until },
        );
      }
      const mine = inFlight === undefined;
      const result = await (inFlight ??= fetchOnce(true));
      if (result.expiresAt === undefined) return mine ? result.token : (await fetchOnce(false)).token;
      if (pass >= 2 || now() < result.expiresAt) return result.token;
    }
  }) as CachedToken;
  get.invalidate = (token?: string) => {
    if (token === undefined || current?.token === token) current = undefined;
    // Many calls failing with one stale token ask the store once.
    if (token === undefined || !store || refused.includes(token)) return;
    refused.push(token);
    if (refused.length > 8) refused.shift();
    // Compare-and-delete: the first process to see the 401 removes the entry, the others find a
    // newer token there and delete nothing. Later reads wait for it (see `fromStore`).
    invalidating = (async () => {
      const key = await (storeKey ??= options.storeKey?.() ?? Promise.resolve(`token:${label}`));
      await ask('invalidate', () => store.invalidate(key, token), undefined);
    })();
  };
  return get;
}
