/**
 * Type-level checks (run by vitest's typecheck): the zod schemas and openapi-typescript's types
 * describe the same data, and the client's method takes and returns what a user expects.
 */
import type { RequestOptions } from '@vendor-contracts/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { strictComponents } from '../src/generated/schemas.js';
import {
  type components,
  createTelecomxClient,
  type InternetRequest,
  type InternetRequestUpdate,
  type Offer,
  type TelecomxClient,
  type TelecomxClientOptions,
} from '../src/index.js';

type S = components['schemas'];
type Z<K extends keyof typeof strictComponents> = z.infer<(typeof strictComponents)[K]>;
/** openapi-typescript writes allOf branches as intersections; flatten them (per union member) to compare. */
type Flat<T> = T extends unknown ? { [K in keyof T]: T[K] } : never;

describe('z.infer of strictComponents[K] equals components["schemas"][K]', () => {
  it('covers every component (a new one must be added here)', () => {
    expectTypeOf<keyof typeof strictComponents>().toEqualTypeOf<keyof S>();
  });

  it('scalars and enums', () => {
    expectTypeOf<Z<'Id'>>().toEqualTypeOf<S['Id']>();
    expectTypeOf<Z<'CircuitType'>>().toEqualTypeOf<S['CircuitType']>();
    expectTypeOf<Z<'InstallTime'>>().toEqualTypeOf<S['InstallTime']>();
    expectTypeOf<Z<'IpAddressCount'>>().toEqualTypeOf<S['IpAddressCount']>();
    expectTypeOf<Z<'Price'>>().toEqualTypeOf<S['Price']>();
  });

  it('request objects', () => {
    expectTypeOf<Z<'AddressInput'>>().toEqualTypeOf<S['AddressInput']>();
    expectTypeOf<Z<'OfferInput'>>().toEqualTypeOf<S['OfferInput']>();
    expectTypeOf<Z<'InternetRequestUpdateFields'>>().toEqualTypeOf<S['InternetRequestUpdateFields']>();
    // The Takeover branch redeclares takeoverCircuit/takeoverCustomer, so both sides require them.
    expectTypeOf<Z<'InternetRequestUpdate'>>().toEqualTypeOf<Flat<S['InternetRequestUpdate']>>();
  });

  it('response objects', () => {
    expectTypeOf<Z<'InternetRequest'>>().toEqualTypeOf<S['InternetRequest']>();
    expectTypeOf<Z<'Address'>>().toEqualTypeOf<S['Address']>();
    expectTypeOf<Z<'NotifyRecipient'>>().toEqualTypeOf<S['NotifyRecipient']>();
    expectTypeOf<Z<'Offer'>>().toEqualTypeOf<S['Offer']>();
    expectTypeOf<Z<'ErrorResponse'>>().toEqualTypeOf<S['ErrorResponse']>();
    expectTypeOf<Z<'ValidationError'>>().toEqualTypeOf<S['ValidationError']>();
  });
});

declare const client: TelecomxClient;

describe('updateInternetRequest, as a user calls it', () => {
  it('takes { path: { requestId }, body } (both required) and optional request options', () => {
    expectTypeOf(client.updateInternetRequest).parameter(0).toEqualTypeOf<{ path: { requestId: string }; body: InternetRequestUpdate }>();
    expectTypeOf(client.updateInternetRequest).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    // @ts-expect-error -- the request id and the body are required
    void client.updateInternetRequest();
    // @ts-expect-error -- the body is required (send {} to change nothing)
    void client.updateInternetRequest({ path: { requestId: 'abc' } });
  });

  it('resolves to the InternetRequest, whose offers are under `offers` only (`Offers` is read as it)', () => {
    expectTypeOf(client.updateInternetRequest).returns.toEqualTypeOf<Promise<InternetRequest>>();
    expectTypeOf<InternetRequest['_id']>().toEqualTypeOf<string>();
    expectTypeOf<InternetRequest['offers']>().toEqualTypeOf<Offer[] | null | undefined>();
    expectTypeOf<InternetRequest>().not.toHaveProperty('Offers');
  });

  it('the body takes `offers`, not `Offers`, and the documented value sets', () => {
    expectTypeOf<{ offers: [{ _id: 'abc'; commitment: 12 }] }>().toExtend<InternetRequestUpdate>();
    expectTypeOf<{ Offers: [] }>().not.toExtend<InternetRequestUpdate>();
    expectTypeOf<{ ipAddresses: 8 }>().toExtend<InternetRequestUpdate>();
    expectTypeOf<{ ipAddresses: 3 }>().not.toExtend<InternetRequestUpdate>();
    expectTypeOf<{ installTime: '7_30_TO_12' }>().toExtend<InternetRequestUpdate>();
    expectTypeOf<{ installTime: '7_30_TO_12.' }>().not.toExtend<InternetRequestUpdate>();
    expectTypeOf<{ takeover: true; takeoverCircuit: 'c'; takeoverCustomer: 'k' }>().toExtend<InternetRequestUpdate>();
    expectTypeOf<{}>().toExtend<InternetRequestUpdate>();
  });
});

describe('client options', () => {
  it('takes the token as a string or a function, and only the production environment', () => {
    expectTypeOf<TelecomxClientOptions['token']>().toEqualTypeOf<string | (() => string | Promise<string>)>();
    expectTypeOf<TelecomxClientOptions['environment']>().toEqualTypeOf<'production' | undefined>();
    expectTypeOf(createTelecomxClient).returns.toEqualTypeOf<TelecomxClient>();
    // @ts-expect-error -- the token is required
    createTelecomxClient({});
    // @ts-expect-error -- credentials are set through `token`, not the runtime's credentials map
    createTelecomxClient({ token: 't', credentials: { bearerAuth: 't' } });
    // @ts-expect-error -- no such environment in the spec
    createTelecomxClient({ token: 't', environment: 'test' });
  });
});
