/**
 * The AT&T Tool client: friendly options mapped onto the spec. AT&T Tool has no HTTP
 * authentication: the API key travels as `api_key` inside each request, fields the spec marks
 * `x-credential: apiKey` and the runtime fills (and scrubs from every error).
 */
import { checkCredentialOption, type ClientOptions, createVendorClient, type VendorClient, waiveRequestRules } from '@vendor-contracts/runtime';
import { type AtttoolOperations, definition, type EnvelopePayload, type paths } from './generated/index.js';
import type { WithoutVendorErrorBodies } from './vendor-errors.js';

/** The spec's `x-url-policy` rule that `allowPrivatePingback` waives (the runtime's URL_POLICY_RULES.publicHost). */
const PUBLIC_HOST_RULE = 'x-url-policy: public-host';

export interface AtttoolClientOptions extends Omit<ClientOptions, 'credentials' | 'environment'> {
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
  /**
   * Accept a `pingback_url` on `localhost` or a loopback, private, link-local or other non-public
   * IP (and plain `http` for those hosts only), e.g. for a receiver on your own machine in tests.
   * Without it the spec's `x-url-policy` refuses them before sending (rule `x-url-policy: public-host`).
   * @default false
   */
  allowPrivatePingback?: boolean;
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
  // pingback_url's policy (https, no userinfo, public host) is the spec's x-url-policy, checked by
  // the generated validators; the option waives its public-host rule and nothing else.
  const relaxed = allowPrivatePingback === true ? waiveRequestRules(definition, [PUBLIC_HOST_RULE]) : definition;
  return createVendorClient<paths, WithoutVendorErrorBodies<AtttoolOperations>, EnvelopePayload>(relaxed, { ...rest, credentials: { apiKey: key } });
}
