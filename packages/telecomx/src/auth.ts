/**
 * TelecomX authentication: every protected URI wants `Authorization: Bearer <token>`, where the
 * token is the one `/auth/login` issued (the spec's `bearerAuth` scheme). The runtime adds the
 * `Bearer ` prefix; this file only checks the `token` option before any request is made.
 */
import { ConfigError, type Credential } from '@vendor-contracts/runtime';

/** The spec's security scheme name: the key the runtime's `credentials` expects. */
export const SECURITY_SCHEME = 'bearerAuth';

/**
 * Checks the `token` option up front and returns it as the runtime credential. A string must be
 * the bare token: TelecomX's api:ping answers 401 `format_error` for anything but
 * `Bearer <token>`, so a value that already carries `Bearer ` (it would be sent twice) or holds
 * whitespace is refused here rather than by the server. A function is called on every request
 * (e.g. `cachedToken(...)` from the runtime, around `/auth/login`). Messages never echo the value.
 */
export function bearerToken(token: unknown): Credential {
  if (typeof token === 'function') return token as Credential;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new ConfigError('telecomx: token is required (a non-empty string, or a function returning one)', { vendor: 'telecomx' });
  }
  if (/^bearer\s/i.test(token.trim())) {
    throw new ConfigError("telecomx: token must be the bare token from /auth/login; the client adds the 'Bearer ' prefix itself", { vendor: 'telecomx' });
  }
  if (/\s/.test(token)) {
    throw new ConfigError('telecomx: token must not contain whitespace or line breaks', { vendor: 'telecomx' });
  }
  return token;
}
