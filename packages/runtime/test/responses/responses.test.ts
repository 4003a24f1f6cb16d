import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  ResponseContractError,
  ResponseFormatError,
  ServerError,
  UnprocessableEntityError,
  VendorError,
} from '../../src/index.js';
import { acmeClient } from '../support/client.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

describe('responses', () => {
  it('returns a valid 2xx body, keeping and reporting fields the spec does not declare', async () => {
    const reports: unknown[] = [];
    const client = acmeClient({
      fetch: observedFetch(() => json({ id: 1, name: 'n', brand_new: { deep: true } })).fetch,
      hooks: { onUnknownFields: (e) => reports.push(e) },
    });
    await expect(client.getItem({ path: { id: 1 } })).resolves.toEqual({ id: 1, name: 'n', brand_new: { deep: true } });
    expect(reports).toEqual([
      {
        vendor: 'acme',
        operationId: 'getItem',
        method: 'GET',
        path: '/items/{id}',
        callId: expect.any(Number),
        status: 200,
        pointers: ['/brand_new'],
        shapes: [{ type: 'object', keys: ['deep'] }],
        omitted: 0,
      },
    ]);
  });

  it('reports unknown fields inside arrays and unions by JSON pointer', async () => {
    const reports: string[][] = [];
    const client = acmeClient({
      fetch: observedFetch(() =>
        json([
          { id: 1, name: 'a' },
          { id: 2, name: 'b', later: 1 },
        ]),
      ).fetch,
      hooks: { onUnknownFields: (e) => reports.push(e.pointers) },
    });
    await client.listItems();
    expect(reports).toEqual([['/1/later']]);
  });

  it('turns a contract break into ResponseContractError naming the JSON pointer', async () => {
    const client = acmeClient({
      fetch: observedFetch(() =>
        json([
          { id: 1, name: 'a' },
          { id: 'two', name: 'b' },
        ]),
      ).fetch,
    });
    const error = await client.listItems().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues).toEqual([{ path: '/1/id', rule: 'type: integer', message: expect.any(String) }]);
    expect((error as ResponseContractError).status).toBe(200);
  });

  it('passes a 2xx body through unchecked when response validation is off', async () => {
    const client = acmeClient({ fetch: observedFetch(() => json([{ id: 'two' }])).fetch, validateResponses: false });
    await expect(client.listItems()).resolves.toEqual([{ id: 'two' }]);
  });

  it('turns a body that is not JSON into ResponseFormatError', async () => {
    const client = acmeClient({ fetch: observedFetch(() => new Response('<html>oops</html>', { status: 200, headers: { 'content-type': 'text/html' } })).fetch });
    const error = await client.getItem({ path: { id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).contentType).toBe('text/html');
  });

  // R10: the spec promises JSON, so a body labelled otherwise fails even when it parses; an
  // unlabelled body is still judged by its content.
  it.each(['text/html; charset=utf-8', 'text/plain', 'application/xml'])(
    'turns a valid JSON 2xx body labelled %s into ResponseFormatError (reason content-type)',
    async (contentType) => {
      const client = acmeClient({
        fetch: observedFetch(() => new Response(JSON.stringify({ id: 1, name: 'one' }), { status: 200, headers: { 'content-type': contentType } })).fetch,
      });
      const error = (await client.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ResponseFormatError;
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error).toMatchObject({ reason: 'content-type', contentType, status: 200 });
      expect(error.message).toContain('is not labelled as JSON');
    },
  );

  it('accepts a valid JSON 2xx body with no content-type, or a +json one', async () => {
    const unlabelled = new Response(new TextEncoder().encode(JSON.stringify({ id: 1, name: 'one' })), { status: 200 });
    expect(unlabelled.headers.get('content-type')).toBeNull();
    await expect(acmeClient({ fetch: observedFetch(() => unlabelled).fetch }).getItem({ path: { id: 1 } })).resolves.toEqual({ id: 1, name: 'one' });
    const problem = new Response(JSON.stringify({ id: 1, name: 'one' }), { status: 200, headers: { 'content-type': 'application/vnd.acme+json' } });
    await expect(acmeClient({ fetch: observedFetch(() => problem).fetch }).getItem({ path: { id: 1 } })).resolves.toEqual({ id: 1, name: 'one' });
  });

  it('says a truncated JSON body is a syntax problem', async () => {
    const client = acmeClient({ fetch: observedFetch(() => new Response('{"id":"o', { status: 200, headers: { 'content-type': 'application/json' } })).fetch });
    await expect(client.getItem({ path: { id: 1 } })).rejects.toMatchObject({ name: 'ResponseFormatError', reason: 'syntax' });
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, ApiError],
  ])('maps HTTP %i to %o with status, operationId and the parsed body', async (status, Class) => {
    const client = acmeClient({ fetch: observedFetch(() => json({ error: `status ${status}` }, status, { 'x-request-id': 'req-1' })).fetch });
    const error = (await client.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error.constructor).toBe(Class);
    expect(error).toMatchObject({ status, operationId: 'getItem', vendor: 'acme', body: { error: `status ${status}` }, requestId: 'req-1' });
    expect(error.message).toBe(`acme.getItem failed with HTTP ${status}: status ${status}`);
  });

  it('says whether an error body matched the schema the spec declares', async () => {
    const documented = acmeClient({ fetch: observedFetch(() => json({ error: 'Item not found' }, 404)).fetch });
    await expect(documented.getItem({ path: { id: 1 } })).rejects.toMatchObject({ bodyMatchesSpec: true });
    const other = acmeClient({ fetch: observedFetch(() => json({ message: 'nope' }, 404)).fetch });
    await expect(other.getItem({ path: { id: 1 } })).rejects.toMatchObject({ bodyMatchesSpec: false, body: { message: 'nope' } });
    const text = acmeClient({ fetch: observedFetch(() => new Response('Bad Gateway', { status: 502 })).fetch });
    await expect(text.getItem({ path: { id: 1 } })).rejects.toMatchObject({ status: 502, body: 'Bad Gateway' });
  });

  it('turns a 2xx body that the spec marks as an error (x-vendor-error) into VendorError', async () => {
    const client = acmeClient({ fetch: observedFetch(() => json({ status: 'ERR_NOT_ENOUGH_FUNDS', detail: 'top up first' })).fetch });
    const error = (await client.createItem({ body: { name: 'n' } }).catch((e: unknown) => e)) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'ERR_NOT_ENOUGH_FUNDS', status: 200, operationId: 'createItem', retryable: false });
    expect(error.message).toBe('acme.createItem returned an error in a 200 answer: ERR_NOT_ENOUGH_FUNDS: top up first');
    const ok = acmeClient({ fetch: observedFetch(() => json({ id: 3, name: 'n' })).fetch });
    await expect(ok.createItem({ body: { name: 'n' } })).resolves.toEqual({ id: 3, name: 'n' });
  });
});
