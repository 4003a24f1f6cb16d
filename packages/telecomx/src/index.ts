/**
 * @vendor-contracts/telecomx — the TelecomX Internet Request API, typed and validated.
 * Everything vendor-specific is in the spec; this file maps friendly options to it, and the two
 * quirks that need code live in named functions: `bearerToken` (auth.ts) and `offersOf` (offers.ts).
 */
import { type ClientOptions, type Credential, createVendorClient, type VendorClient } from '@vendor-contracts/runtime';
import { bearerToken, SECURITY_SCHEME } from './auth.js';
import { definition } from './generated/operations.js';
import type { components, operations, paths } from './generated/types.js';

export interface TelecomxClientOptions extends Omit<ClientOptions, 'credentials' | 'environment'> {
  /**
   * The access token issued by TelecomX's `/auth/login` (the spec's `bearerAuth` scheme), without
   * the `Bearer ` prefix: the client sends `Authorization: Bearer <token>` on every request. Either
   * the token itself, or a function returning it (called per request, e.g. the runtime's
   * `cachedToken`) for tokens that expire. `updateInternetRequest` needs an ADMIN user's token.
   * Never logged or put in errors.
   */
  token: Credential;
  /**
   * `production` (https://api.telecomx.dk), the only server the document gives.
   * @default 'production'
   */
  environment?: keyof typeof definition.servers;
}

/** One method per operation (`updateInternetRequest`) plus `raw`, the openapi-fetch client. */
export type TelecomxClient = VendorClient<paths, operations>;

export function createTelecomxClient(options: TelecomxClientOptions): TelecomxClient {
  const { token, ...rest } = options ?? ({} as TelecomxClientOptions);
  return createVendorClient<paths, operations>(definition, { ...rest, credentials: { [SECURITY_SCHEME]: bearerToken(token) } });
}

export { offersOf } from './offers.js';

/** The spec's facts: servers, operations (method, path, schemas). */
export { definition, operations as operationTable } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type { components, operations, paths } from './generated/types.js';

/** Component types by name, e.g. `TelecomxSchemas['Address']`. */
export type TelecomxSchemas = components['schemas'];
/** An Internet Request as returned (only `_id` is guaranteed; offers under `Offers` or `offers`). */
export type InternetRequest = components['schemas']['InternetRequest'];
/** The body of `updateInternetRequest` (takeover: true requires takeoverCircuit and takeoverCustomer). */
export type InternetRequestUpdate = components['schemas']['InternetRequestUpdate'];
/** An offer as sent in `offers`. */
export type OfferInput = components['schemas']['OfferInput'];
/** An offer as returned. */
export type Offer = components['schemas']['Offer'];
/** A 422 body: `message` names the field, `description` says what is wrong. */
export type ValidationError = components['schemas']['ValidationError'];
/** A 401/403/404/500 body: `message` is the code (`not_found`, `access_denied`, …). */
export type ErrorResponse = components['schemas']['ErrorResponse'];
/** The zod schemas of every TelecomX component and operation (`X` as received, `XStrict` as sent). */
export * from './generated/schemas.js';
