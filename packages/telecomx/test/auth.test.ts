import { AuthenticationError, ConfigError, ConnectionError, PermissionDeniedError, RequestValidationError, ResponseContractError, cachedToken } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { createTelecomxClient, type TelecomxClientOptions } from '../src/index.js';
import { exposed, REQUEST_ID, SECRET, SPARSE, telecomx } from './support/client.js';
import { json } from '@vendor-contracts/runtime/testing';

describe('the token option (bearerAuth)', () => {
  it('sends exactly `Authorization: Bearer <token>` on a POST to /internet/request/{requestId} of production', async () => {
    const { client, seen } = telecomx();
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { reference: 'Donald Duck' } });
    expect(seen.requests).toHaveLength(1);
    const request = seen.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.telecomx.dk/internet/request/${REQUEST_ID}`);
    expect(request.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ reference: 'Donald Duck' });
  });

  it('puts the token in the Authorization header only: never in the URL or the body', async () => {
    const { client, seen } = telecomx();
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { notes: 'n' } });
    const request = seen.requests[0]!;
    expect(request.url).not.toContain(SECRET);
    expect(seen.bodies[0]).not.toContain(SECRET);
    const others = [...request.headers].filter(([name]) => name !== 'authorization');
    expect(JSON.stringify(others)).not.toContain(SECRET);
  });

  it('calls a token function on every request (e.g. the runtime cachedToken around /auth/login)', async () => {
    let n = 0;
    const { client, seen } = telecomx(undefined, { token: () => `token-${++n}` });
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    expect(seen.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);

    let logins = 0;
    const token = cachedToken({ acquire: async () => ({ accessToken: `login-${++logins}`, expiresIn: 3600 }) });
    const cached = telecomx(undefined, { token });
    await cached.client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    await cached.client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    expect(cached.seen.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer login-1', 'Bearer login-1']);
    expect(logins).toBe(1);
  });

  it('authenticates calls through the raw openapi-fetch client too', async () => {
    const { client, seen } = telecomx();
    await client.raw.POST('/internet/request/{requestId}', { params: { path: { requestId: REQUEST_ID } }, body: {} });
    expect(seen.requests[0]!.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
  });

  it('uses baseUrl instead of production when given (a proxy, a Prism mock)', async () => {
    const { client, seen } = telecomx(undefined, { baseUrl: 'http://127.0.0.1:4010/' });
    expect(client.baseUrl).toBe('http://127.0.0.1:4010');
    await client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} });
    expect(seen.requests[0]!.url).toBe(`http://127.0.0.1:4010/internet/request/${REQUEST_ID}`);
    expect(createTelecomxClient({ token: SECRET, environment: 'production' }).baseUrl).toBe('https://api.telecomx.dk');
  });

  it.each([
    ['missing', undefined, /token is required/],
    ['empty', '', /token is required/],
    ['blank', '   ', /token is required/],
    ['not a string', 42, /token is required/],
  ])('refuses a %s token at construction with a ConfigError naming the option', (_, token, message) => {
    const make = () => createTelecomxClient({ token } as unknown as TelecomxClientOptions);
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(message);
  });

  it('refuses no options at all with the same ConfigError', () => {
    expect(() => createTelecomxClient(undefined as unknown as TelecomxClientOptions)).toThrow(/telecomx: token is required/);
  });

  it.each([
    ['already prefixed with Bearer', `Bearer ${SECRET}`, /the client adds the 'Bearer ' prefix/],
    ['prefixed with lower-case bearer', `bearer ${SECRET}`, /the client adds the 'Bearer ' prefix/],
    ['holding a line break', `${SECRET}\r\nX-Injected: 1`, /must not contain whitespace/],
    ['holding a space', `${SECRET} x`, /must not contain whitespace/],
  ])('refuses a token %s, without echoing it', (_, token, message) => {
    let error: unknown;
    try {
      createTelecomxClient({ token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).toMatch(/^telecomx: token /);
    expect(exposed(error)).not.toContain(SECRET);
  });
});

describe('the token never appears in an error', () => {
  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error('expected a failure');
  }

  it.each([
    [401, AuthenticationError, { message: 'invalid_token', description: 'The token is invalid' }],
    [403, PermissionDeniedError, { message: 'access_denied', description: 'Insufficient access level' }],
  ])('%i → %o, without the token', async (status, Class, body) => {
    const { client } = telecomx(() => json(body, status));
    const error = await failure(() => client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} }));
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, body, bodyMatchesSpec: true, vendor: 'telecomx', operationId: 'updateInternetRequest' });
    expect(exposed(error)).not.toContain(SECRET);
  });

  it('a RequestValidationError (nothing sent), without the token', async () => {
    const { client, seen } = telecomx();
    const error = await failure(() => client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { ipAddresses: 3 as 1 } }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(seen.requests).toHaveLength(0);
    expect(exposed(error)).not.toContain(SECRET);
  });

  it('a ConnectionError whose cause mentions the request, without the token', async () => {
    const { client } = telecomx((request) => {
      throw new TypeError(`fetch failed for ${request.url}`);
    });
    const error = await failure(() => client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(exposed(error)).not.toContain(SECRET);
  });

  it('a ResponseContractError, without the token', async () => {
    const { client } = telecomx(() => json({ ...SPARSE, ipAddresses: 3 }));
    const error = await failure(() => client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} }));
    expect(error).toBeInstanceOf(ResponseContractError);
    expect(exposed(error)).not.toContain(SECRET);
  });

  it('hooks see the path template, never the token', async () => {
    const events: string[] = [];
    const { client } = telecomx(() => json({ message: 'not_found', description: 'Internet request not found' }, 404), {
      hooks: {
        // The callId counts calls in the process: its value depends on the tests before this one.
        onRequest: (e) => events.push(JSON.stringify(e).replace(/"callId":\d+/, '"callId":N')),
        onResponse: (e) => events.push(JSON.stringify(e)),
        onError: (e) => events.push(JSON.stringify(e)),
      },
    });
    await expect(client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} })).rejects.toThrow();
    expect(events).toHaveLength(3);
    expect(events[0]).toBe('{"vendor":"telecomx","operationId":"updateInternetRequest","method":"POST","path":"/internet/request/{requestId}","callId":N,"attempt":1}');
    expect(events.join('\n')).not.toContain(SECRET);
  });
});
