/**
 * The TelecomX client: friendly options mapped onto the spec. Every protected URI wants
 * `Authorization: Bearer <token>` with the token `/auth/login` issued (the spec's `bearerAuth`
 * scheme); the runtime adds the prefix and checks the `token` option from that scheme.
 */
import { checkCredentialOption, type ClientOptions, type Credential, createVendorClient, type VendorClient } from '@vendor-contracts/runtime';
import { definition, type EnvelopePayload, type paths, type TelecomxOperations } from './generated/index.js';

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
export type TelecomxClient = VendorClient<paths, TelecomxOperations, EnvelopePayload>;

export function createTelecomxClient(options: TelecomxClientOptions): TelecomxClient {
  const { token, ...rest } = options ?? ({} as TelecomxClientOptions);
  // TelecomX's api:ping answers 401 `format_error` for anything but `Bearer <token>`: the bearer
  // rules (no `Bearer ` of its own, no whitespace) are refused here instead.
  const bearerAuth = checkCredentialOption(definition, token, { option: 'token', target: { scheme: 'bearerAuth' }, allowFunction: true });
  return createVendorClient<paths, TelecomxOperations, EnvelopePayload>(definition, { ...rest, credentials: { bearerAuth } });
}
