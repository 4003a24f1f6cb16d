/**
 * A bearer token that is fetched once and shared: concurrent callers on a cold cache wait for one
 * acquisition (single flight), and it is renewed `refreshBeforeMs` before it expires. Vendors
 * with token auth (Totalmobile's password grant) pass an `acquire` function that calls their
 * token operation; the result plugs into `credentials` as a `Credential` function.
 */
import { VendorContractsError } from '../errors.js';

export interface AcquiredToken {
  /** The bearer token. */
  accessToken: string;
  /** Lifetime from the moment it was received. @unit seconds */
  expiresIn: number;
}

export interface CachedTokenOptions {
  /** Fetches a new token (e.g. the vendor's `/token` operation). */
  acquire: () => Promise<AcquiredToken>;
  /**
   * Renew this long before expiry, so no request carries a token about to expire.
   * @default 30000
   * @unit milliseconds
   */
  refreshBeforeMs?: number;
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
  /** Forget the token (e.g. after a 401), so the next call acquires a new one. */
  invalidate(): void;
}

/** The token could not be acquired; no vendor request was sent with it. Never contains credentials. */
export class TokenAcquisitionError extends VendorContractsError {}

export function cachedToken(options: CachedTokenOptions): CachedToken {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const get = (async () => {
    if (current && now() < current.renewAt) return current.token;
    inFlight ??= (async () => {
      try {
        const received = now();
        const { accessToken, expiresIn } = await options.acquire();
        if (!accessToken) throw new Error('the token answer had no access token');
        const lifetime = Math.max(0, expiresIn * 1000);
        // Short-lived tokens renew at half their life rather than never being reused.
        current = { token: accessToken, renewAt: received + Math.max(lifetime - refreshBeforeMs, lifetime / 2) };
        return accessToken;
      } catch (cause) {
        current = undefined;
        if (cause instanceof VendorContractsError) throw new TokenAcquisitionError(`${options.vendor ?? 'token'}: could not acquire an access token: ${cause.message}`, { vendor: options.vendor }, { cause });
        throw new TokenAcquisitionError(`${options.vendor ?? 'token'}: could not acquire an access token`, { vendor: options.vendor }, { cause });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }) as CachedToken;
  get.invalidate = () => {
    current = undefined;
  };
  return get;
}
