/**
 * `IdempotencyStore` on PostgreSQL, with `runOnce`: the claim is a row inserted in the work's own
 * transaction (`INSERT … ON CONFLICT`), so it only becomes visible, as completed, when the work
 * commits. A concurrent duplicate's INSERT blocks on the uncommitted row and then sees it
 * committed (→ 'completed') or rolled back (→ it inserts and runs). A crash of the process, the
 * connection or the server aborts the transaction: the key is free and a retry runs the work. The
 * work gets the transaction's connection, so side effects written there are exactly once.
 *
 * `claim`/`complete`/`release` (the plain contract) use the same table with a lease column, timed
 * by the database's clock, so processes whose clocks disagree still agree on leases.
 */
import { IdempotencyBusyError, type ClaimResult, type RunOnceOptions, type RunOnceResult, type TransactionalIdempotencyStore } from '../idempotency.js';
import { connectWithin, type PgClientOf, type PgPool, schemaOnce, tableName } from './pool.js';

export interface PostgresIdempotencyStoreOptions<Pool extends PgPool = PgPool> {
  /** A `pg.Pool` (attach `pool.on('error', …)`: `pg` throws an idle connection's error otherwise). */
  pool: Pool;
  /** The table (`name` or `schema.name`). @default 'vendor_contracts_idempotency' */
  table?: string;
  /** Create the table on first use if it does not exist. @default true */
  createTable?: boolean;
  /**
   * Longest wait for a pool connection in `runOnce`.
   * @default 5000
   * @unit milliseconds
   */
  connectTimeoutMs?: number;
}

const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';

/** PostgreSQL wants whole milliseconds ≥ 1 (0 would mean "no timeout"). */
const millis = (ms: number) => String(Math.max(1, Math.ceil(ms)));

/** `Pool` is your pool's type; the work's `transaction` is its connection type (`pg.PoolClient`). */
export class PostgresIdempotencyStore<Pool extends PgPool = PgPool> implements TransactionalIdempotencyStore<PgClientOf<Pool>> {
  readonly #pool: Pool;
  readonly #table: string;
  readonly #connectTimeoutMs: number;
  readonly #ready: () => Promise<void>;

  constructor(options: PostgresIdempotencyStoreOptions<Pool>) {
    this.#pool = options.pool;
    this.#table = tableName(options.table ?? 'vendor_contracts_idempotency', 'table');
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    const ddl = `CREATE TABLE IF NOT EXISTS ${this.#table} (key text PRIMARY KEY, completed_at timestamptz, lease_expires_at timestamptz)`;
    const create = schemaOnce(options.pool, this.#table, ddl);
    this.#ready = options.createTable === false ? async () => {} : create;
  }

  async runOnce(key: string, work: (transaction: PgClientOf<Pool>) => Promise<void>, options: RunOnceOptions): Promise<RunOnceResult> {
    await this.#ready();
    const client = await connectWithin(this.#pool, this.#connectTimeoutMs);
    // A connection cut while the work awaits something else is reported as an 'error' event,
    // which would crash the process unheard; the failure reaches us through the next query.
    const ignore = () => {};
    client.on?.('error', ignore);
    let healthy = true;
    try {
      // The lease: no statement (the duplicate's wait included) and no idle gap inside the
      // transaction may last longer than leaseMs; a duplicate waits at most waitMs for the row.
      await client.query(
        `BEGIN; SET LOCAL lock_timeout = ${millis(options.waitMs)}; SET LOCAL statement_timeout = ${millis(options.leaseMs)}; ` +
          `SET LOCAL idle_in_transaction_session_timeout = ${millis(options.leaseMs)}`,
      );
      let claimed: boolean;
      try {
        const inserted = await client.query(
          `INSERT INTO ${this.#table} AS t (key, completed_at) VALUES ($1, now()) ON CONFLICT (key) DO UPDATE SET completed_at = now(), lease_expires_at = NULL ` +
            `WHERE t.completed_at IS NULL AND t.lease_expires_at <= now() RETURNING 1`,
          [key],
        );
        claimed = inserted.rowCount === 1;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === LOCK_NOT_AVAILABLE || code === QUERY_CANCELED) throw new IdempotencyBusyError(options.waitMs, { cause: error });
        throw error;
      }
      if (!claimed) {
        const found = await client.query(`SELECT completed_at IS NOT NULL AS completed FROM ${this.#table} WHERE key = $1`, [key]);
        await client.query('ROLLBACK');
        if (found.rows[0]?.completed === true) return 'completed';
        throw new IdempotencyBusyError(options.waitMs); // a live lease taken with claim()
      }
      await work(client as PgClientOf<Pool>);
      const committed = await client.query('COMMIT');
      // The work swallowed a failed statement: PostgreSQL rolled everything back instead.
      if (committed.command === 'ROLLBACK') throw new Error('The transaction had failed and was rolled back; nothing was recorded');
      return 'ran';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        healthy = false;
      });
      throw error;
    } finally {
      client.removeListener?.('error', ignore);
      client.release(!healthy);
    }
  }

  async claim(key: string, leaseMs: number): Promise<ClaimResult> {
    await this.#ready();
    const acquired = await this.#pool.query(
      `INSERT INTO ${this.#table} AS t (key, lease_expires_at) VALUES ($1, now() + $2 * interval '1 millisecond') ` +
        `ON CONFLICT (key) DO UPDATE SET lease_expires_at = EXCLUDED.lease_expires_at WHERE t.completed_at IS NULL AND t.lease_expires_at <= now() RETURNING 1`,
      [key, Math.max(1, Math.ceil(leaseMs))],
    );
    if (acquired.rowCount === 1) return 'acquired';
    const found = await this.#pool.query(`SELECT completed_at IS NOT NULL AS completed FROM ${this.#table} WHERE key = $1`, [key]);
    return found.rows[0]?.completed === true ? 'completed' : 'pending';
  }

  async complete(key: string): Promise<void> {
    await this.#ready();
    await this.#pool.query(`INSERT INTO ${this.#table} (key, completed_at) VALUES ($1, now()) ON CONFLICT (key) DO UPDATE SET completed_at = now(), lease_expires_at = NULL`, [
      key,
    ]);
  }

  async release(key: string): Promise<void> {
    await this.#ready();
    await this.#pool.query(`DELETE FROM ${this.#table} WHERE key = $1 AND completed_at IS NULL`, [key]);
  }

  /** Forget keys completed before `date` (run it from a scheduled job; keep days of keys). Resolves to how many. */
  async deleteCompletedBefore(date: Date): Promise<number> {
    await this.#ready();
    const deleted = await this.#pool.query(`DELETE FROM ${this.#table} WHERE completed_at < $1`, [date]);
    return deleted.rowCount ?? 0;
  }
}
