import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../src/index.js';
import { acmeClient, SECRET } from '../support/client.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

async function rejection(promise: Promise<unknown>): Promise<RequestValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestValidationError);
  return error as RequestValidationError;
}

describe('request validation (before any network call)', () => {
  it('names every failing field with its rule and sends nothing', async () => {
    const seen = observedFetch(() => json({}));
    const client = acmeClient({ fetch: seen.fetch });
    const error = await rejection(client.createItem({ body: { name: 'a name that is too long', count: 9, extra: true } as never }));
    expect(error.issues).toEqual([
      { path: 'body.name', rule: 'maxLength: 10', message: expect.stringContaining('10') },
      { path: 'body.count', rule: 'maximum: 5', message: expect.stringContaining('5') },
      { path: 'body.extra', rule: 'additionalProperties: false', message: expect.any(String) },
    ]);
    expect(error.message).toContain('acme.createItem');
    expect(error.message).toContain('body.name');
    expect(error.operationId).toBe('createItem');
    expect(seen.requests).toHaveLength(0);
  });

  it('reports missing required fields and parameters as "required"', async () => {
    const seen = observedFetch(() => json({}));
    const client = acmeClient({ fetch: seen.fetch });
    const error = await rejection(client.getItem({} as never));
    expect(error.issues).toEqual([{ path: 'path.id', rule: 'required', message: 'is required' }]);
    const body = await rejection(client.createItem({ body: {} } as never));
    expect(body.issues.map((i) => `${i.path} ${i.rule}`)).toEqual(['body.name required']);
    expect(seen.requests).toHaveLength(0);
  });

  it('checks parameter types, enums and formats in every location', async () => {
    const client = acmeClient({ fetch: observedFetch(() => json({})).fetch });
    const error = await rejection(client.getItem({ path: { id: 0 }, query: { verbose: 'yes' } } as never));
    expect(error.issues.map((i) => `${i.path} ${i.rule}`)).toEqual(['path.id minimum: 1', 'query.verbose type: boolean']);
    const header = await rejection(client.listItems({ header: { 'X-Filter': 'some' } } as never));
    expect(header.issues[0]).toMatchObject({ path: 'header.X-Filter', rule: 'enum: "all" | "mine"' });
  });

  it('rejects a part the operation does not take', async () => {
    const client = acmeClient({ fetch: observedFetch(() => json([])).fetch });
    const error = await rejection(client.listItems({ body: { a: 1 } } as never));
    expect(error.issues).toEqual([{ path: 'body', rule: 'not allowed', message: 'listItems takes no body' }]);
  });

  it('never puts the rejected value in the error (it may be a secret)', async () => {
    const client = acmeClient({ fetch: observedFetch(() => json({})).fetch, credentials: { Bearer: 'x', apiKey: `${SECRET} !` } });
    const error = await rejection(client.createItem({ body: { name: 'ok' } }));
    expect(error.issues).toEqual([{ path: 'body.api_key', rule: expect.stringMatching(/^pattern/), message: expect.any(String) }]);
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error)]) expect(text).not.toContain(SECRET);
  });

  it('can be switched off, and then sends what it is given', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch, validateRequests: false });
    await client.createItem({ body: { name: 'a name that is too long' } });
    expect(seen.requests).toHaveLength(1);
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ name: 'a name that is too long', api_key: SECRET });
  });
});
