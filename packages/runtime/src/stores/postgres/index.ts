/**
 * `@vendor-contracts/runtime/postgres`: durable stores on PostgreSQL (Node; bring your own
 * `pg.Pool`, `pg` is an optional peer dependency).
 */
export { type PostgresBindingStoreOptions, PostgresBindingStore } from './binding.js';
export { type PostgresIdempotencyStoreOptions, PostgresIdempotencyStore } from './idempotency.js';
export type { PgClient, PgClientOf, PgPool, PgQueryable, PgQueryResult } from './pool.js';
