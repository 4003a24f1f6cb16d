/**
 * The Totalmobile client: friendly options mapped onto the spec. The OAuth2 password grant is the
 * runtime's (the spec's `oauth2` scheme declares `flows.password`), so the client only passes the
 * `username` and `password` credentials.
 */
import { checkCredentialOption, type ClientOptions, createVendorClient, type VendorClient } from '@vendor-contracts/runtime';
import { definition, type EnvelopePayload, type paths, type TotalmobileOperations } from './generated/index.js';

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

/**
 * One method per operation (`createSalesOrder`, `getAvailability`, `createBooking`, …) plus `raw`,
 * the authenticated openapi-fetch client. Every secured call sends `Authorization: Bearer <token>`,
 * the token coming from one shared `getToken` call, and
 * `Accept: application/json; version=<highest accepted>` (per call: `{ apiVersion }`).
 */
export type TotalmobileClient = VendorClient<paths, TotalmobileOperations, EnvelopePayload>;

export function createTotalmobileClient(options: TotalmobileClientOptions): TotalmobileClient {
  const given = options ?? ({} as Partial<TotalmobileClientOptions>);
  // `username` and `password` are the `x-credential` names of the /token body fields, and what the
  // runtime's password flow reads.
  const username = checkCredentialOption(definition, given.username, { option: 'username', target: { field: 'username' } });
  const password = checkCredentialOption(definition, given.password, { option: 'password', target: { field: 'password' } });
  const { username: _username, password: _password, ...rest } = options;
  return createVendorClient<paths, TotalmobileOperations, EnvelopePayload>(definition, { ...rest, credentials: { username, password } });
}
