/**
 * The up-front check of InfoCare's `baseUrl`, so a misconfigured client fails at construction
 * with a ConfigError naming the option. (The token is checked by the runtime's
 * `checkCredentialOption`, from the spec's `partnerToken` scheme.)
 */
import { ConfigError } from '@vendor-contracts/runtime';

const vendor = 'infocare';

/**
 * The spec names no real server (each customer has its own InfoCare / Service Order Hub
 * installation), so `baseUrl` is required. The operations' paths already start with `/api/v3`,
 * so a base URL ending in `/api` or `/api/v3` would double it: refuse it rather than call
 * `/api/v3/api/v3/routing`. Everything else about the URL (absolute, http(s), no credentials)
 * is checked by the runtime.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new ConfigError('infocare: baseUrl is required (the InfoCare API has no public server): pass your installation’s scheme and host, e.g. https://serviceorderhub.com', {
      vendor,
    });
  }
  let pathname: string | undefined;
  try {
    pathname = new URL(baseUrl).pathname;
  } catch {
    pathname = undefined; // the runtime reports an unparsable URL
  }
  if (pathname !== undefined && /\/api(?:\/v\d+)?\/*$/i.test(pathname)) {
    throw new ConfigError('infocare: baseUrl must be the scheme and host only, without /api/v3 (every operation path already starts with /api/v3)', { vendor });
  }
  return baseUrl;
}
