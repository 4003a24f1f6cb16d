/**
 * AT&T Tool has no HTTP authentication: the API key travels as `api_key` inside each request (the
 * JSON body of the POST operations, the query string of the GET one). The spec marks those fields
 * `x-credential: apiKey`, and the runtime fills them from `credentials.apiKey`.
 */
import { ConfigError } from '@vendor-contracts/runtime';

/** The `x-credential` name the spec gives the `api_key` fields. */
export const API_KEY_CREDENTIAL = 'apiKey';

/**
 * The `apiKey` option, checked at construction: present and a non-blank string. Its shape is not
 * checked: the document states none and answers a wrong key with ERR_INVALID_API_KEY. The message
 * never contains the value.
 */
export function requireApiKey(vendor: string, options: { apiKey?: unknown } | undefined): string {
  const apiKey = options?.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new ConfigError(`${vendor}: apiKey is required (a non-empty string: your AT&T Tool API key)`, { vendor });
  }
  return apiKey;
}
