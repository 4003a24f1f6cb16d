/**
 * Up-front checks of the two options InfoCare needs, so a misconfigured client fails at
 * construction with a ConfigError naming the option (and never echoing the token).
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
    throw new ConfigError(
      'infocare: baseUrl is required (the InfoCare API has no public server): pass your installation’s scheme and host, e.g. https://serviceorderhub.com',
      { vendor },
    );
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

/**
 * The partner token goes verbatim into the `X-Hub-Api-Token` header (security scheme
 * `partnerToken`). fetch would silently trim surrounding whitespace and reject line breaks with an
 * error that quotes the value, so both are refused here, without quoting it.
 */
export function checkApiToken(apiToken: unknown): string {
  if (typeof apiToken !== 'string' || apiToken.trim() === '') {
    throw new ConfigError('infocare: apiToken is required (a non-empty string)', { vendor });
  }
  // eslint-disable-next-line no-control-regex
  if (apiToken !== apiToken.trim() || /[\u0000-\u001f\u007f]/.test(apiToken)) {
    throw new ConfigError('infocare: apiToken must not contain line breaks, control characters or surrounding whitespace', { vendor });
  }
  return apiToken;
}
