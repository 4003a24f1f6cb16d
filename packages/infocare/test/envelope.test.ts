import { ApiError, NotFoundError, ResponseContractError, ServerError, VendorError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { json } from '@vendor-contracts/runtime/testing';
import { GUID, infocare, routed } from './support/client.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error as Error;
}

describe('the { data, error } envelope', () => {
  it('methods resolve to data, not to the envelope', async () => {
    const { client } = infocare(() => json(routed));
    const result = await client.getRouting({ query: { manufacturer: 1009 } });
    expect(result).toEqual(routed.data);
    expect(result).not.toHaveProperty('data');
  });

  it('call() resolves to data as well (x-envelope is applied by the engine), after checking the whole envelope', async () => {
    const { client } = infocare(() => json({ data: { result: true }, requestId: 'r-1' }));
    await expect(client.call('sendCompletedEmail', { body: { guid: GUID } })).resolves.toEqual({ result: true });
    const broken = infocare(() => json({ data: { result: 7 }, requestId: 'r-1' })).client;
    await expect(broken.call('sendCompletedEmail', { body: { guid: GUID } })).rejects.toMatchObject({ name: 'ResponseContractError', issues: [{ path: '/data/result' }] });
  });

  it('raw (openapi-fetch) still returns the whole envelope', async () => {
    const { client } = infocare(() => json({ data: { result: true }, requestId: 'r-1' }));
    const { data } = await client.raw.POST('/api/v3/case/send-completed-email', { body: { guid: GUID } });
    expect(data).toEqual({ data: { result: true }, requestId: 'r-1' });
  });

  it('a 2xx envelope whose error is a string is a VendorError carrying that string', async () => {
    const body = { error: 'Case is closed', data: null };
    const { client } = infocare(() => json(body));
    const error = await rejection(client.sendCompletedEmail({ body: { guid: GUID } }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toBe('infocare.sendCompletedEmail returned an error in a 200 answer: Case is closed');
    expect((error as VendorError).body).toEqual(body);
    expect((error as VendorError).status).toBe(200);
    expect((error as VendorError).operationId).toBe('sendCompletedEmail');
  });

  it('a 2xx envelope whose error is an object is a VendorError carrying its message', async () => {
    const body = { error: { message: "Can't process this case" }, data: { result: true } };
    const { client } = infocare(() => json(body, 201));
    const error = await rejection(client.sendCompletedEmail({ body: { guid: GUID } }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.message).toBe("infocare.sendCompletedEmail returned an error in a 201 answer: Can't process this case");
    expect((error as VendorError).body).toEqual(body);
  });

  it('an error member that is null (or absent) is not an error', async () => {
    const { client } = infocare(() => json({ data: { result: true }, error: null }));
    await expect(client.sendCompletedEmail({ body: { guid: GUID } })).resolves.toEqual({ result: true });
  });

  it('error statuses are typed by status, with the parsed envelope and its text in the message', async () => {
    const notFound = { error: { message: "Can't process this case" }, data: null };
    const error = await rejection(infocare(() => json(notFound, 404)).client.getRouting());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("infocare.getRouting failed with HTTP 404: Can't process this case");
    expect((error as ApiError).body).toEqual(notFound);
    expect((error as ApiError).bodyMatchesSpec).toBe(true);

    const server = await rejection(
      infocare(() => json({ error: 'Database unavailable', data: null }, 503)).client.logExternalRequest({
        body: { type: 't', status: 'error', meta: { caseId: 1 } },
      }),
    );
    expect(server).toBeInstanceOf(ServerError);
    expect(server.message).toBe('infocare.logExternalRequest failed with HTTP 503: Database unavailable');
    expect((server as ApiError).bodyMatchesSpec).toBe(true);
  });

  it('an error body outside the envelope is still an ApiError, marked as not matching the spec', async () => {
    const error = await rejection(infocare(() => new Response('<html>Bad gateway</html>', { status: 502 })).client.getRouting());
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ApiError).bodyMatchesSpec).toBe(false);
  });

  it('a 2xx envelope without data breaks the contract', async () => {
    const error = await rejection(infocare(() => json({ result: true })).client.sendCompletedEmail({ body: { guid: GUID } }));
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues.map((i) => i.path)).toEqual(['/data']);
  });

  it('with validateResponses: false, data is returned unchecked', async () => {
    const { client } = infocare(() => json({ data: { result: 42 } }), { validateResponses: false });
    await expect(client.sendCompletedEmail({ body: { guid: GUID } })).resolves.toEqual({ result: 42 });
  });
});

describe('sendCompletedEmail: result is true or an information message', () => {
  it('resolves to { result: true } when the email was sent', async () => {
    const result = await infocare(() => json({ data: { result: true } })).client.sendCompletedEmail({ body: { guid: GUID } });
    expect(result).toEqual({ result: true });
    expect(result.result === true).toBe(true);
  });

  it('resolves (does not throw) with the message when the email was not sent', async () => {
    const { client } = infocare(() => json({ data: { result: 'Emails are disabled in settings' } }));
    await expect(client.sendCompletedEmail({ body: { guid: GUID } })).resolves.toEqual({ result: 'Emails are disabled in settings' });
  });

  it('rejects any other result (false, a number) as a contract break', async () => {
    for (const result of [false, 0, null]) {
      const error = await rejection(infocare(() => json({ data: { result } })).client.sendCompletedEmail({ body: { guid: GUID } }));
      expect(error).toBeInstanceOf(ResponseContractError);
      expect((error as ResponseContractError).issues[0]!.path).toBe('/data/result');
    }
  });
});

describe('logExternalRequest', () => {
  it('resolves to the saved record, keeping fields the spec does not declare', async () => {
    const saved = { id: 12, type: 'testRequest', status: 'success', url: 'https://umbarov.com/', meta: { caseId: 7680 }, createdAt: '2024-05-01T10:00:00Z' };
    const unknown: string[][] = [];
    const { client, seen } = infocare(() => json({ data: saved }), { hooks: { onUnknownFields: (e) => unknown.push(e.pointers) } });
    const body = { type: 'testRequest', status: 'success', url: 'https://umbarov.com/', meta: { caseId: 7680 }, request: '{}', response: 'Some cool content' } as const;
    await expect(client.logExternalRequest({ body })).resolves.toEqual(saved);
    expect(JSON.parse(seen.bodies[0]!)).toEqual(body);
    expect(seen.requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(unknown).toEqual([['/data/createdAt']]);
  });
});
