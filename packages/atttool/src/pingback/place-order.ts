/**
 * `placeOrderWithPingback`: place an order with a fresh pingback URL and record which order the
 * URL was issued for, so the receiver accepts deliveries for that order only (see binding.ts).
 * The binding is recorded as soon as `placeOrder` returns; a pingback that overtakes it is
 * answered 503 and redelivered by the vendor, never handled unbound.
 */
import { ConfigError, type RequestOptions } from '@vendor-contracts/runtime';
import type { AtttoolClient } from '../client.js';
import type { PlaceOrderResponse } from '../generated/index.js';
import type { PingbackBindingStore } from './binding.js';
import { createPingbackUrl, type CreatePingbackUrlOptions } from './capability.js';
import { normalizeOrderId } from './order-id.js';

type PlaceOrderInput = Parameters<AtttoolClient['placeOrder']>[0];

export interface PlaceOrderWithPingbackOptions {
  /** `placeOrder`'s body without `pingback_url` (this helper makes it). */
  body: Omit<PlaceOrderInput['body'], 'pingback_url'>;
  /** How to build the URL (`baseUrl`, `secret`, optional `reference`) and where to record the binding. */
  pingback: CreatePingbackUrlOptions & { bindings: PingbackBindingStore };
}

/** The placed order, the reference its pingback will carry, and the URL sent (it holds a token: do not log it). */
export type PlacedOrderWithPingback = PlaceOrderResponse & { reference: string; pingbackUrl: string };

/**
 * The order was placed (and charged) but its binding could not be recorded: its pingbacks are
 * answered 503 until `bindings.bind(error.reference, error.order.order_id)` succeeds. Do not place
 * the order again; record the binding (or poll with `waitForOrder`).
 */
export class PingbackBindError extends Error {
  override readonly name = 'PingbackBindError';
  constructor(
    readonly order: PlaceOrderResponse,
    readonly reference: string,
    options: { cause: unknown },
  ) {
    super(`atttool: order ${order.order_id} was placed, but its pingback binding (reference ${JSON.stringify(reference)}) could not be recorded`, options);
  }
}

export async function placeOrderWithPingback(
  client: Pick<AtttoolClient, 'placeOrder'>,
  options: PlaceOrderWithPingbackOptions,
  requestOptions?: RequestOptions,
): Promise<PlacedOrderWithPingback> {
  const { bindings, ...urlOptions } = options.pingback;
  // Built (and checked) before anything is sent: a bad baseUrl or secret is a ConfigError, no order.
  const { url, reference } = createPingbackUrl(urlOptions);
  // A reference of yours that already names an order would make this one unreceivable: refuse it unsent.
  if (urlOptions.reference !== undefined && (await bindings.get(reference)) !== undefined) {
    throw new ConfigError(`atttool: pingback reference ${JSON.stringify(reference)} is already bound to an order (one reference, one order)`, { vendor: 'atttool' });
  }
  const order = await client.placeOrder({ body: { ...options.body, pingback_url: url } } as PlaceOrderInput, requestOptions);
  try {
    await bindings.bind(reference, normalizeOrderId(order.order_id));
  } catch (cause) {
    throw new PingbackBindError(order, reference, { cause });
  }
  return { ...order, reference, pingbackUrl: url };
}
