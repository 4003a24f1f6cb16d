/**
 * The AT&T Tool client: friendly options mapped onto the spec. AT&T Tool has no HTTP
 * authentication: the API key travels as `api_key` inside each request, fields the spec marks
 * `x-credential: apiKey` and the runtime fills (and scrubs from every error).
 */
import { checkCredentialOption, type ClientOptions, createVendorClient, type VendorClient } from '@vendor-contracts/runtime';
import { type AtttoolOperations, definition, type EnvelopePayload, type paths } from './generated/index.js';
import { withPingbackUrlGuard } from './pingback/request-guard.js';
import type { PingbackUrlPolicy } from './pingback/url-guard.js';
import type { WithoutVendorErrorBodies } from './vendor-errors.js';

export interface AtttoolClientOptions extends Omit<ClientOptions, 'credentials' | 'environment'>, PingbackUrlPolicy {
  /**
   * Your AT&T Tool API key (32 hexadecimal characters in the vendor's document, which states no
   * format: any non-blank string is sent, and a wrong key comes back as `VendorError`
   * `ERR_INVALID_API_KEY`). The client sends it as `api_key` in the JSON body of `placeOrder` and
   * `getOrderStatus` and in the query string of `getOrderStatusByQuery`; callers never pass it per
   * call. It is never logged or put in errors, and is replaced by `[redacted]` if the vendor ever
   * echoes it back.
   */
  apiKey: string;
  /**
   * `production` (https://atttool.com), the only server the document names.
   * @default 'production'
   */
  environment?: keyof typeof definition.servers;
}

/**
 * `placeOrder`, `getOrderStatus` (POST) and `getOrderStatusByQuery` (GET), plus `raw`, the
 * openapi-fetch client. Their 2xx results are only the `status: "OK"` bodies (an `ERR_*` body is
 * thrown as `VendorError`). AT&T Tool has no HTTP authentication, so `raw` requests carry no key
 * unless you put `api_key` in them yourself. The `orderCompleted` webhook is sent *to* you, so it
 * is not a method.
 */
export type AtttoolClient = VendorClient<paths, WithoutVendorErrorBodies<AtttoolOperations>, EnvelopePayload>;

export function createAtttoolClient(options: AtttoolClientOptions): AtttoolClient {
  const { apiKey, allowPrivatePingback, ...rest } = options ?? ({} as Partial<AtttoolClientOptions>);
  const key = checkCredentialOption(definition, apiKey, { option: 'apiKey', target: { field: 'api_key' }, describe: 'your AT&T Tool API key' });
  // placeOrder's pingback_url must be https, without userinfo, ≤ 2,048 characters and not a
  // private/loopback/link-local host (see pingback/url-guard.ts), checked before sending.
  const guarded = withPingbackUrlGuard(definition, 'placeOrder', { allowPrivatePingback: allowPrivatePingback ?? false });
  return createVendorClient<paths, WithoutVendorErrorBodies<AtttoolOperations>, EnvelopePayload>(guarded, { ...rest, credentials: { apiKey: key } });
}
