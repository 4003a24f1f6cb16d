import { ApiError, BadRequestError, NotFoundError, RequestValidationError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { routingParamsNeeded } from '../src/index.js';
import { json } from '@vendor-contracts/runtime/testing';
import { infocare, routed } from './support/client.js';

const notEnoughData = { error: 'Not enough data', data: { paramsNeeded: ['manufacturer', 'serviceType'] } };

describe('getRouting', () => {
  it('sends manufacturer / productType as an integer id or a string alias', async () => {
    const { client, seen } = infocare(() => json(routed));
    await client.getRouting({ query: { manufacturer: 1009, productType: 'tv' } });
    await client.getRouting({ query: { manufacturer: 'apple', productType: 17 } });
    const queries = seen.requests.map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(queries).toEqual([
      { manufacturer: '1009', productType: 'tv' },
      { manufacturer: 'apple', productType: '17' },
    ]);
  });

  it('sends every documented parameter, and none when called without input', async () => {
    const { client, seen } = infocare(() => json(routed));
    const routing = await client.getRouting({
      query: { originatorType: 'helpdesk', bookingType: 'companyToPrivate', serviceType: 3, manufacturer: 'apple', productType: 1, clientPostalCode: '35230', serviceLocation: 2 },
    });
    await client.getRouting();
    expect(new URL(seen.requests[0]!.url).search).toBe(
      '?originatorType=helpdesk&bookingType=companyToPrivate&serviceType=3&manufacturer=apple&productType=1&clientPostalCode=35230&serviceLocation=2',
    );
    expect(seen.requests[1]!.url).toBe('https://hub.infocare.test/api/v3/routing');
    expect(routing.serviceProvider.contactData.city).toBe('Växjö');
    expect(routing.serviceProviderCompetence.overrideCode).toBe('infocare-override');
  });

  it('sends an empty alias: the document states no length, and data it cannot route is its own 400', async () => {
    const { client, seen } = infocare(() => json(notEnoughData, 400));
    const error = await client.getRouting({ query: { productType: '' } }).catch((e: unknown) => e);
    expect(seen.requests).toHaveLength(1);
    expect(new URL(seen.requests[0]!.url).searchParams.get('productType')).toBe('');
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('rejects ids and aliases that are neither an integer nor a string, before the network', async () => {
    const { client, seen } = infocare(() => json(routed));
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ manufacturer: 2.5 }, 'query.manufacturer'],
      [{ manufacturer: true }, 'query.manufacturer'],
      [{ serviceType: 'abc' }, 'query.serviceType'],
      [{ serviceLocation: 1.5 }, 'query.serviceLocation'],
      [{ originatorType: 'customer' }, 'query.originatorType'],
      [{ bookingType: 'b2b' }, 'query.bookingType'],
      [{ accessToken: 'x' }, 'query.accessToken'],
    ];
    for (const [query, path] of bad) {
      const error = await client.getRouting({ query } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).issues.map((i) => i.path)).toEqual([path]);
    }
    expect(seen.requests).toHaveLength(0);
  });

  it('throws the 400 "Not enough data" answer as a BadRequestError with the parsed body', async () => {
    const { client } = infocare(() => json(notEnoughData, 400));
    const error = await client.getRouting({ query: { productType: 'tv' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const e = error as BadRequestError;
    expect(e.status).toBe(400);
    expect(e.body).toEqual(notEnoughData);
    expect(e.bodyMatchesSpec).toBe(true);
    expect(e.message).toBe('infocare.getRouting failed with HTTP 400: Not enough data');
    expect(routingParamsNeeded(error)).toEqual(['manufacturer', 'serviceType']);
  });

  it('routingParamsNeeded is undefined for every other error', async () => {
    const plain400 = await infocare(() => json({ error: { message: 'Unknown parameter' }, data: null }, 400))
      .client.getRouting()
      .catch((e: unknown) => e);
    expect(plain400).toBeInstanceOf(BadRequestError);
    expect((plain400 as ApiError).bodyMatchesSpec).toBe(true);
    expect(routingParamsNeeded(plain400)).toBeUndefined();

    const notFound = await infocare(() => json({ error: { message: "Can't process this case" }, data: null }, 404))
      .client.getRouting()
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(routingParamsNeeded(notFound)).toBeUndefined();

    // The same body from another operation is not a routing answer.
    const other = await infocare(() => json(notEnoughData, 400))
      .client.logExternalRequest({ body: { type: 't', status: 'success', meta: { caseId: 1 } } })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(BadRequestError);
    expect(routingParamsNeeded(other)).toBeUndefined();
    expect(routingParamsNeeded(new Error('x'))).toBeUndefined();
    expect(routingParamsNeeded(undefined)).toBeUndefined();
  });
});
