/**
 * A token endpoint and a bearer check for the fault rig: `POST <tokenPath>` issues tokens with an
 * `expires_in` lifetime, every other request must carry a token that is live by the authority's
 * own clock (401 otherwise). Tests read who got which token and which requests were refused, so
 * "no request carried an expired token" is asserted by the server, not by the client.
 */
import type { LedgerEntry, Step } from './fault-server.js';

export interface TokenAuthorityOptions {
  /** The authority's clock (share the client's injected clock to test expiry without waiting). */
  now: () => number;
  /** Lifetime of each issued token. @unit seconds */
  expiresIn: number;
  /** @default '/token' (matched against the end of the request path) */
  tokenPath?: string;
  /** The n-th token's value (from 1). @default `tok-<n>-<issue time>` */
  mint?: (n: number) => string;
  /** The answer to an authorised vendor request. @default 200 `{"id":1,"name":"ok"}` */
  answer?: (entry: LedgerEntry) => Step;
}

export interface IssuedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

export interface TokenAuthority {
  /** Pass as `rig.fallback`. */
  readonly handle: (entry: LedgerEntry) => Step;
  readonly issued: IssuedToken[];
  /** Token requests received (granted or not). */
  readonly tokenRequests: LedgerEntry[];
  /** Vendor requests (everything but the token path). */
  readonly vendorRequests: LedgerEntry[];
  /** Vendor requests refused with 401, and why. */
  readonly refused: Array<{ entry: LedgerEntry; reason: 'missing' | 'unknown' | 'expired' | 'revoked' }>;
  /** While set, grants are refused with 400 `invalid_grant`. */
  rejectGrants: boolean;
  /** Make a live token invalid (the vendor revoked it), so its next use gets a 401. */
  revoke(token: string): void;
  /** While set, every vendor request gets 401, whatever its token. */
  refuseAll: boolean;
}

export function tokenAuthority(options: TokenAuthorityOptions): TokenAuthority {
  const tokenPath = options.tokenPath ?? '/token';
  const revoked = new Set<string>();
  const byToken = new Map<string, IssuedToken>();
  const authority: TokenAuthority = {
    issued: [],
    tokenRequests: [],
    vendorRequests: [],
    refused: [],
    rejectGrants: false,
    refuseAll: false,
    revoke: (token) => void revoked.add(token),
    handle(entry) {
      const path = entry.url.split('?')[0]!;
      if (entry.method === 'POST' && path.endsWith(tokenPath)) {
        authority.tokenRequests.push(entry);
        if (authority.rejectGrants) return { status: 400, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } };
        const issuedAt = options.now();
        const token: IssuedToken = {
          token: options.mint?.(authority.issued.length + 1) ?? `tok-${authority.issued.length + 1}-${issuedAt}`,
          issuedAt,
          expiresAt: issuedAt + options.expiresIn * 1000,
        };
        authority.issued.push(token);
        byToken.set(token.token, token);
        return { body: { access_token: token.token, token_type: 'bearer', expires_in: options.expiresIn } };
      }
      authority.vendorRequests.push(entry);
      const header = entry.headers.authorization;
      const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
      const known = presented === undefined ? undefined : byToken.get(presented);
      const reason = authority.refuseAll
        ? 'revoked'
        : presented === undefined
          ? 'missing'
          : !known
            ? 'unknown'
            : revoked.has(presented)
              ? 'revoked'
              : options.now() >= known.expiresAt
                ? 'expired'
                : undefined;
      if (reason) {
        authority.refused.push({ entry, reason });
        return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
      }
      return options.answer?.(entry) ?? {};
    },
  };
  return authority;
}
