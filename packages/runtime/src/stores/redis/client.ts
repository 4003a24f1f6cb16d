/** The ioredis client the Redis stores take (a standalone `Redis` or a `Cluster`: every script touches one key). */
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

export const DAY_MS = 24 * 60 * 60 * 1000;
