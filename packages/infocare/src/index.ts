/**
 * @vendor-contracts/infocare — the InfoCare (Service Order Hub) API v3, typed and validated.
 * Everything vendor-specific is in the spec; this file maps friendly options to it and unwraps
 * InfoCare's `{ data, error }` envelope (src/envelope.ts).
 */
import { type ClientOptions, createVendorClient, type VendorEngine } from '@vendor-contracts/runtime';
import { checkApiToken, checkBaseUrl } from './config.js';
import { dataMethods, type InfocareArgs, type InfocareOutput } from './envelope.js';
import { definition } from './generated/operations.js';
import type { components, operations, paths } from './generated/types.js';

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
 * One method per operation. Each resolves to the `data` of InfoCare's `{ data, error }` envelope;
 * an envelope carrying `error` never resolves: it throws `ApiError` (by status: a 400 is a
 * `BadRequestError`, a 404 a `NotFoundError`, …, with the parsed envelope as `body`) or, in a 2xx
 * answer, `VendorError` whose message carries the error text (whether `error` is a string or an
 * object with a `message`). Response checks and the `onUnknownFields` hook still see the whole
 * envelope, so their JSON pointers start at it (`/data/…`).
 */
export interface InfocareMethods {
  /**
   * Resend the final email of a case (`POST /api/v3/case/send-completed-email`). Without `email`
   * (or with `''` or `null`) the case's own fields are used.
   *
   * Resolves to `{ result }`: `true` when the email was sent, otherwise a string saying why not
   * (e.g. emails are disabled in settings) — still a success, so check `result === true`.
   */
  sendCompletedEmail(...args: InfocareArgs<'sendCompletedEmail'>): Promise<InfocareOutput<'sendCompletedEmail'>>;
  /**
   * Which workshop will process a case with these parameters, with its competence data
   * (`GET /api/v3/routing`). `manufacturer` and `productType` take an integer Id or a string alias.
   *
   * Not enough parameters → `BadRequestError` (read the missing names with `routingParamsNeeded`);
   * no suitable competence → `NotFoundError`.
   */
  getRouting(...args: InfocareArgs<'getRouting'>): Promise<InfocareOutput<'getRouting'>>;
  /** Save an external request to the log (`POST /api/v3/requests/log`); resolves to the saved record. */
  logExternalRequest(...args: InfocareArgs<'logExternalRequest'>): Promise<InfocareOutput<'logExternalRequest'>>;
}

/**
 * The InfoCare client: the methods above, plus the engine's `definition`, `baseUrl`, `raw` (the
 * authenticated openapi-fetch client) and `call(operationId, input)`, which resolves to the whole
 * envelope (checked against the spec) rather than its `data`.
 */
export type InfocareClient = VendorEngine<paths> & InfocareMethods;

export function createInfocareClient(options: InfocareClientOptions): InfocareClient {
  const { apiToken, baseUrl, ...rest } = options ?? ({} as Partial<InfocareClientOptions>);
  const credentials = { partnerToken: checkApiToken(apiToken) };
  const engine = createVendorClient<paths, operations>(definition, { ...rest, baseUrl: checkBaseUrl(baseUrl), credentials });
  const core: VendorEngine<paths> = { definition: engine.definition, baseUrl: engine.baseUrl, raw: engine.raw, call: engine.call };
  return Object.assign(dataMethods(Object.keys(definition.operations), engine.call), core) as unknown as InfocareClient;
}

export { routingParamsNeeded } from './errors.js';
export type { EnvelopeData, InfocareArgs, InfocareOutput } from './envelope.js';

/** The spec's facts: servers, operations (method, path, schemas), security scheme. */
export { definition, operations as operationTable } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type { components, operations, paths } from './generated/types.js';

/** Component types by name, e.g. `InfocareSchemas['RoutingResult']`. */
export type InfocareSchemas = components['schemas'];
export type RoutingResult = components['schemas']['RoutingResult'];
export type ContactData = components['schemas']['ContactData'];
export type SendCompletedEmailRequest = components['schemas']['SendCompletedEmailRequest'];
export type SendCompletedEmailResult = components['schemas']['SendCompletedEmailResult'];
export type LogExternalRequestRequest = components['schemas']['LogExternalRequestRequest'];
export type ExternalRequest = components['schemas']['ExternalRequest'];
export type Originator = components['schemas']['Originator'];
export type BookingType = components['schemas']['BookingType'];
/** The `error` member of an InfoCare envelope: a string, or an object with a `message`. */
export type InfocareErrorDetail = components['schemas']['ApiError'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
