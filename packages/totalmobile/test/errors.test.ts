import { BadRequestError, NotFoundError, ResponseContractError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { customer } from './support/bodies.js';
import { json } from '@vendor-contracts/runtime/testing';
import { ACCESS_TOKEN, client, grantingFetch, leakedSecrets, USERNAME } from './support/totalmobile.js';

const order = { query: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } };

describe("Totalmobile's answers", () => {
  it('a 400 with the Web API Error body { Message, ModelState } is a BadRequestError carrying the parsed body', async () => {
    const body = {
      Message: 'The request is invalid.',
      ModelState: { 'customer.CustomerAddress.PostCode': ['The PostCode field is required.'], 'customer.Name': ['Too long.', 'Invalid.'] },
    };
    const seen = grantingFetch(() => json(body, 400));
    const error = await client(seen.fetch)
      .createCustomer({ body: customer })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const bad = error as BadRequestError;
    expect(bad.status).toBe(400);
    expect(bad.operationId).toBe('createCustomer');
    expect(bad.body).toEqual(body);
    expect(bad.bodyMatchesSpec).toBe(true);
    expect(bad.message).toBe('totalmobile.createCustomer failed with HTTP 400: The request is invalid.');
  });

  it('a 400 echoing the bearer token and the username has both scrubbed from message, body and headers', async () => {
    // The token is resolved per attempt by the password flow; the runtime scrubs it like any credential.
    const seen = grantingFetch((request) =>
      json({ Message: `Rejected ${request.headers.get('authorization')} for ${USERNAME}`, ModelState: { Authorization: [ACCESS_TOKEN] } }, 400, {
        'x-echo': `${USERNAME} ${request.headers.get('authorization')}`,
      }),
    );
    const bad = (await client(seen.fetch)
      .createCustomer({ body: customer })
      .catch((e: unknown) => e)) as BadRequestError;
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(seen.requests[1]!.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`); // it was sent
    expect(leakedSecrets(bad)).toEqual([]);
    const body = bad.body as { Message: string; ModelState: unknown };
    expect(body.ModelState).toEqual({ Authorization: ['[redacted]'] });
    for (const text of [body.Message, bad.headers['x-echo']!]) {
      expect(text).toMatch(/^(Rejected )?\[redacted\]/);
      for (const secret of [ACCESS_TOKEN, USERNAME]) expect(text).not.toContain(secret);
    }
  });

  it('a 400 whose body is not the Error object is still a BadRequestError, flagged as off-spec', async () => {
    const seen = grantingFetch(() => json({ error: 'unexpected' }, 400));
    const error = (await client(seen.fetch)
      .createCustomer({ body: customer })
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body).toEqual({ error: 'unexpected' });
    expect(error.bodyMatchesSpec).toBe(false);
  });

  it('SalesOrder GET answering 200 null resolves to null ("An unsuccessful response will be NULL")', async () => {
    const seen = grantingFetch(() => json(null));
    await expect(client(seen.fetch).getSalesOrder(order)).resolves.toBeNull();
    const sent = new URL(seen.requests[1]!.url);
    expect(sent.pathname).toBe('/WS-API/api/SalesOrder');
    expect(Object.fromEntries(sent.searchParams)).toEqual(order.query);
  });

  it('SalesOrder GET answering 404 null is a NotFoundError whose body matches the spec', async () => {
    const seen = grantingFetch(() => json(null, 404));
    const error = (await client(seen.fetch)
      .getSalesOrder(order)
      .catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toBeNull();
    expect(error.bodyMatchesSpec).toBe(true);
  });

  it('a yyyy-MM-dd date in an answer that is not one breaks the contract, naming the field', async () => {
    const seen = grantingFetch(() => json({ AvailabilityPlanningWindows: [{ PlanningWindowId: 1, AvailabilityDays: [{ Date: '2018-05-07T00:00:00', AvailabilityStatus: 1 }] }] }));
    const error = (await client(seen.fetch)
      .getAvailability({ query: { PrimaryOrderNumber: 'ORD-1' } })
      .catch((e: unknown) => e)) as ResponseContractError;
    expect(error).toBeInstanceOf(ResponseContractError);
    expect(error.issues.map((i) => [i.path, i.rule])).toEqual([['/AvailabilityPlanningWindows/0/AvailabilityDays/0/Date', 'format: date']]);
  });
});
