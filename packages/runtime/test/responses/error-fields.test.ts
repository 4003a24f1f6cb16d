/** `x-error-fields`: the spec says where an error body keeps the vendor's code and message. */
import { describe, expect, it } from 'vitest';
import { ApiError, NotFoundError, ServerError, VendorError } from '../../src/index.js';
import { acmeClient } from '../support/client.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

async function errorFor(body: unknown, status: number): Promise<ApiError> {
  const seen = observedFetch(() => json(body, status));
  const client = acmeClient({ fetch: seen.fetch, retry: { maxRetries: 0 } });
  return client.getItem({ path: { id: 1 } }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: ApiError) => e,
  );
}

describe('x-error-fields', () => {
  it.each([
    ['an object with code and message', { code: 'not_found', error: 'Item not found' }, 'not_found', 'not_found: Item not found'],
    ['a list of field errors (first entry)', [{ code: 'too_long', error: 'name is too long', location: ['name'] }], 'too_long', 'too_long: name is too long'],
    ['a message only', { error: 'Item not found' }, undefined, 'Item not found'],
    ['a nested message object', { detail: { message: 'gone' } }, undefined, 'gone'],
    ['a numeric code', { code: 4041, error: 'x' }, '4041', '4041: x'],
  ])('%s → code and message read where the spec says', async (_, body, code, detail) => {
    const error = await errorFor(body, 404);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ vendor: 'acme', operationId: 'getItem', status: 404, code, body });
    expect(error.message).toBe(`acme.getItem failed with HTTP 404: ${detail}`);
    expect(JSON.parse(JSON.stringify(error)).code).toBe(code);
  });

  it('a body without the declared fields keeps code undefined and a bare message', async () => {
    const error = await errorFor({ unrelated: true }, 500);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe('acme.getItem failed with HTTP 500');
  });

  it('cuts a long vendor message to 200 characters', async () => {
    const error = await errorFor({ error: 'x'.repeat(1_000) }, 404);
    expect(error.message).toBe(`acme.getItem failed with HTTP 404: ${'x'.repeat(200)}…`);
  });

  it('operations without x-error-fields still summarise the body as before', async () => {
    const seen = observedFetch(() => json({ error: 'bad name' }, 400));
    const error = (await acmeClient({ fetch: seen.fetch })
      .createItem({ body: { name: 'a' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 400, code: undefined, message: 'acme.createItem failed with HTTP 400: bad name' });
  });

  it('VendorError (2xx error body) keeps its code from x-vendor-error', async () => {
    const seen = observedFetch(() => json({ status: 'ERR_NO_FUNDS', detail: 'Top up first' }));
    const error = (await acmeClient({ fetch: seen.fetch })
      .createItem({ body: { name: 'a' } })
      .catch((e: unknown) => e)) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ vendor: 'acme', operationId: 'createItem', status: 200, code: 'ERR_NO_FUNDS', retryable: false });
    expect(error.message).toBe('acme.createItem returned an error in a 200 answer: ERR_NO_FUNDS: Top up first');
  });
});
