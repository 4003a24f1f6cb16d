/**
 * @vendor-contracts/totalmobile — Totalmobile Connect Web Services (v1.34), typed and validated.
 * Everything vendor-specific is in the spec; this file maps friendly options to it, and
 * ./auth.ts holds the OAuth2 password-grant quirks.
 */
import {
  credentialKey,
  type ClientOptions,
  ConfigError,
  createVendorClient,
  type VendorClient,
  type WithoutCredentialFields,
} from '@vendor-contracts/runtime';
import { callsRejectingWithTokenFailures, hooksSeeingTokenFailures, passwordGrantToken } from './auth.js';
import { definition } from './generated/operations.js';
import type { components, operations, paths } from './generated/types.js';

export interface TotalmobileClientOptions extends Omit<ClientOptions, 'credentials' | 'environment'> {
  /**
   * The user name of the OAuth2 password grant, usually `<account_name>@clouddialogs.com`. Sent
   * only in the form body of `POST /token`; never logged or put in errors.
   */
  username: string;
  /**
   * The password supplied for that user. Sent only in the form body of `POST /token`; never
   * logged or put in errors.
   */
  password: string;
  /**
   * `qa` (https://api-qa-customer.clouddialogs.com/WS-API), the only server the document gives;
   * pass `baseUrl` for any other environment.
   * @default 'qa'
   */
  environment?: keyof typeof definition.servers;
}

/** The fields the client fills from its options (`x-credential`): callers never pass them. */
type CredentialFields = 'username' | 'password';

/** Operations as callers see them: `getToken` takes only `{ grant_type }` (the client sends `'password'` itself). */
export type TotalmobileOperations = WithoutCredentialFields<operations, CredentialFields>;

/**
 * One method per operation (`createSalesOrder`, `getAvailability`, `createBooking`, …) plus `raw`,
 * the authenticated openapi-fetch client. Every secured call sends `Authorization: Bearer <token>`,
 * the token coming from one shared `getToken` call, and
 * `Accept: application/json; version=<highest accepted>` (per call: `{ apiVersion }`).
 */
export type TotalmobileClient = VendorClient<paths, TotalmobileOperations>;

export function createTotalmobileClient(options: TotalmobileClientOptions): TotalmobileClient {
  for (const name of ['username', 'password'] as const) {
    const value = (options as Partial<TotalmobileClientOptions> | undefined)?.[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConfigError(`totalmobile: ${name} is required (a non-empty string)`, { vendor: definition.vendor });
    }
  }
  const { username, password, ...rest } = options;
  let client: TotalmobileClient | undefined;
  const token = passwordGrantToken(() => client!, [username, password], definition.vendor, {
    monotonicNow: rest.monotonicNow,
    store: rest.tokenStore,
    storeKey: () => credentialKey('token', definition.vendor, [client!.baseUrl, username]),
    onStoreError: (operation, error) => rest.hooks?.onStoreError?.({ vendor: definition.vendor, store: 'token', operation, error, fallback: 'local' }),
  });
  client = createVendorClient<paths, TotalmobileOperations>(definition, {
    ...rest,
    // `oauth2` is the spec's security scheme (the bearer token); username and password are the
    // `x-credential` names of the /token body fields.
    credentials: { oauth2: token, username, password },
    hooks: hooksSeeingTokenFailures(rest.hooks),
  });
  return callsRejectingWithTokenFailures(client, Object.keys(definition.operations));
}

/** The spec's facts: servers, operations (method, path, schemas, API versions). */
export { definition, operations as operationTable } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type { components, operations, paths } from './generated/types.js';

/** Component types by name, e.g. `TotalmobileSchemas['SalesOrder']`. */
export type TotalmobileSchemas = components['schemas'];
export type SalesOrder = components['schemas']['SalesOrder'];
export type SalesOrderUpdate = components['schemas']['SalesOrderUpdate'];
export type AvailabilityResponse = components['schemas']['AvailabilityResponse'];
export type Booking = components['schemas']['Booking'];
export type BookingResponse = components['schemas']['BookingResponse'];
export type CustomerModel = components['schemas']['CustomerModel'];
export type PurchaseInvoice = components['schemas']['PurchaseInvoice'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
export type Token = components['schemas']['Token'];
export type TokenError = components['schemas']['TokenError'];
/** The embedded booking flow and re-appointing (`createOrderAndBook`, `reappointVisit`, …); also at `@vendor-contracts/totalmobile/workflows`. */
export * from './workflows/index.js';
/** `yyyy-MM-dd` and `yyyy-MM-dd HH:mm:ss` ↔ `Date`, in UTC or an IANA time zone. */
export { DateFormatError, formatDate, formatLocalDateTime, parseDate, parseLocalDateTime, type TimeZoneOption } from './dates.js';
