import { BadRequestError, ConnectionError, ResponseContractError, TokenAcquisitionError, type VendorContractsError } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { ACCESS_TOKEN, client, grantingFetch, isTokenRequest, leakedSecrets, PASSWORD, QA, tokenResponse, USERNAME } from './support/totalmobile.js';

const planningWindows = () => json([{ Id: 1, Name: 'ALL DAY', StartHour: 8, StartMinute: 0, EndHour: 16, EndMinute: 59 }]);

async function rejection(promise: Promise<unknown>): Promise<VendorContractsError> {
  try {
    await promise;
  } catch (error) {
    return error as VendorContractsError;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the OAuth2 password grant', () => {
  it('getToken posts the form-urlencoded grant to <baseUrl>/token with the configured username and password, without a bearer token', async () => {
    const seen = observedFetch(() => tokenResponse());
    const token = await client(seen.fetch).getToken({ body: { grant_type: 'password' } });
    expect(token).toEqual({ access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 86399 });
    const [request] = seen.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`${QA}/token`); // appended to the server URL: /WS-API is kept
    expect(request!.headers.get('authorization')).toBeNull();
    expect(request!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(seen.bodies[0]).toBe(`grant_type=password&username=${encodeURIComponent(USERNAME)}&password=${encodeURIComponent(PASSWORD)}`);
    expect(Object.fromEntries(new URLSearchParams(seen.bodies[0]))).toEqual({ grant_type: 'password', username: USERNAME, password: PASSWORD });
  });

  it('a secured call first gets a token through getToken, then sends it as a bearer token; the token is reused', async () => {
    const seen = grantingFetch(planningWindows);
    const tm = client(seen.fetch);
    await tm.listPlanningWindows();
    await tm.listPlanningWindows();
    expect(seen.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /WS-API/token', 'GET /WS-API/api/PlanningWindow', 'GET /WS-API/api/PlanningWindow']);
    expect(seen.requests.slice(1).map((r) => r.headers.get('authorization'))).toEqual([`Bearer ${ACCESS_TOKEN}`, `Bearer ${ACCESS_TOKEN}`]);
    // The credentials travel only in the /token body.
    for (const [i, r] of seen.requests.slice(1).entries()) {
      expect(`${r.url} ${JSON.stringify([...r.headers])} ${seen.bodies[i + 1]}`).not.toContain(PASSWORD);
    }
  });

  it('100 concurrent calls on a cold client make exactly one /token request', async () => {
    const seen = grantingFetch(planningWindows);
    const tm = client(seen.fetch);
    await Promise.all(Array.from({ length: 100 }, () => tm.listPlanningWindows()));
    expect(seen.requests.filter(isTokenRequest)).toHaveLength(1);
    const vendorRequests = seen.requests.filter((r) => !isTokenRequest(r));
    expect(vendorRequests).toHaveLength(100);
    expect(new Set(vendorRequests.map((r) => r.headers.get('authorization')))).toEqual(new Set([`Bearer ${ACCESS_TOKEN}`]));
  });

  it('maps expires_in (seconds) onto the cache: renewed 30 s before it expires, not earlier', async () => {
    // Lifetimes are measured on the monotonic clock (a wall-clock step must not move them).
    let clock = 0;
    let issued = 0;
    const seen = observedFetch((r) => (isTokenRequest(r) ? tokenResponse({ access_token: `token-${++issued}`, expires_in: 3600 }) : planningWindows()));
    const tm = client(seen.fetch, { monotonicNow: () => clock });
    await tm.listPlanningWindows();
    clock = 3_570_000 - 1;
    await tm.listPlanningWindows();
    clock = 3_570_000;
    await tm.listPlanningWindows();
    expect(seen.requests.filter(isTokenRequest)).toHaveLength(2);
    expect(seen.requests.filter((r) => !isTokenRequest(r)).map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('authenticates calls through the raw openapi-fetch client too', async () => {
    const seen = grantingFetch(planningWindows);
    await client(seen.fetch).raw.GET('/api/PlanningWindow');
    expect(seen.requests.map((r) => new URL(r.url).pathname)).toEqual(['/WS-API/token', '/WS-API/api/PlanningWindow']);
    expect(seen.requests[1]!.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
  });
});

describe('a failed grant', () => {
  const invalidGrant = () =>
    observedFetch((r) => (isTokenRequest(r) ? json({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' }, 400) : planningWindows()));

  it('fails the call with TokenAcquisitionError before any vendor request, with no credentials in message, stack or JSON', async () => {
    const seen = invalidGrant();
    const error = await rejection(client(seen.fetch).listPlanningWindows());
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('totalmobile: could not acquire an access token: totalmobile.getToken failed with HTTP 400: invalid_grant: The user name or password is incorrect.');
    expect(seen.requests.map((r) => new URL(r.url).pathname)).toEqual(['/WS-API/token']);
    expect(leakedSecrets(error)).toEqual([]);
    // The cause is the typed 400 of getToken, with the OAuth2 error body.
    const cause = error.cause as BadRequestError;
    expect(cause).toBeInstanceOf(BadRequestError);
    expect(cause.operationId).toBe('getToken');
    expect(cause.code).toBe('invalid_grant'); // x-error-fields: code at /error
    expect(cause.body).toEqual({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' });
    expect(cause.bodyMatchesSpec).toBe(true);
    expect(leakedSecrets(cause)).toEqual([]);
  });

  it('fails every concurrent caller with one /token request, reports TokenAcquisitionError to hooks.onError, and asks again only after the 30 s cooldown', async () => {
    let clock = 0;
    const seen = invalidGrant();
    const errors: string[] = [];
    const tm = client(seen.fetch, { now: () => clock, monotonicNow: () => clock, hooks: { onError: (e) => errors.push(`${e.operationId} ${e.error.name}`) } });
    const results = await Promise.allSettled([tm.listPlanningWindows(), tm.getSalesOrder({ query: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } })]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'fulfilled'))).toEqual(['TokenAcquisitionError', 'TokenAcquisitionError']);
    expect(seen.requests).toHaveLength(1);
    expect(errors).toContain('listPlanningWindows TokenAcquisitionError');
    expect(errors).toContain('getSalesOrder TokenAcquisitionError');
    expect(errors).not.toContain('listPlanningWindows ConnectionError');
    clock = 29_999;
    await expect(tm.call('listPlanningWindows')).rejects.toBeInstanceOf(TokenAcquisitionError);
    expect(seen.requests.filter(isTokenRequest)).toHaveLength(1);
    clock = 30_000;
    await expect(tm.call('listPlanningWindows')).rejects.toBeInstanceOf(TokenAcquisitionError);
    expect(seen.requests.filter(isTokenRequest)).toHaveLength(2);
  });

  it('whatever spelling the token endpoint echoes the username or password in, the TokenAcquisitionError and its cause hold neither', async () => {
    // The runtime's scrubber (not Totalmobile code): every credential the client sends is scrubbed.
    const spellings = [
      (v: string) => v,
      (v: string) => encodeURIComponent(v),
      (v: string) => new URLSearchParams({ v }).toString().slice(2),
      (v: string) => JSON.stringify(v).slice(1, -1),
      (v: string) => btoa(v),
      (v: string) => v.toUpperCase(),
      (v: string) => v.slice(0, 12), // cut off
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...spellings), fc.constantFrom(USERNAME, PASSWORD), fc.constantFrom('body', 'header'), async (spell, secret, where) => {
        const echo = `User ${spell(secret)} is locked`;
        const seen = observedFetch(() =>
          where === 'body' ? json({ error: 'invalid_grant', error_description: echo }, 400) : json({ error: 'invalid_grant' }, 400, { 'x-debug': echo }),
        );
        const error = await rejection(client(seen.fetch).listPlanningWindows());
        expect(error).toBeInstanceOf(TokenAcquisitionError);
        const cause = error.cause as BadRequestError;
        expect(cause).toBeInstanceOf(BadRequestError);
        for (const text of [error.message, error.stack ?? '', JSON.stringify(error), JSON.stringify(cause.body), JSON.stringify(cause.headers), cause.message]) {
          expect(text).not.toContain(spell(secret));
        }
        expect(JSON.stringify(where === 'body' ? cause.body : cause.headers)).toContain('[redacted]');
      }),
      { seed: 95, numRuns: 60 },
    );
  });

  it('a token answer that breaks the contract is a TokenAcquisitionError too, and nothing else is sent', async () => {
    const seen = observedFetch((r) => (isTokenRequest(r) ? json({ token_type: 'bearer', user_name: USERNAME, expires_in: '86399' }) : planningWindows()));
    const error = await rejection(client(seen.fetch).listPlanningWindows());
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    const cause = error.cause as ResponseContractError;
    expect(cause).toBeInstanceOf(ResponseContractError);
    expect(cause.issues.map((i) => i.path).sort()).toEqual(['/access_token', '/expires_in']);
    expect(JSON.stringify(cause.body)).not.toContain(USERNAME);
    expect(leakedSecrets(error)).toEqual([]);
    expect(seen.requests).toHaveLength(1);
  });
});
