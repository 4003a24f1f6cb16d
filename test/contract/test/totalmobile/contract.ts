/**
 * Totalmobile in the contract suite: a bearer token the client gets through the spec's own
 * POST /token (password grant) with the spec's placeholder credentials, so the grant on the wire
 * is exactly the spec's passwordGrant example; and request fixtures where the document gives no
 * example (spec-cases.ts).
 */
import { type TotalmobileClient, createTotalmobileClient, definition } from '@vendor-contracts/totalmobile';
import type { RecordedExchange } from '../../src/harness.js';
import type { VendorContract } from '../../src/vendor-contract.js';
import { withFixtureExamples } from './spec-cases.js';

/** The spec's passwordGrant example (POST /token): the client fills these from its options. */
export const USERNAME = '<username>';
export const PASSWORD = '<password>';
/** The access_token of the spec's token example (what Prism answers on /token). */
export const ACCESS_TOKEN = '<access_token>';
export const GRANT = `grant_type=password&username=${encodeURIComponent(USERNAME)}&password=${encodeURIComponent(PASSWORD)}`;

export const isToken = (call: RecordedExchange): boolean => call.url.pathname === '/token';

/** A request transform that adds `headers` to /token requests only (e.g. to make Prism refuse the grant). */
export function onTokenRequests(headers: Record<string, string>): (request: Request) => Request {
  return (request) => {
    if (new URL(request.url).pathname !== '/token') return request;
    const merged = new Headers(request.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Request(request, { headers: merged });
  };
}

export const contract: VendorContract<TotalmobileClient> = {
  vendor: 'totalmobile',
  definition,
  casesSpec: withFixtureExamples,
  client: (setup) => createTotalmobileClient({ username: USERNAME, password: PASSWORD, ...setup }),
  secrets: [USERNAME, PASSWORD, ACCESS_TOKEN],
  credential: {
    in: 'header',
    name: 'Authorization',
    value: `Bearer ${ACCESS_TOKEN}`,
    forged: 'Bearer forged',
    probe: 'listPlanningWindows',
    unauthorizedBodyMatchesSpec: false,
  },
  token: { path: '/token', body: GRANT },
  // A grant without a password: the password is an x-credential field the client always fills from its options.
  filledByClient: ['getToken body'],
  counts: {
    operations: 31,
    invalidInputs: 40,
    // As of the spec today: 11 named examples (token, 6 × empty {}, version2 {}, notFound null on 200
    // and on 404, the booking screen's week); every other status (30 × 400, 21 × 2xx) has a body
    // Prism generates from the schema.
    responses: { 'status 400': 30, 'success generated': 21, none: 0 },
    namedExamples: [
      'addOrderCode 200 empty',
      'createSalesOrder 201 version2',
      'deleteOrderCode 200 empty',
      'deleteOrderCodeAtLocation 200 empty',
      'getAvailability 200 bookingScreenWeek',
      'getSalesOrder 200 notFound',
      'getSalesOrder 404 notFound',
      'getToken 200 token',
      'setOrderAttributes 200 empty',
      'updateOrderCode 200 empty',
      'updateSalesOrder 200 empty',
    ],
  },
};
