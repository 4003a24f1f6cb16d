/**
 * The optional second check for deliveries: ask the status API whether the order really is
 * completed. A capability URL that leaked (logs, a proxy) lets anyone POST to it; this makes a
 * forged "completed" for an order still pending fail, at the cost of one status call per order.
 */
import { VendorError } from '@vendor-contracts/runtime';
import type { AtttoolClient } from '../client.js';
import type { PingbackDelivery } from './receiver.js';

/** A `verify` for `createPingbackReceiver`: true when getOrderStatus reports the order completed. */
export function verifyWithStatusApi(client: Pick<AtttoolClient, 'getOrderStatus'>, options: { timeout?: number } = {}): (delivery: PingbackDelivery) => Promise<boolean> {
  return async ({ orderId }) => {
    try {
      const status = await client.getOrderStatus({ body: { order_id: orderId } }, options.timeout ? { timeout: options.timeout } : undefined);
      return status.is_completed === true;
    } catch (error) {
      // An order the vendor does not know is a forgery, not an outage: refuse it (409), do not ask for retries.
      if (error instanceof VendorError && error.code === 'ERR_INVALID_ORDER_ID') return false;
      throw error;
    }
  };
}
