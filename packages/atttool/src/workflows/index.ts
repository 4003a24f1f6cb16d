/** Flows the AT&T Tool document describes, composed of the client's operations. */
export { OrderWaitTimeoutError, WAIT_FOR_ORDER_DEFAULTS, waitForOrder, type WaitForOrderOptions } from './wait-for-order.js';
