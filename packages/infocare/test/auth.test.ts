import { AuthenticationError, ConnectionError, NotFoundError, RequestValidationError, TimeoutError, VendorError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { json } from '@vendor-contracts/runtime/testing';
import { GUID, infocare, leakSurface, routed, TOKEN } from './support/client.js';

describe('the partner token (security scheme partnerToken)', () => {
  it('is sent raw in X-Hub-Api-Token on every operation, never in the URL or the body', async () => {
    const { client, seen } = infocare((request) => json(request.url.includes('routing') ? routed : request.url.includes('log') ? { data: { id: 1 } } : { data: { result: true } }));
    await client.sendCompletedEmail({ body: { guid: GUID, email: 'test@example.com' } });
    await client.getRouting({ query: { manufacturer: 'apple' } });
    await client.logExternalRequest({ body: { type: 'testRequest', status: 'success', meta: { caseId: 7680 } } });
    expect(seen.requests).toHaveLength(3);
    for (const [i, request] of seen.requests.entries()) {
      expect(request.headers.get('x-hub-api-token')).toBe(TOKEN);
      expect(request.headers.get('authorization')).toBeNull();
      expect(request.url).not.toContain(TOKEN);
      expect(new URL(request.url).searchParams.has('accessToken')).toBe(false);
      expect(seen.bodies[i]).not.toContain(TOKEN);
    }
  });

  it('authenticates the raw openapi-fetch client too', async () => {
    const { client, seen } = infocare(() => json(routed));
    const { data } = await client.raw.GET('/api/v3/routing', { params: { query: { serviceType: 3 } } });
    expect(seen.requests[0]!.headers.get('x-hub-api-token')).toBe(TOKEN);
    expect(data?.data.servicePartner.name).toBe('InfoCare Workshop SE');
  });

  it('cannot be replaced by the headers option', async () => {
    const { client, seen } = infocare(() => json({ data: { result: true } }), { headers: { 'X-Hub-Api-Token': 'someone-else' } });
    await client.sendCompletedEmail({ body: { guid: GUID } });
    expect(seen.requests[0]!.headers.get('x-hub-api-token')).toBe(TOKEN);
  });

  it('never appears in any error, whatever goes wrong', async () => {
    const failures: Array<[Response | 'throw' | 'hang', new (...args: never[]) => Error]> = [
      [json({ error: { message: 'Invalid token' }, data: null }, 401), AuthenticationError],
      [json({ error: { message: "Can't process this case" }, data: null }, 404), NotFoundError],
      [json({ error: 'Case is closed', data: null }), VendorError],
      ['throw', ConnectionError],
      ['hang', TimeoutError],
    ];
    for (const [answer, Class] of failures) {
      const { client } = infocare(
        (request) =>
          answer === 'throw'
            ? Promise.reject(new TypeError('fetch failed'))
            : answer === 'hang'
              ? new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))
              : answer.clone(),
        { timeout: 50 },
      );
      const error = await client.getRouting({ query: { manufacturer: 1009 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Class);
      expect(leakSurface(error)).not.toContain(TOKEN);
    }
    const { client, seen } = infocare();
    const invalid = await client.sendCompletedEmail({ body: { guid: TOKEN } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(RequestValidationError);
    expect(leakSurface(invalid)).not.toContain(TOKEN);
    expect(seen.requests).toHaveLength(0);
  });

  it('is absent from the hook events', async () => {
    const events: string[] = [];
    const { client } = infocare(() => json({ error: 'Not enough data', data: { paramsNeeded: ['manufacturer'] } }, 400), {
      hooks: {
        onRequest: (e) => events.push(JSON.stringify(e)),
        onResponse: (e) => events.push(JSON.stringify(e)),
        onError: (e) => events.push(JSON.stringify(e), leakSurface(e.error)),
      },
    });
    await expect(client.getRouting()).rejects.toThrow();
    expect(events).toHaveLength(4);
    expect(events.join('\n')).not.toContain(TOKEN);
  });
});
