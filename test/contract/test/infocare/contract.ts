/**
 * InfoCare in the contract suite: the partner token in `X-Hub-Api-Token`, every answer in an
 * envelope whose `data` the methods resolve to, and a `default` response on every operation
 * (reached with `Prefer: code=500`, spec-cases.ts).
 */
import { type InfocareClient, createInfocareClient, definition } from '@vendor-contracts/infocare';
import type { VendorContract } from '../../src/vendor-contract.js';
import { defaultResponseCases, withoutDefaultResponses } from './spec-cases.js';

export const API_TOKEN = 'contract-test-token';
export const TOKEN_HEADER = 'X-Hub-Api-Token';

export const contract: VendorContract<InfocareClient> = {
  vendor: 'infocare',
  definition,
  casesSpec: withoutDefaultResponses,
  defaultResponses: defaultResponseCases,
  client: ({ apiKey = API_TOKEN, ...setup }) => createInfocareClient({ apiToken: apiKey, ...setup }),
  secrets: [API_TOKEN],
  // Prism answers with the spec's own 401 envelope, so the body matches the spec.
  credential: { in: 'header', name: TOKEN_HEADER, value: API_TOKEN, forged: '', probe: 'getRouting', unauthorizedBodyMatchesSpec: true },
  // The methods unwrap the envelope: they resolve to its `data`.
  answer: (body) => (body as { data: unknown }).data,
  // On the wire every query value is text, and the text `2.5` is a valid alias (a non-empty string), so Prism accepts it.
  clientOnly: ['getRouting query manufacturer'],
  counts: {
    operations: 3,
    invalidInputs: 17,
    // As of the spec today: 3 success examples (sent, notSent, routed), 1 generated 2xx body
    // (logExternalRequest), 2 error examples (notEnoughData 400, noCompetence 404), 5 generated error
    // bodies (400 ×2, 401 ×3), and a default on each of the 3 operations.
    responses: { 'success example': 3, 'error example': 2, total: { atLeast: 11 }, default: 3 },
  },
};
