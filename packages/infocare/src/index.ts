/**
 * @vendor-contracts/infocare — the InfoCare (Service Order Hub) API v3, typed and validated.
 * Everything vendor-specific is in the spec: the names below come from codegen (generated/index.ts),
 * the factory from client.ts; errors.ts reads the routing 400's missing parameters.
 */
import type { AtPointer } from '@vendor-contracts/runtime';
import type { ApiError, EnvelopePayload } from './generated/index.js';

export * from './generated/index.js';
export { createInfocareClient, type InfocareClient, type InfocareClientOptions } from './client.js';
export { routingParamsNeeded } from './errors.js';

/**
 * The `data` member of an envelope type: `EnvelopeData<{ data: X }>` is `X`.
 * @deprecated Use `InfocareOutput<OperationId>` (or the runtime's `AtPointer<Body, '/data'>`).
 */
export type EnvelopeData<Body> = AtPointer<Body, EnvelopePayload>;
/** The `error` member of an InfoCare envelope: a string, or an object with a `message`. */
export type InfocareErrorDetail = ApiError;
