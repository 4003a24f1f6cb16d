/**
 * `@vendor-contracts/test-servers`: real Redis and PostgreSQL for the workspace's tests, each on a
 * free 127.0.0.1 port with a temporary data directory, stopped by its own process id.
 */
export { postgresBinDir, type PostgresOptions, startPostgres } from './postgres.js';
export { type RedisOptions, redisServerPath, startRedis } from './redis.js';
export type { TestServer } from './server.js';
