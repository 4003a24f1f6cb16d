/**
 * `@vendor-contracts/runtime/redis`: stores on Redis (Node; bring your own ioredis client,
 * `ioredis` is an optional peer dependency).
 */
export { type RedisBindingStoreOptions, RedisBindingStore } from './binding.js';
export type { RedisClient } from './client.js';
export { type RedisIdempotencyStoreOptions, RedisIdempotencyStore } from './idempotency.js';
export { type RedisRateLimitStoreOptions, RedisRateLimitStore } from './rate-limit.js';
export { type RedisTokenStoreOptions, RedisTokenStore } from './token.js';
