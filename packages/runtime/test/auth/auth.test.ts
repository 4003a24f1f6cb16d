import { describe, expect, it } from 'vitest';
import { ConfigError, createVendorClient } from '../../src/index.js';
import { acmeClient, SECRET } from '../support/client.js';
import { definition, type operations, type paths } from '../support/fixture.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

describe('credentials, servers and per-operation settings', () => {
  it('puts an apiKey scheme raw in its header', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    await acmeClient({ fetch: seen.fetch }).getItem({ path: { id: 1 } });
    expect(seen.requests[0]!.headers.get('authorization')).toBe(SECRET);
    expect(seen.requests[0]!.url).toBe('https://api.acme.test/items/1');
  });

  it('puts an apiKey query scheme in the query string, and sends the highest API version', async () => {
    const seen = observedFetch(() => json([]));
    await acmeClient({ fetch: seen.fetch }).listItems();
    expect(new URL(seen.requests[0]!.url).searchParams.get('key')).toBe(SECRET);
    expect(seen.requests[0]!.headers.get('accept')).toBe('application/json; version=3');
  });

  it('lets a call choose an accepted API version, and refuses one the operation does not accept', async () => {
    const seen = observedFetch(() => json([]));
    const client = acmeClient({ fetch: seen.fetch });
    await client.listItems(undefined, { apiVersion: 2 });
    expect(seen.requests[0]!.headers.get('accept')).toBe('application/json; version=2');
    await expect(client.listItems(undefined, { apiVersion: 4 })).rejects.toThrow('accepts API versions 1, 2, 3, not 4');
    expect(seen.requests).toHaveLength(1);
  });

  it('sends bearer tokens, resolving a token function per request, and fills x-credential body fields', async () => {
    let n = 0;
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch, credentials: { Bearer: () => `token-${++n}`, apiKey: SECRET } });
    await client.createItem({ body: { name: 'a' } });
    await client.createItem({ body: { name: 'b' } });
    expect(seen.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ name: 'a', api_key: SECRET });
  });

  it('serialises form-urlencoded bodies', async () => {
    const seen = observedFetch(() => json({ access_token: 't' }));
    await acmeClient({ fetch: seen.fetch }).token({ body: { grant_type: 'password', username: 'u', password: 'p&w' } });
    expect(seen.requests[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(seen.bodies[0]).toBe('grant_type=password&username=u&password=p%26w');
  });

  it('authenticates calls made through the raw openapi-fetch client too', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch });
    await client.raw.GET('/items/{id}' as never, { params: { path: { id: 1 } } } as never);
    expect(seen.requests[0]!.headers.get('authorization')).toBe(SECRET);
  });

  it('picks the server by environment and rejects unusable base URLs at construction', () => {
    expect(acmeClient({ environment: 'test' }).baseUrl).toBe('https://sandbox.acme.test');
    expect(acmeClient({ baseUrl: 'http://127.0.0.1:4010/' }).baseUrl).toBe('http://127.0.0.1:4010');
    const make = (options: object) => () => createVendorClient<paths, operations>(definition, options);
    expect(make({ environment: 'staging' })).toThrow(new ConfigError('acme: unknown environment "staging"; pass baseUrl or one of: production, test', { vendor: 'acme' }));
    expect(make({ baseUrl: 'https://user:pw@api.acme.test' })).toThrow(/must not carry credentials/);
    expect(make({ baseUrl: '{baseUrl}' })).toThrow(ConfigError);
    expect(make({ baseUrl: 'ftp://x.test' })).toThrow(/https/);
    expect(make({ timeout: 0 })).toThrow(/timeout/);
  });

  it('S4: plain http only to loopback hosts; anything else is a ConfigError at construction, before any request', () => {
    let requests = 0;
    const make = (baseUrl: string) => () =>
      createVendorClient<paths, operations>(definition, {
        baseUrl,
        fetch: async () => {
          requests++;
          return json({});
        },
      });
    for (const url of ['http://127.0.0.1:8080', 'http://127.10.0.2', 'http://localhost:3000', 'http://api.localhost', 'http://[::1]:4010']) expect(make(url)).not.toThrow();
    for (const url of ['http://api.acme.test', 'http://10.0.0.5', 'http://192.168.1.2:80', 'http://127.0.0.1.evil.test', 'http://localhost.evil.test', 'http://[::2]']) {
      expect(make(url), url).toThrow(new ConfigError('acme: baseUrl must use https; http is allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1])', { vendor: 'acme' }));
    }
    expect(requests).toBe(0);
  });

  it('emits request, response and error events with no secrets in them', async () => {
    const events: string[] = [];
    const client = acmeClient({
      fetch: observedFetch(() => json({ error: 'gone' }, 404)).fetch,
      hooks: {
        onRequest: (e) => events.push(`request ${JSON.stringify(e).replace(/"callId":\d+/, '"callId":N')}`),
        onResponse: (e) => events.push(`response ${e.status}`),
        onError: (e) => events.push(`error ${e.error.name}`),
      },
    });
    await expect(client.getItem({ path: { id: 1 } })).rejects.toThrow();
    expect(events).toEqual(['request {"vendor":"acme","operationId":"getItem","method":"GET","path":"/items/{id}","callId":N,"attempt":1}', 'response 404', 'error NotFoundError']);
    expect(events.join()).not.toContain(SECRET);
  });
});
