import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnexpectedRedirectError } from '../../src/index.js';
import { type FaultServer, startFaultServer } from '../fault/server.js';
import { failure, harness, type Method } from '../retry/harness.js';
import { SECRET } from '../support/client.js';

let a: FaultServer;
let b: FaultServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
});

const CASES = ([301, 302, 303, 307, 308] as const).flatMap((status) => (['GET', 'POST'] as Method[]).map((method) => ({ status, method })));

describe('redirects are never followed (S3)', () => {
  it.each(CASES)('$status × $method → UnexpectedRedirectError, 0 requests reach the second port', async ({ status, method }) => {
    a.fallback = { fault: 'redirect-to', status, location: `${b.url}/steal?api_key=${SECRET}` };
    const h = harness(a.url);
    const error = await failure(h.call(method));
    expect(error).toBeInstanceOf(UnexpectedRedirectError);
    expect(error).toMatchObject({ status, locationHost: `127.0.0.1:${b.port}`, operationId: method === 'GET' ? 'getItem' : 'createItem' });
    expect(a.ledger).toHaveLength(1); // not retried either
    expect(b.ledger).toHaveLength(0);
    expect(b.connections).toBe(0);
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('api_key');
    }
  });

  it('names a relative Location by the request host', async () => {
    a.fallback = { fault: 'redirect-to', location: '/elsewhere?token=x' };
    const error = await failure(harness(a.url).call('GET'));
    expect(error).toMatchObject({ name: 'UnexpectedRedirectError', locationHost: `127.0.0.1:${a.port}` });
  });

  it('the raw openapi-fetch client does not follow redirects either', async () => {
    a.fallback = { fault: 'redirect-to', location: `${b.url}/x` };
    const { response } = await harness(a.url).client.raw.GET('/items/{id}' as never, { params: { path: { id: 1 } } } as never);
    expect(response.status).toBe(302);
    expect(b.ledger).toHaveLength(0);
  });
});
