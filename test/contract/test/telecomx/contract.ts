/**
 * TelecomX in the contract suite: a bearer token, the `requestId` example the spec lacks
 * (spec-cases.ts), and `Offers` (x-alias-of: offers) read back under its canonical name.
 */
import { type TelecomxClient, createTelecomxClient, definition } from '@vendor-contracts/telecomx';
import type { VendorContract } from '../../src/vendor-contract.js';
import { withRequestIdExample } from './spec-cases.js';

const TOKEN = 'contract-test-token';

/** An answer as the client returns it: `Offers` (x-alias-of) read as `offers`. */
function readAliases(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('Offers' in value)) return value;
  const { Offers, ...rest } = value as Record<string, unknown>;
  return Offers === null || Offers === undefined ? rest : { ...rest, offers: Offers };
}

export const contract: VendorContract<TelecomxClient> = {
  vendor: 'telecomx',
  definition,
  casesSpec: withRequestIdExample,
  client: ({ apiKey = TOKEN, ...setup }) => createTelecomxClient({ token: apiKey, ...setup }),
  secrets: [TOKEN],
  credential: { in: 'header', name: 'Authorization', value: `Bearer ${TOKEN}`, forged: '', probe: 'updateInternetRequest', unauthorizedBodyMatchesSpec: undefined },
  answer: readAliases,
  counts: {
    operations: 1,
    validInputs: 1,
    invalidInputs: { atLeast: 20 },
    // As of the spec today: one 200 example; 403 ×1, 404 ×3, 422 ×18, 500 ×1 examples; 401 without one.
    responses: { success: 1, 'error example': { atLeast: 23 }, 'status 422': { atLeast: 18 }, generated: 1, 'generated 401': 1 },
  },
};
