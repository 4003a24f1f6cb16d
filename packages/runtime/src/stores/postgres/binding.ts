/**
 * `BindingStore` on PostgreSQL: one row per key, written once. `bind` is a single
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` that answers the value the key holds, so two
 * processes binding a key at once agree on which value won.
 */
import { type BindingStore, BindingConflictError } from '../binding.js';
import { type PgPool, schemaOnce, tableName } from './pool.js';

export interface PostgresBindingStoreOptions {
  /** A `pg.Pool` (attach `pool.on('error', …)`). */
  pool: PgPool;
  /** The table (`name` or `schema.name`). @default 'vendor_contracts_bindings' */
  table?: string;
  /** Create the table on first use if it does not exist. @default true */
  createTable?: boolean;
}

export class PostgresBindingStore implements BindingStore {
  readonly #pool: PgPool;
  readonly #table: string;
  readonly #ready: () => Promise<void>;

  constructor(options: PostgresBindingStoreOptions) {
    this.#pool = options.pool;
    this.#table = tableName(options.table ?? 'vendor_contracts_bindings', 'table');
    const create = schemaOnce(
      options.pool,
      this.#table,
      `CREATE TABLE IF NOT EXISTS ${this.#table} (key text PRIMARY KEY, value text NOT NULL, bound_at timestamptz NOT NULL DEFAULT now())`,
    );
    this.#ready = options.createTable === false ? async () => {} : create;
  }

  async bind(key: string, value: string): Promise<void> {
    await this.#ready();
    // The no-op update makes RETURNING give the existing row on conflict.
    const { rows } = await this.#pool.query(`INSERT INTO ${this.#table} AS t (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = t.value RETURNING value`, [
      key,
      value,
    ]);
    if (rows[0]?.value !== value) throw new BindingConflictError(key);
  }

  async get(key: string): Promise<string | undefined> {
    await this.#ready();
    const { rows } = await this.#pool.query(`SELECT value FROM ${this.#table} WHERE key = $1`, [key]);
    const value = rows[0]?.value;
    return typeof value === 'string' ? value : undefined;
  }

  /** Forget bindings made before `date`. Resolves to how many. */
  async deleteBoundBefore(date: Date): Promise<number> {
    await this.#ready();
    const deleted = await this.#pool.query(`DELETE FROM ${this.#table} WHERE bound_at < $1`, [date]);
    return deleted.rowCount ?? 0;
  }
}
