/**
 * Deduplication of pingback deliveries. AT&T Tool retries a pingback until it gets 200, so the
 * same order can arrive several times, even concurrently. The receiver runs your handler once per
 * key and answers every delivery 200 once that run has succeeded. The store contract and the
 * in-memory default live in the runtime; the durable backends are `PostgresIdempotencyStore`
 * (`@vendor-contracts/runtime/postgres`, exactly once) and `RedisIdempotencyStore`
 * (`@vendor-contracts/runtime/redis`, at least once across a crash).
 */
export {
  type ClaimResult,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
  type TransactionalIdempotencyStore,
} from '@vendor-contracts/runtime';
