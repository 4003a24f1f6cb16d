import { createTelecomxClient, type TelecomxClientOptions } from '../../src/index.js';
import { json, type Observed, observedFetch } from '@vendor-contracts/runtime/testing';

/** A token no assertion could match by accident. */
export const SECRET = 'tcx-canary-7d41e9b0c2';
/** A valid request id (hex, at most 24 characters). */
export const REQUEST_ID = '5b9f7c1e2a3d4f6071829a3b';
/** The sparsest valid answer: properties holding no value may be omitted, only `_id` is required. */
export const SPARSE = { _id: REQUEST_ID };

/** A client on an observed fetch that answers `handler` (by default the sparse 200). */
export function telecomx(
  handler: (request: Request) => Response | Promise<Response> = () => json(SPARSE),
  options: Partial<TelecomxClientOptions> = {},
): { client: ReturnType<typeof createTelecomxClient>; seen: Observed } {
  const seen = observedFetch(handler);
  const client = createTelecomxClient({ token: SECRET, fetch: seen.fetch, ...options });
  return { client, seen };
}

/** Every place a secret could leak from an error. */
export function exposed(error: unknown): string {
  const e = error as Error;
  return [JSON.stringify(error), e.message, e.stack ?? '', String(error)].join('\n');
}
