/**
 * The OAuth2 password flow read from the spec: `flows.password.tokenUrl` names the token
 * operation; `username`/`password` credentials are all a vendor needs.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadRequestError, ConfigError, createVendorClient, passwordFlows, TokenAcquisitionError, type VendorDefinition } from '../../src/index.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

const Token = z.looseObject({ access_token: z.string(), expires_in: z.number() });
const TokenError = z.looseObject({ error: z.string() });
const USERNAME = 'pf-user-3c1d@example.test';
const PASSWORD = 'pf-pass-8e2a&=+';

function definitionWith(tokenUrl: string): VendorDefinition {
  return {
    vendor: 'granted',
    servers: { production: 'https://api.granted.test/base' },
    securitySchemes: { oauth: { type: 'oauth2', flows: { password: { tokenUrl, scopes: {} } } } },
    operations: {
      getToken: {
        operationId: 'getToken',
        method: 'POST',
        path: '/oauth/token',
        security: [],
        idempotent: false,
        responseVendorErrors: {},
        bodyMediaType: 'application/x-www-form-urlencoded',
        credentials: [],
        request: { body: z.strictObject({ grant_type: z.string(), username: z.string(), password: z.string() }) },
        responses: { '200': Token, '400': TokenError },
        strictResponses: { '200': Token.strict(), '400': TokenError },
      },
      listThings: {
        operationId: 'listThings',
        method: 'GET',
        path: '/things',
        security: [{ oauth: [] }],
        idempotent: true,
        credentials: [],
        responseVendorErrors: {},
        request: {},
        responses: { '200': z.array(z.unknown()) },
        strictResponses: { '200': z.array(z.unknown()) },
      },
    },
  };
}
const definition = definitionWith('/oauth/token');
const isToken = (r: Request) => new URL(r.url).pathname.endsWith('/oauth/token');

describe('passwordFlows', () => {
  it('pairs each scheme with the POST operation its tokenUrl names, relative or absolute on a server', () => {
    expect(passwordFlows(definition).map((f) => [f.scheme, f.tokenOperation.operationId])).toEqual([['oauth', 'getToken']]);
    expect(passwordFlows(definitionWith('https://api.granted.test/base/oauth/token')).map((f) => f.tokenOperation.operationId)).toEqual(['getToken']);
  });

  it('refuses a tokenUrl that is not an operation of the spec', () => {
    expect(() => passwordFlows(definitionWith('/elsewhere'))).toThrow(ConfigError);
    expect(() => createVendorClient(definitionWith('/elsewhere'), { credentials: { username: USERNAME, password: PASSWORD } })).toThrow(
      /tokenUrl \(\/elsewhere\) declared as a POST operation/,
    );
  });
});

describe('a client with username and password credentials', () => {
  it('gets one token for concurrent calls through the token operation (form body, no bearer) and sends it as a bearer token', async () => {
    const seen = observedFetch((r) => (isToken(r) ? json({ access_token: 'tok-1', expires_in: 3600 }) : json([])));
    const client = createVendorClient(definition, { fetch: seen.fetch, credentials: { username: USERNAME, password: PASSWORD } });
    await Promise.all([client.call('listThings'), client.call('listThings'), client.call('listThings')]);
    const tokens = seen.requests.filter(isToken);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.url).toBe('https://api.granted.test/base/oauth/token');
    expect(tokens[0]!.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(seen.bodies[seen.requests.indexOf(tokens[0]!)]))).toEqual({ grant_type: 'password', username: USERNAME, password: PASSWORD });
    expect(seen.requests.filter((r) => !isToken(r)).map((r) => r.headers.get('authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
  });

  it('a rejected grant is a TokenAcquisitionError whose cause is the typed answer, with the credentials scrubbed', async () => {
    const seen = observedFetch((r) => (isToken(r) ? json({ error: 'invalid_grant', detail: `bad ${USERNAME}/${PASSWORD}` }, 400) : json([])));
    const client = createVendorClient(definition, { fetch: seen.fetch, credentials: { username: USERNAME, password: PASSWORD } });
    const error = await client.call('listThings').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenAcquisitionError);
    expect((error as Error).cause).toBeInstanceOf(BadRequestError);
    expect(seen.requests.filter((r) => !isToken(r))).toHaveLength(0);
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${JSON.stringify(((error as Error).cause as BadRequestError).body)}`;
    for (const secret of [USERNAME, PASSWORD]) expect(text).not.toContain(secret);
  });

  it('a credential given for the scheme itself wins: no token request', async () => {
    const seen = observedFetch(() => json([]));
    const client = createVendorClient(definition, { fetch: seen.fetch, credentials: { oauth: 'given', username: USERNAME, password: PASSWORD } });
    await client.call('listThings');
    expect(seen.requests.map((r) => [new URL(r.url).pathname, r.headers.get('authorization')])).toEqual([['/base/things', 'Bearer given']]);
  });

  it('without username and password there is no flow, and the call goes unauthenticated', async () => {
    const seen = observedFetch(() => json([]));
    await createVendorClient(definition, { fetch: seen.fetch }).call('listThings');
    expect(seen.requests.map((r) => r.headers.get('authorization'))).toEqual([null]);
  });
});
