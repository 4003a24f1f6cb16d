/**
 * The InfoCare client: friendly options mapped onto the spec. The `{ data, error }` envelope is
 * the spec's `x-envelope` (methods resolve to `data`) and `x-vendor-error` (an envelope with an
 * `error` throws); the API token is checked by the runtime from the `partnerToken` scheme.
 */
import { checkCredentialOption, type ClientOptions, createVendorClient, type VendorClient } from '@vendor-contracts/runtime';
import { checkBaseUrl } from './config.js';
import { definition, type EnvelopePayload, type InfocareOperations, type paths } from './generated/index.js';

export interface InfocareClientOptions extends Omit<ClientOptions, 'credentials' | 'environment' | 'baseUrl'> {
  /**
   * Your InfoCare / Service Order Hub installation: scheme and host, without `/api/v3`
   * (e.g. `https://serviceorderhub.com`). Required: the API has no public server.
   */
  baseUrl: string;
  /**
   * The partner's API token ("Access: Partner"). Sent in the `X-Hub-Api-Token` header on every
   * call (never in the URL); never logged or put in errors.
   */
  apiToken: string;
}

/**
 * One method per operation, each resolving to the `data` of InfoCare's `{ data, error }` envelope
 * (`call(operationId, input)` too); an envelope carrying `error` never resolves: it throws
 * `ApiError` (by status: a 400 is a `BadRequestError`, a 404 a `NotFoundError`, …, with the parsed
 * envelope as `body`) or, in a 2xx answer, `VendorError` whose message carries the error text.
 * Response checks and the `onUnknownFields` hook see the whole envelope, so their JSON pointers
 * start at it (`/data/…`). `raw` (the authenticated openapi-fetch client) returns whole envelopes.
 */
export type InfocareClient = VendorClient<paths, InfocareOperations, EnvelopePayload>;

export function createInfocareClient(options: InfocareClientOptions): InfocareClient {
  const { apiToken, baseUrl, ...rest } = options ?? ({} as Partial<InfocareClientOptions>);
  const partnerToken = checkCredentialOption(definition, apiToken, { option: 'apiToken', target: { scheme: 'partnerToken' } });
  return createVendorClient<paths, InfocareOperations, EnvelopePayload>(definition, { ...rest, baseUrl: checkBaseUrl(baseUrl), credentials: { partnerToken } });
}
