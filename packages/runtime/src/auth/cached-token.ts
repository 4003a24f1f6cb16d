/**
 * A bearer token that is fetched once and shared: concurrent callers on a cold cache wait for one
 * acquisition (single flight), and it is renewed shortly before it expires. Vendors with token
 * auth (Totalmobile's password grant) pass an `acquire` function that calls their token
 * operation; the result plugs into `credentials` as a `Credential` function, and the engine uses
 * `invalidate(token)` to re-authenticate once after a 401.
 *
 * Hand-written (about 80 lines) rather than taken from MSAL or google-auth-library: both are tied
 * to their own identity providers and HTTP stacks, and neither takes an injectable clock.
 */
import { ApiError, VendorContractsError } from '../errors.js';
import { brandClasses } from '../internal/brand.js';

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
   * acquisition (no refresh storm).
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
   * The clock, injectable for tests.
   * @default Date.now
   */
  now?: () => number;
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
  /** Set when the grant was rejected and callers fail without asking again until this time (the `now` clock). */
  readonly cooldownUntil: number | undefined;

  constructor(message: string, context: { vendor?: string }, options: { cause?: unknown; cooldownUntil?: number } = {}) {
    super(message, context, { cause: options.cause });
    this.cooldownUntil = options.cooldownUntil;
  }
}

brandClasses({ TokenAcquisitionError });

export function cachedToken(options: CachedTokenOptions): CachedToken {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const label = options.vendor ?? 'token';
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let rejected: { until: number; cause: unknown } | undefined;

  const acquireOnce = async (): Promise<string> => {
    try {
      const received = now();
      const { accessToken, expiresIn } = await options.acquire();
      if (!accessToken) throw new Error('the token answer had no access token');
      const lifetime = Math.max(0, expiresIn * 1000);
      // Lifetime counts from the request's start: the server issued the token no earlier.
      current = { token: accessToken, renewAt: received + lifetime - Math.min(refreshBeforeMs, lifetime / 10) };
      rejected = undefined;
      return accessToken;
    } catch (cause) {
      current = undefined;
      const grantRejected = cause instanceof ApiError && cause.status >= 400 && cause.status < 500;
      const cooldownUntil = grantRejected && cooldownMs > 0 ? now() + cooldownMs : undefined;
      if (cooldownUntil !== undefined) rejected = { until: cooldownUntil, cause };
      const detail = cause instanceof VendorContractsError ? `: ${cause.message}` : '';
      throw new TokenAcquisitionError(`${label}: could not acquire an access token${detail}`, { vendor: options.vendor }, { cause, cooldownUntil });
    } finally {
      inFlight = undefined;
    }
  };

  const get = (async () => {
    // Two passes at most: a caller that joined an acquisition which outlived the token's renewal
    // time (a very short lifetime, a slow endpoint) asks once more rather than sending it stale.
    for (let pass = 1; ; pass++) {
      if (current && now() < current.renewAt) return current.token;
      if (rejected && now() < rejected.until) {
        const seconds = Math.ceil((rejected.until - now()) / 1000);
        throw new TokenAcquisitionError(`${label}: the token grant was rejected; not asking again for ${seconds} s`, { vendor: options.vendor }, { cause: rejected.cause, cooldownUntil: rejected.until });
      }
      const token = await (inFlight ??= acquireOnce());
      if (pass >= 2 || (current?.token === token && now() < current.renewAt)) return token;
    }
  }) as CachedToken;
  get.invalidate = (token?: string) => {
    if (token === undefined || current?.token === token) current = undefined;
  };
  return get;
}
