import { ApiError, AuthenticationError, NotFoundError, PermissionDeniedError, ResponseFormatError, ServerError, UnprocessableEntityError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { REQUEST_ID, telecomx } from './support/client.js';
import { json } from '@vendor-contracts/runtime/testing';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

function callWith(response: () => Response) {
  const { client } = telecomx(response);
  return rejection(client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: { notes: 'n' } }));
}

describe('422 field errors (the document lists one row per field and rule)', () => {
  it('a field error object → UnprocessableEntityError with the parsed body, matching the spec', async () => {
    const body = { message: 'offers[].commitment', description: 'Must be between 0 and 60 months' };
    const error = await callWith(() => json(body, 422));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.status).toBe(422);
    expect(error.body).toEqual(body);
    expect(error.bodyMatchesSpec).toBe(true);
    // x-error-fields: `message` is the code column, `description` the text.
    expect(error.code).toBe('offers[].commitment');
    expect(error.message).toBe('telecomx.updateInternetRequest failed with HTTP 422: offers[].commitment: Must be between 0 and 60 months');
  });

  it('a list of field errors → UnprocessableEntityError whose body is the parsed list, in order', async () => {
    const list = [
      { message: 'takeoverCircuit', description: 'Circuit is required for takeover' },
      { message: 'takeoverCustomer', description: 'Customer id is required for takeover' },
      { message: 'offers[0].monthlyCost', description: 'Must be between 0 and 500000' },
    ];
    const error = await callWith(() => json(list, 422));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(Array.isArray(error.body)).toBe(true);
    expect(error.body).toEqual(list);
    // The spec assumes one object per 422; a list is surfaced as-is and flagged as off-spec.
    expect(error.bodyMatchesSpec).toBe(false);
    expect(error.message).toBe('telecomx.updateInternetRequest failed with HTTP 422: takeoverCircuit; takeoverCustomer; offers[0].monthlyCost');
  });

  it('keeps fields the spec does not declare in a 422 body', async () => {
    const body = { message: 'notes', description: 'Invalid length. At most 4096 is required.', code: 'E_LENGTH' };
    const error = await callWith(() => json(body, 422));
    expect(error.body).toEqual(body);
    expect(error.bodyMatchesSpec).toBe(true);
  });
});

describe('the other documented error statuses', () => {
  it.each([
    [401, AuthenticationError, { message: 'invalid_token', description: 'Token is invalid' }],
    [403, PermissionDeniedError, { message: 'access_denied', description: 'Insufficient access level' }],
    [404, NotFoundError, { message: 'not_found', description: 'Internet request not found' }],
    [404, NotFoundError, { message: 'address._id', description: 'Address not found' }],
    [500, ServerError, { message: 'internal_error' }],
  ])('%i → %o with the parsed { message, description } body', async (status, Class, body) => {
    const error = await callWith(() => json(body, status));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, body, bodyMatchesSpec: true, vendor: 'telecomx', operationId: 'updateInternetRequest' });
  });

  it('an error body that is not the documented shape is still surfaced, flagged bodyMatchesSpec: false', async () => {
    const error = await callWith(() => json({ error: 'boom' }, 500));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.body).toEqual({ error: 'boom' });
    expect(error.bodyMatchesSpec).toBe(false);
  });

  it('an HTML error page on a 502 → ServerError carrying the text', async () => {
    const error = await callWith(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe('<html>Bad gateway</html>');
  });

  it('a 200 that is not JSON → ResponseFormatError', async () => {
    const { client } = telecomx(() => new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } }));
    const error = await rejection(client.updateInternetRequest({ path: { requestId: REQUEST_ID }, body: {} }));
    expect(error).toBeInstanceOf(ResponseFormatError);
  });
});
