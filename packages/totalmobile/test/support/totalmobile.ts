/** A Totalmobile client on an injected fetch whose `/token` answers a grant, plus the canary credentials. */
import { createTotalmobileClient, type TotalmobileClientOptions } from '../../src/index.js';
import { json, type Observed, observedFetch } from '@vendor-contracts/runtime/testing';

export const USERNAME = 'canary-user-4b7e@clouddialogs.com';
/** Characters that need form encoding, so the body proves it is encoded. */
export const PASSWORD = 'canary-pw-9d2f&x=1+y%z';
export const ACCESS_TOKEN = 'canary-access-token-61c0';
export const QA = 'https://api-qa-customer.clouddialogs.com/WS-API';

export const isTokenRequest = (request: Request): boolean => new URL(request.url).pathname.endsWith('/token');

export function tokenResponse(overrides: Record<string, unknown> = {}): Response {
  return json({ access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 86399, ...overrides });
}

/** `/token` grants ACCESS_TOKEN; everything else goes to `handler`. */
export function grantingFetch(handler: (request: Request) => Response | Promise<Response>): Observed {
  return observedFetch((request) => (isTokenRequest(request) ? tokenResponse() : handler(request)));
}

export function client(fetch: Observed['fetch'], options: Partial<TotalmobileClientOptions> = {}) {
  return createTotalmobileClient({ username: USERNAME, password: PASSWORD, fetch, ...options });
}

/** Every string the client must never put in an error. */
export function leakedSecrets(error: unknown): string[] {
  const e = error as Error;
  const texts = [e.message, e.stack ?? '', JSON.stringify(e)];
  return [USERNAME, PASSWORD, encodeURIComponent(PASSWORD), ACCESS_TOKEN].filter((s) => texts.some((t) => t.includes(s)));
}
