/**
 * What the PostgreSQL stores need from `pg` (a `pg.Pool` fits; typed structurally so the runtime
 * does not depend on `pg` or its types), plus the table-name check and the one-time, race-free
 * `CREATE TABLE IF NOT EXISTS` every store runs before its first query.
 */
import { ConfigError } from '../../errors.js';

export interface PgQueryResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
  /** The command tag: `COMMIT` answers `ROLLBACK` when the transaction had already failed. */
  command?: string;
}

export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
}

/** A connection checked out of the pool (`pg.PoolClient`). */
export interface PgClient extends PgQueryable {
  /** Back to the pool; `true` (or an error) destroys the connection instead. */
  release(destroy?: boolean | Error): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** `pg.Pool`, or anything with the same `query` and `connect`. */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
}

/**
 * The connection type a pool hands out (`pg.PoolClient` for a `pg.Pool`). Spelled with both of
 * `pg.Pool.connect`'s overloads: inference from an overloaded method would otherwise read only the
 * last (callback) one.
 */
export type PgClientOf<Pool> = Pool extends { connect(): Promise<infer C>; connect(callback: never): void } ? C : Pool extends { connect(): Promise<infer C> } ? C : PgClient;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `name` or `schema.name`, each part a plain SQL identifier, quoted. */
export function tableName(name: string, field: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new ConfigError(`${field} must be a table name or schema.table, letters, digits and _ (at most 63 each), not starting with a digit`);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** A connection within `timeoutMs`, or a rejection (a connection that arrives later is returned to the pool). */
export async function connectWithin(pool: PgPool, timeoutMs: number): Promise<PgClient> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const connecting = pool.connect();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`No PostgreSQL connection within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  connecting.then(
    (client) => timedOut && client.release(),
    () => undefined,
  );
  try {
    return await Promise.race([connecting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `ddl` once per store (under an advisory lock, so several processes starting at once do not
 * race on the catalog); a failure is not remembered, the next call tries again.
 */
export function schemaOnce(pool: PgPool, table: string, ddl: string): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [table]);
        await client.query(ddl);
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(true);
        throw error;
      }
    })().catch((error: unknown) => {
      done = undefined;
      throw error;
    });
    return done;
  };
}
