import { RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { json } from '@vendor-contracts/runtime/testing';
import { GUID, infocare } from './support/client.js';

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).issues.map(({ path, rule }) => ({ path, rule }));
}

describe('formats are checked before the network', () => {
  it('sendCompletedEmail: guid must be a GUID, email an address', async () => {
    const { client, seen } = infocare();
    expect(await issuesOf(client.sendCompletedEmail({ body: { guid: '12345' } }))).toEqual([{ path: 'body.guid', rule: 'format: uuid' }]);
    expect(await issuesOf(client.sendCompletedEmail({ body: { guid: `${GUID}0` } }))).toEqual([{ path: 'body.guid', rule: 'format: uuid' }]);
    expect(await issuesOf(client.sendCompletedEmail({ body: { guid: GUID, email: 'not-an-email' } }))).toEqual([{ path: 'body.email', rule: 'format: email' }]);
    expect(await issuesOf(client.sendCompletedEmail({ body: { email: 'test@example.com' } } as never))).toEqual([{ path: 'body.guid', rule: 'required' }]);
    expect(await issuesOf(client.sendCompletedEmail({ body: { guid: GUID, receiver: 'test@example.com' } } as never))).toEqual([
      { path: 'body.receiver', rule: 'additionalProperties: false' },
    ]);
    expect(seen.requests).toHaveLength(0);
  });

  it('sendCompletedEmail: an empty email (omitted, "" or null) is sent as given, so the case fields are used', async () => {
    const { client, seen } = infocare(() => json({ data: { result: true } }));
    await client.sendCompletedEmail({ body: { guid: GUID } });
    await client.sendCompletedEmail({ body: { guid: GUID, email: '' } });
    await client.sendCompletedEmail({ body: { guid: GUID, email: null } });
    await client.sendCompletedEmail({ body: { guid: GUID.toUpperCase(), email: 'test@example.com' } });
    expect(seen.bodies.map((b) => JSON.parse(b))).toEqual([
      { guid: GUID },
      { guid: GUID, email: '' },
      { guid: GUID, email: null },
      { guid: GUID.toUpperCase(), email: 'test@example.com' },
    ]);
  });

  it('logExternalRequest: url, status, meta.caseId and string-only request are checked', async () => {
    const { client, seen } = infocare();
    const base = { type: 'testRequest', status: 'success', meta: { caseId: 7680 } } as const;
    expect(await issuesOf(client.logExternalRequest({ body: { ...base, url: 'not a url' } }))).toEqual([{ path: 'body.url', rule: 'format: uri' }]);
    expect(await issuesOf(client.logExternalRequest({ body: { ...base, status: 'pending' } } as never))).toEqual([{ path: 'body.status', rule: 'enum: "success" | "error"' }]);
    expect(await issuesOf(client.logExternalRequest({ body: { ...base, meta: { caseId: '7680' } } } as never))).toEqual([{ path: 'body.meta.caseId', rule: 'type: integer' }]);
    expect(await issuesOf(client.logExternalRequest({ body: { ...base, meta: {} } } as never))).toEqual([{ path: 'body.meta.caseId', rule: 'required' }]);
    expect(await issuesOf(client.logExternalRequest({ body: { ...base, request: {} } } as never))).toEqual([{ path: 'body.request', rule: 'type: string' }]);
    expect(seen.requests).toHaveLength(0);
  });
});
