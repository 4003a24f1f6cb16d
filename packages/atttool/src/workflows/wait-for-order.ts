/**
 * Waiting for an order to complete by polling its status: the alternative to the pingback when you
 * cannot receive HTTP. Polls `getOrderStatus` with a growing interval until `is_completed`, with
 * the runtime's polling loop: bounded by a number of checks and an overall timeout, stopped at
 * once on abort.
 */
import { poll, type PollOptions, type PollSubject, PollTimeoutError, type PollTimeoutReason, renameDeprecatedOptions } from '@vendor-contracts/runtime';
import type { AtttoolClient } from '../client.js';
import type { OrderStatusResponse } from '../generated/index.js';

/**
 * The runtime's polling options (the same names in every vendor's workflows), with AT&T Tool's
 * pace as defaults ({@link WAIT_FOR_ORDER_DEFAULTS}): `interval` 5000 ms before the second check,
 * growing by `factor` 2 up to `maxInterval` 300000 ms; `maxAttempts` 100 checks; `timeout` 24 hours.
 * `onAttempt(status, attempt)` sees every status read.
 */
export interface WaitForOrderOptions extends PollOptions<OrderStatusResponse> {
  /**
   * Called with every status read.
   * @deprecated Use `onAttempt` (the same arguments). Giving both (different functions) is a `ConfigError`.
   */
  onStatus?: (status: OrderStatusResponse, attempt: number) => void;
}

/** The order was still not completed when the checks or the time ran out: `attempts` checks, the last status (`is_completed: false`) in `lastValue`. */
export class OrderWaitTimeoutError extends PollTimeoutError<OrderStatusResponse> {
  readonly orderId: string;
  /** The last status read: there always is one, as the first read comes before any bound. */
  declare readonly lastValue: OrderStatusResponse;

  constructor(orderId: string, attempts: number, lastValue: OrderStatusResponse, why: string, reason: PollTimeoutReason = 'maxAttempts') {
    super(
      `atttool: order ${orderId} was not completed after ${attempts} status check(s) (${why})`,
      { attempts, lastValue, reason },
      { vendor: 'atttool', operationId: 'getOrderStatus' },
    );
    this.orderId = orderId;
  }

  /** @deprecated Use `lastValue`. */
  get lastStatus(): OrderStatusResponse {
    return this.lastValue;
  }
}

export const WAIT_FOR_ORDER_DEFAULTS = { interval: 5_000, factor: 2, maxInterval: 300_000, maxAttempts: 100, timeout: 86_400_000 } as const;

/** Resolves with the completed order's status (`is_completed: true`, every IMEI's result). */
export async function waitForOrder(client: AtttoolClient, orderId: string, options: WaitForOrderOptions = {}): Promise<OrderStatusResponse> {
  const subject: PollSubject = { what: `atttool: waitForOrder ${orderId}`, vendor: 'atttool', operationId: 'getOrderStatus' };
  const { onStatus: _renamed, ...polling } = renameDeprecatedOptions(options, { onStatus: 'onAttempt' }, subject);
  try {
    return await poll(
      (_attempt, signal) => client.getOrderStatus({ body: { order_id: orderId } }, { signal }),
      (status) => status.is_completed,
      polling,
      subject,
      WAIT_FOR_ORDER_DEFAULTS,
    );
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    const settings = { ...WAIT_FOR_ORDER_DEFAULTS, ...definedOnly(polling) };
    const why = error.reason === 'timeout' ? `timeout ${settings.timeout} ms` : `maxAttempts ${settings.maxAttempts}`;
    throw new OrderWaitTimeoutError(orderId, error.attempts, error.lastValue as OrderStatusResponse, why, error.reason);
  }
}

function definedOnly<O extends object>(options: O): Partial<O> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<O>;
}
