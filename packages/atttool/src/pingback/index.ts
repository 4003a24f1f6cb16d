/**
 * `@vendor-contracts/atttool/pingback`: receive AT&T Tool's order-completed pingback safely.
 * `placeOrderWithPingback` places an order with a fresh `pingback_url` and records which order it
 * was issued for, `createPingbackUrl` builds such a URL, `createPingbackReceiver` checks, binds and
 * deduplicates deliveries, `toNodeListener` serves it with `node:http`, and `checkPingbackUrl`
 * (deprecated) runs the spec's generated `pingback_url` validator, which `placeOrder` applies
 * before sending, on one URL.
 */
export {
  MemoryPingbackBindingStore,
  type MemoryPingbackBindingStoreOptions,
  PingbackBindingConflictError,
  type PingbackBindingStore,
} from './binding.js';
export {
  createPingbackUrl,
  type CreatePingbackUrlOptions,
  MIN_SECRET_BYTES,
  type PingbackSecret,
  type PingbackUrl,
  REFERENCE_PARAM,
  TOKEN_PARAM,
} from './capability.js';
export { type NodeAdapterOptions, type NodeListener, type NodeRequestLike, type NodeResponseLike, toNodeListener } from './node.js';
export {
  createPingbackReceiver,
  DEFAULT_MAX_BODY_BYTES,
  type PayloadIssue,
  type PingbackDelivery,
  type PingbackEvent,
  type PingbackReceiver,
  type PingbackReceiverOptions,
} from './receiver.js';
export { normalizeOrderId } from './order-id.js';
export { PingbackBindError, type PlacedOrderWithPingback, placeOrderWithPingback, type PlaceOrderWithPingbackOptions } from './place-order.js';
export { verifyWithStatusApi } from './verify.js';
export { type ClaimResult, type IdempotencyStore, MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions, type TransactionalIdempotencyStore } from './store.js';
export { checkPingbackUrl, MAX_PINGBACK_URL_LENGTH, type PingbackUrlPolicy, type PingbackUrlProblem } from './url-guard.js';
