/** TMT First in the contract suite: the raw API key in `Authorization`, answers as documented. */
import { type TmtFirstClient, createTmtFirstClient, definition } from '@vendor-contracts/tmt-first';
import type { VendorContract } from '../../src/vendor-contract.js';

const API_KEY = 'contract-test-key';

export const contract: VendorContract<TmtFirstClient> = {
  vendor: 'tmt-first',
  definition,
  client: ({ apiKey = API_KEY, ...setup }) => createTmtFirstClient({ apiKey, ...setup }),
  secrets: [API_KEY],
  credential: { in: 'header', name: 'Authorization', value: API_KEY, forged: '', probe: 'getQuotes', unauthorizedBodyMatchesSpec: false },
  counts: {
    operations: 7,
    validInputs: { atLeast: 8 }, // prealert has two request examples
    invalidInputs: { atLeast: 10 },
    // As of the spec today: 8 success examples and 8 error examples (400 ×5, 403, 404 ×2), no generated body.
    responses: { total: { atLeast: 16 }, error: { atLeast: 8 }, generated: 0, none: 0 },
  },
};
