/**
 * @vendor-contracts/atttool — the AT&T Tool API v1 (AT&T network unlocks by IMEI), typed and
 * validated. Everything vendor-specific is in the spec; the quirks it cannot express are in small
 * files beside this one: credentials.ts (the `apiKey` option), redact.ts (the key never comes back
 * in an error) and vendor-errors.ts (`status: ERR_*` bodies are thrown, never returned).
 */
import { type ClientOptions, createVendorClient, type VendorClient, type WithoutCredentialFields } from '@vendor-contracts/runtime';
import { API_KEY_CREDENTIAL, requireApiKey } from './credentials.js';
import { definition, type OperationId } from './generated/operations.js';
import type { components, operations, paths, webhooks } from './generated/types.js';
import { withPingbackUrlGuard } from './pingback/request-guard.js';
import type { PingbackUrlPolicy } from './pingback/url-guard.js';
import { redactSecretInResponses } from './redact.js';
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
 * The operations the client calls, as a caller sees them: without the `api_key` fields the client
 * fills, and with 2xx results that are only the `status: "OK"` bodies (an `ERR_*` body is thrown
 * as `VendorError`). The `orderCompleted` webhook is sent *to* you, so it is not a method.
 */
export type AtttoolOperations = WithoutVendorErrorBodies<WithoutCredentialFields<Pick<operations, OperationId>, 'api_key'>>;

/**
 * `placeOrder`, `getOrderStatus` (POST) and `getOrderStatusByQuery` (GET), plus `raw`, the
 * openapi-fetch client. AT&T Tool has no HTTP authentication, so `raw` requests carry no key unless
 * you put `api_key` in them yourself.
 */
export type AtttoolClient = VendorClient<paths, AtttoolOperations>;

export function createAtttoolClient(options: AtttoolClientOptions): AtttoolClient {
  const apiKey = requireApiKey(definition.vendor, options);
  const { apiKey: _apiKey, allowPrivatePingback, ...rest } = options;
  // placeOrder's pingback_url must be https, without userinfo, ≤ 2,048 characters and not a
  // private/loopback/link-local host (see pingback/url-guard.ts), checked before sending.
  const guarded = withPingbackUrlGuard(definition, 'placeOrder', { allowPrivatePingback: allowPrivatePingback ?? false });
  return createVendorClient<paths, AtttoolOperations>(guarded, {
    ...rest,
    credentials: { [API_KEY_CREDENTIAL]: apiKey },
    // Last in the list, so its onResponse runs first (openapi-fetch runs onResponse in reverse).
    middleware: [...(rest.middleware ?? []), redactSecretInResponses(apiKey)],
  });
}

/** The spec's facts: servers, operations (method, path, schemas, x-vendor-error, x-credential). */
export { definition, operations as operationTable } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type { components, operations, paths, webhooks } from './generated/types.js';
export type { VendorErrorBody, WithoutVendorErrorBodies } from './vendor-errors.js';
export { REDACTED } from './redact.js';

/** Component types by name, e.g. `AtttoolSchemas['ImeiResult']`. */
export type AtttoolSchemas = components['schemas'];
/** A 15-digit IMEI whose last digit is a valid Luhn check digit (checked before sending). */
export type Imei = components['schemas']['Imei'];
/** Every `ERR_*` code the document shows; `VendorError.code` carries one of them (or a newer one). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** What `placeOrder` resolves to: `status: "OK"`, the new `order_id` and `total_cost` (a decimal string). */
export type PlaceOrderResponse = components['schemas']['PlaceOrderResponse'];
/** What both status checks resolve to: `is_completed`, `total_cost` and `imeis` keyed by IMEI. */
export type OrderStatusResponse = components['schemas']['OrderStatusResponse'];
export type ImeiResult = components['schemas']['ImeiResult'];
export type ImeiResults = components['schemas']['ImeiResults'];
/** The body AT&T Tool POSTs to your `pingback_url` when an order completes (the `orderCompleted` webhook). */
export type OrderCompletedPayload = components['schemas']['OrderCompletedPayload'];
/** Wait for an order to complete by polling (`waitForOrder`); also at `@vendor-contracts/atttool/workflows`. */
export * from './workflows/index.js';
// The pingback receiver (`createPingbackReceiver`, `createPingbackUrl`, …) is server-side code (a
// Fetch handler plus a node:http adapter), so it lives only at `@vendor-contracts/atttool/pingback`:
// the client entry stays small for consumers that only call the API.
