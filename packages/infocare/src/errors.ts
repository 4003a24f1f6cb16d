/**
 * Reading InfoCare's error envelopes.
 *
 * `getRouting` answers 400 with `{ "error": "Not enough data", "data": { "paramsNeeded": [...] } }`
 * when the query does not determine a workshop. The runtime throws it as a `BadRequestError` whose
 * `body` is the parsed envelope; `routingParamsNeeded` reads the parameter names out of it.
 */
import { BadRequestError } from '@vendor-contracts/runtime';
import { RoutingNotEnoughDataResponse } from './generated/schemas.js';

/**
 * The query parameters InfoCare asks for (e.g. `['manufacturer', 'serviceType']`) when `error` is
 * the 400 "Not enough data" answer of `getRouting`; `undefined` for any other error.
 */
export function routingParamsNeeded(error: unknown): string[] | undefined {
  if (!(error instanceof BadRequestError) || error.vendor !== 'infocare' || error.operationId !== 'getRouting') return undefined;
  const parsed = RoutingNotEnoughDataResponse.safeParse(error.body);
  return parsed.success ? parsed.data.data.paramsNeeded : undefined;
}
