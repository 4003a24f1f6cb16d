/**
 * InfoCare's response envelope `{ data, error }`.
 *
 * Every InfoCare body is an envelope: the payload is in `data`, and `error` (a string such as
 * `"Not enough data"` or an object such as `{ "message": "Can't process this case" }`) is present
 * only when something went wrong. The runtime already turns every envelope with an `error` into a
 * typed error (`ApiError` by status, or `VendorError` for a 2xx answer, from the spec's root
 * `x-vendor-error`), so by the time a body reaches `unwrapData` it is a successful envelope, and the
 * caller only wants its `data`.
 */
import type { OperationArgs, OperationOutput, RequestOptions, VendorEngine } from '@vendor-contracts/runtime';
import type { operations, paths } from './generated/types.js';

/** The `data` member of an envelope type: `EnvelopeData<{ data: X }>` is `X`. */
export type EnvelopeData<Body> = Body extends { data: infer Data } ? Data : never;

/** What an InfoCare method resolves to: the `data` of the operation's success envelope. */
export type InfocareOutput<K extends keyof operations> = EnvelopeData<OperationOutput<operations[K]>>;

/** The arguments of an InfoCare method: `({ query? | body }, { signal, timeout, headers }?)`. */
export type InfocareArgs<K extends keyof operations> = OperationArgs<operations[K]>;

/**
 * The `data` of a successful envelope.
 *
 * With response validation on (the default) the body has already been checked against the spec,
 * which requires `data` on every 2xx envelope, so this is exactly the typed payload. With
 * `validateResponses: false` nothing was checked and this returns whatever `data` holds
 * (`undefined` when the body is not an object), like every unchecked body.
 */
export function unwrapData(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
}

type Call = VendorEngine<paths>['call'];

/**
 * One method per operation that calls the engine and resolves to the envelope's `data`
 * (errors are thrown by the engine before unwrapping, so they are never swallowed here).
 */
export function dataMethods(operationIds: readonly string[], call: Call): Record<string, (input?: never, options?: RequestOptions) => Promise<unknown>> {
  return Object.fromEntries(
    operationIds.map((id) => [id, async (input?: never, options?: RequestOptions) => unwrapData(await call(id, input, options))]),
  );
}
