/**
 * Waiting for an order to complete by polling its status: the alternative to the pingback when you
 * cannot receive HTTP. Polls `getOrderStatus` with a growing interval until `is_completed`,
 * bounded by a number of checks and an overall timeout, and stops at once on abort.
 */
import { AbortError, ConfigError, sleep as defaultSleep, VendorContractsError } from '@vendor-contracts/runtime';
import type { AtttoolClient } from '../client.js';
import type { OrderStatusResponse } from '../generated/index.js';

export interface WaitForOrderOptions {
  /** Stop waiting (→ `AbortError`), also during a wait between checks. */
  signal?: AbortSignal;
  /**
   * Wait before the second check; each later wait is `factor` times longer, up to `maxInterval`.
   * @default 5000
   * @unit milliseconds
   */
  interval?: number;
  /** @default 2 */
  factor?: number;
  /** @default 300000 @unit milliseconds */
  maxInterval?: number;
  /**
   * Status checks at most (the first one included) → `OrderWaitTimeoutError` after the last.
   * @default 100
   */
  maxAttempts?: number;
  /**
   * Overall time allowed; a wait that would pass it is not started → `OrderWaitTimeoutError`.
   * @default 86400000 (24 hours)
   * @unit milliseconds
   */
  timeout?: number;
  /** Called with every status read, e.g. to show progress. */
  onStatus?: (status: OrderStatusResponse, attempt: number) => void;
  /** How to wait; injectable for tests. Must reject when `signal` aborts. @default the runtime's `sleep` (a timer the signal clears) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock for `timeout`; injectable for tests. @default Date.now */
  now?: () => number;
}

/** The order was still not completed when the checks or the time ran out. */
export class OrderWaitTimeoutError extends VendorContractsError {
  readonly orderId: string;
  readonly attempts: number;
  /** The last status read (`is_completed: false`). */
  readonly lastStatus: OrderStatusResponse;

  constructor(orderId: string, attempts: number, lastStatus: OrderStatusResponse, why: string) {
    super(`atttool: order ${orderId} was not completed after ${attempts} status check(s) (${why})`, { vendor: 'atttool', operationId: 'getOrderStatus' });
    this.orderId = orderId;
    this.attempts = attempts;
    this.lastStatus = lastStatus;
  }
}

export const WAIT_FOR_ORDER_DEFAULTS = { interval: 5_000, factor: 2, maxInterval: 300_000, maxAttempts: 100, timeout: 86_400_000 } as const;

/** Resolves with the completed order's status (`is_completed: true`, every IMEI's result). */
export async function waitForOrder(client: AtttoolClient, orderId: string, options: WaitForOrderOptions = {}): Promise<OrderStatusResponse> {
  const { signal, onStatus } = options;
  const interval = positive('interval', options.interval ?? WAIT_FOR_ORDER_DEFAULTS.interval);
  const factor = positive('factor', options.factor ?? WAIT_FOR_ORDER_DEFAULTS.factor);
  const maxInterval = positive('maxInterval', options.maxInterval ?? WAIT_FOR_ORDER_DEFAULTS.maxInterval);
  const maxAttempts = Math.floor(positive('maxAttempts', options.maxAttempts ?? WAIT_FOR_ORDER_DEFAULTS.maxAttempts));
  const timeout = positive('timeout', options.timeout ?? WAIT_FOR_ORDER_DEFAULTS.timeout);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + timeout;
  const aborted = (cause?: unknown) => new AbortError(`atttool: waiting for order ${orderId} was aborted`, { vendor: 'atttool', operationId: 'getOrderStatus' }, { cause });

  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw aborted(signal.reason);
    const status = await client.getOrderStatus({ body: { order_id: orderId } }, { signal });
    onStatus?.(status, attempt);
    if (status.is_completed) return status;
    if (attempt >= maxAttempts) throw new OrderWaitTimeoutError(orderId, attempt, status, `maxAttempts ${maxAttempts}`);
    const wait = Math.min(interval * factor ** (attempt - 1), maxInterval);
    if (now() + wait > deadline) throw new OrderWaitTimeoutError(orderId, attempt, status, `timeout ${timeout} ms`);
    try {
      await sleep(wait, signal);
    } catch (error) {
      if (signal?.aborted) throw aborted(signal.reason);
      throw error;
    }
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new ConfigError(`atttool: waitForOrder ${name} must be a positive number`, { vendor: 'atttool' });
  return value;
}
