/**
 * AT&T Tool in the contract suite: the API key as `api_key` in the JSON body (POST) or the query
 * string (GET), never a header (spec-cases.ts splits it out of the spec's examples), and errors
 * answered with HTTP 200 and `status: ERR_*` (the spec's `x-vendor-error`).
 */
import { type AtttoolClient, createAtttoolClient, definition } from '@vendor-contracts/atttool';
import type { VendorContract } from '../../src/vendor-contract.js';
import { loadSpec } from '../../src/workspace.js';
import { credentialFields, DOCUMENT_API_KEY, splitCredential } from './spec-cases.js';

const spec = loadSpec('atttool');

export const contract: VendorContract<AtttoolClient> = {
  vendor: 'atttool',
  definition,
  client: ({ apiKey = DOCUMENT_API_KEY, ...setup }) => createAtttoolClient({ apiKey, ...setup }),
  secrets: [DOCUMENT_API_KEY],
  credential: {
    in: 'fields',
    defaultKey: DOCUMENT_API_KEY,
    split: (op, input) => splitCredential(spec, op, input),
    // The key of the GET example's x-credential parameter (the client fills it, so cases.ts skips it).
    exampleKey: (op) => (op.parameters.find((p) => p['x-credential'] !== undefined)?.examples as Record<string, { value: string }> | undefined)?.documentKey?.value,
    fields: (op) => credentialFields(spec, op),
  },
  // The POST operations document only 200: Prism's 422 carries the violations in its body.
  violationsInProblemBody: true,
  counts: {
    operations: 3,
    validInputs: { atLeast: 5 }, // placeOrder has three request examples
    invalidInputs: { atLeast: 6 }, // the documented requests the client refuses (missing fields, IMEIs, pingback URLs)
    // As of the spec today: 200 × (placeOrder 2 OK + 5 ERR, getOrderStatus 1 + 3, getOrderStatusByQuery 1 + 2), 400 × 1 (the GET's HTML).
    responses: { total: 15, 'vendor error': 10, error: 1, 'error getOrderStatusByQuery 400': 1, generated: 0, none: 0 },
  },
};
