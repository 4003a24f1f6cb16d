/**
 * Real servers for the examples that need one: an example that reads `process.env.DATABASE_URL`
 * gets a PostgreSQL, one that reads `process.env.REDIS_URL` a Redis (both from
 * `@vendor-contracts/test-servers`, on 127.0.0.1 free ports), started once for the whole run and
 * passed to every example's environment.
 */
import { startPostgres, startRedis, type TestServer } from '@vendor-contracts/test-servers';

export const BACKENDS = { DATABASE_URL: startPostgres, REDIS_URL: startRedis } as const;
export type BackendVariable = keyof typeof BACKENDS;

/** The backend variables `code` reads (`process.env.X` or `process.env['X']`). */
export function backendsUsedBy(code: string): BackendVariable[] {
  return (Object.keys(BACKENDS) as BackendVariable[]).filter((name) => new RegExp(`process\\.env(?:\\.${name}\\b|\\[\\s*['"]${name}['"]\\s*\\])`).test(code));
}

export interface Backends {
  /** `{ DATABASE_URL: 'postgres://…', REDIS_URL: 'redis://…' }` for the servers started. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startBackends(names: readonly BackendVariable[]): Promise<Backends> {
  const started = new Map<BackendVariable, TestServer>();
  const results = await Promise.allSettled([...new Set(names)].map(async (name) => started.set(name, await BACKENDS[name]())));
  const stop = () => Promise.all([...started.values()].map((server) => server.stop())).then(() => undefined);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw (failed as PromiseRejectedResult).reason;
  }
  return { env: Object.fromEntries([...started].map(([name, server]) => [name, server.url])), stop };
}
