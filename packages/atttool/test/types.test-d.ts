import type { RequestOptions, VendorClient } from '@vendor-contracts/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type AtttoolClient,
  type AtttoolClientOptions,
  type components,
  createAtttoolClient,
  type OrderCompletedPayload,
  type OrderStatusResponse,
  type PlaceOrderResponse,
  type webhooks,
} from '../src/index.js';
import { strictComponents } from '../src/schemas.js';

type Schemas = components['schemas'];
type Inferred<K extends keyof typeof strictComponents> = z.infer<(typeof strictComponents)[K]>;
/** Type identity (the compiler's own check), usable inside a mapped type. */
type Identical<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

describe('zod schemas and openapi-typescript types agree', () => {
  it('for every component at once (same names, each type identical)', () => {
    expectTypeOf<keyof typeof strictComponents>().toEqualTypeOf<keyof Schemas>();
    expectTypeOf<{ [K in keyof Schemas]: Identical<Inferred<K>, Schemas[K]> }>().toEqualTypeOf<{ [K in keyof Schemas]: true }>();
    // Identical can fail: an optional field, a wider enum or a number for a decimal string differ.
    expectTypeOf<Identical<{ a: string }, { a?: string }>>().toEqualTypeOf<false>();
    expectTypeOf<Identical<Schemas['ErrorCode'], string>>().toEqualTypeOf<false>();
    expectTypeOf<Identical<Schemas['DecimalAmount'], number>>().toEqualTypeOf<false>();
  });

  it('for each component', () => {
    expectTypeOf<Inferred<'ApiKey'>>().toEqualTypeOf<Schemas['ApiKey']>();
    expectTypeOf<Inferred<'BadRequestHtml'>>().toEqualTypeOf<Schemas['BadRequestHtml']>();
    expectTypeOf<Inferred<'DecimalAmount'>>().toEqualTypeOf<Schemas['DecimalAmount']>();
    expectTypeOf<Inferred<'ErrorCode'>>().toEqualTypeOf<Schemas['ErrorCode']>();
    expectTypeOf<Inferred<'ErrorResponse'>>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<Inferred<'GetOrderStatusRequest'>>().toEqualTypeOf<Schemas['GetOrderStatusRequest']>();
    expectTypeOf<Inferred<'GetOrderStatusResult'>>().toEqualTypeOf<Schemas['GetOrderStatusResult']>();
    expectTypeOf<Inferred<'Imei'>>().toEqualTypeOf<Schemas['Imei']>();
    expectTypeOf<Inferred<'ImeiResult'>>().toEqualTypeOf<Schemas['ImeiResult']>();
    expectTypeOf<Inferred<'ImeiResults'>>().toEqualTypeOf<Schemas['ImeiResults']>();
    expectTypeOf<Inferred<'ImeiStatus'>>().toEqualTypeOf<Schemas['ImeiStatus']>();
    expectTypeOf<Inferred<'OrderCompletedPayload'>>().toEqualTypeOf<Schemas['OrderCompletedPayload']>();
    expectTypeOf<Inferred<'OrderId'>>().toEqualTypeOf<Schemas['OrderId']>();
    expectTypeOf<Inferred<'OrderStatusResponse'>>().toEqualTypeOf<Schemas['OrderStatusResponse']>();
    expectTypeOf<Inferred<'PlaceOrderRequest'>>().toEqualTypeOf<Schemas['PlaceOrderRequest']>();
    expectTypeOf<Inferred<'PlaceOrderResponse'>>().toEqualTypeOf<Schemas['PlaceOrderResponse']>();
    expectTypeOf<Inferred<'PlaceOrderResult'>>().toEqualTypeOf<Schemas['PlaceOrderResult']>();
  });
});

declare const att: AtttoolClient;

describe('method inputs: api_key is the client’s job, never the caller’s', () => {
  it('placeOrder takes { body: { imeis, pingback_url? } }', () => {
    expectTypeOf(att.placeOrder).parameters.toEqualTypeOf<[input: { body: { pingback_url?: string; imeis: string[] } }, options?: RequestOptions]>();
    expectTypeOf(att.placeOrder).toBeCallableWith({ body: { imeis: ['354865093010294'] } });
    expectTypeOf(att.placeOrder).toBeCallableWith({ body: { imeis: ['354865093010294'], pingback_url: 'https://some.com/valid/url' } });
    // @ts-expect-error api_key is filled from the client's apiKey; passing it is a type error
    void att.placeOrder({ body: { api_key: '1e57f6246a384c978866154c3efea037', imeis: ['354865093010294'] } });
    // @ts-expect-error imeis is required
    void att.placeOrder({ body: {} });
    // @ts-expect-error the input itself is required
    void att.placeOrder();
  });

  it('getOrderStatus takes { body: { order_id } }', () => {
    expectTypeOf(att.getOrderStatus).parameters.toEqualTypeOf<[input: { body: { order_id: string } }, options?: RequestOptions]>();
    // @ts-expect-error api_key is filled from the client's apiKey
    void att.getOrderStatus({ body: { api_key: '6372a5bab4ae435a8baf33c0556771d9', order_id: '17b8e0f2-3523-45e1-90d2-455e4b70ecf1' } });
  });

  it('getOrderStatusByQuery takes { query: { order_id } }', () => {
    expectTypeOf(att.getOrderStatusByQuery).parameters.toEqualTypeOf<[input: { query: { order_id: string } }, options?: RequestOptions]>();
    // @ts-expect-error api_key is filled from the client's apiKey, in the query string too
    void att.getOrderStatusByQuery({ query: { api_key: '6372a5bab4ae435a8baf33c0556771d9', order_id: '17b8e0f2-3523-45e1-90d2-455e4b70ecf1' } });
    // @ts-expect-error order_id is required
    void att.getOrderStatusByQuery({ query: {} });
  });

  it('without WithoutCredentialFields, api_key would be required (the check above is meaningful)', () => {
    type Unstripped = VendorClient<import('../src/index.js').paths, Pick<import('../src/index.js').operations, 'placeOrder'>>;
    expectTypeOf<Parameters<Unstripped['placeOrder']>[0]['body']>().toHaveProperty('api_key');
  });
});

describe('method outputs: ERR_* bodies are thrown (VendorError), so results are the OK bodies', () => {
  it('placeOrder resolves to PlaceOrderResponse', () => {
    expectTypeOf(att.placeOrder).returns.resolves.toEqualTypeOf<PlaceOrderResponse>();
  });

  it('both status checks resolve to OrderStatusResponse, total_cost a string and imeis keyed by IMEI', () => {
    expectTypeOf(att.getOrderStatus).returns.resolves.toEqualTypeOf<OrderStatusResponse>();
    expectTypeOf(att.getOrderStatusByQuery).returns.resolves.toEqualTypeOf<OrderStatusResponse>();
    expectTypeOf<OrderStatusResponse['total_cost']>().toEqualTypeOf<string>();
    expectTypeOf<OrderStatusResponse['imeis']>().toEqualTypeOf<{ [imei: string]: components['schemas']['ImeiResult'] }>();
  });
});

describe('the client and its options', () => {
  it('has one method per operation and no method for the webhook', () => {
    expectTypeOf<AtttoolClient>().toHaveProperty('placeOrder');
    expectTypeOf<AtttoolClient>().toHaveProperty('getOrderStatus');
    expectTypeOf<AtttoolClient>().toHaveProperty('getOrderStatusByQuery');
    expectTypeOf<AtttoolClient>().not.toHaveProperty('orderCompleted');
  });

  it('requires apiKey and knows only the production environment', () => {
    expectTypeOf<AtttoolClientOptions['apiKey']>().toEqualTypeOf<string>();
    expectTypeOf<AtttoolClientOptions['environment']>().toEqualTypeOf<'production' | undefined>();
    expectTypeOf<AtttoolClientOptions>().not.toHaveProperty('credentials');
    expectTypeOf(createAtttoolClient).returns.toEqualTypeOf<AtttoolClient>();
    // @ts-expect-error apiKey is required
    void (() => createAtttoolClient({}));
    // @ts-expect-error there is no test environment
    void (() => createAtttoolClient({ apiKey: 'k', environment: 'test' }));
  });

  it('the webhook body type is OrderCompletedPayload', () => {
    expectTypeOf<webhooks['orderCompleted']['post']['requestBody']['content']['application/json']>().toEqualTypeOf<OrderCompletedPayload>();
  });
});
