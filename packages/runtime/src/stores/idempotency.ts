/**
 * The idempotency-store contract: run a piece of work once per key, however many times and from
 * however many processes the same request arrives (webhook redeliveries, retried jobs). A receiver
 * claims the key, runs the work, then completes the key; duplicates see the claim and wait, or see
 * the completion and do nothing. Web-standard: the backends (`@vendor-contracts/runtime/postgres`,
 * `…/redis`) live on Node-only subpaths.
 */
import { VendorContractsError } from '../errors.js';
import { brandClasses } from '../internal/brand.js';

/** What a claim found. */
export type ClaimResult =
  /** The caller owns the key until its lease ends: run the work, then `complete` or `release`. */
  | 'acquired'
  /** The work already succeeded for this key: run nothing. */
  | 'completed'
  /** Another caller holds a live lease: wait (`waitFor`, or claim again later). */
  | 'pending';

/**
 * The contract a store must keep (`MemoryIdempotencyStore` is one process; `PostgresIdempotencyStore`
 * and `RedisIdempotencyStore` share it between processes; a DynamoDB conditional write works too):
 *
 * 1. `claim(key, leaseMs)` is atomic: of any number of concurrent claims on a key that is neither
 *    completed nor leased, exactly one returns `'acquired'`; the others see `'pending'`.
 * 2. A lease ends after `leaseMs` (the holder crashed): the key may then be acquired again.
 * 3. `complete(key)` is durable: from then on every claim returns `'completed'` (keep keys for at
 *    least as long as duplicates may arrive; days, not minutes).
 * 4. `release(key)` (the work failed) drops the lease so a later attempt can acquire it.
 * 5. `waitFor(key, signal)` is optional: it resolves when the key is completed or released (or the
 *    signal aborts). Without it, callers claim again with a short backoff.
 *
 * Between a successful side effect and `complete`, a crash leaves the key leased but not completed:
 * after the lease the work runs again (at least once). A store that can run the work inside its own
 * transaction closes that gap: see `TransactionalIdempotencyStore`.
 */
export interface IdempotencyStore {
  claim(key: string, leaseMs: number): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
  waitFor?(key: string, signal: AbortSignal): Promise<void>;
}

export interface RunOnceOptions {
  /**
   * How long to wait for a concurrent run of the same key to finish before giving up with
   * `IdempotencyBusyError`.
   * @unit milliseconds
   */
  waitMs: number;
  /**
   * How long the work may hold the key; past it the store aborts the run (rolled back, not
   * completed), so a stuck run cannot block the key for ever.
   * @unit milliseconds
   */
  leaseMs: number;
}

/** What `runOnce` did: ran the work and recorded it, or found it already done. */
export type RunOnceResult = 'ran' | 'completed';

/**
 * A store that records the completion in the same transaction as the work (PostgreSQL). The claim
 * is a row inserted in an open transaction: concurrent duplicates block on it; a crash (of the
 * process, the connection or the database) aborts the transaction, so the key is free again and a
 * retry runs the work: never lost, never done twice. Side effects made through `transaction` (the
 * transaction's own connection) commit or roll back with the completion: exactly once.
 *
 * - Resolves `'ran'` after `work` resolved and the transaction committed.
 * - Resolves `'completed'` when a committed run exists: `work` is not called.
 * - Rejects with `work`'s own error (rolled back, key free), `IdempotencyBusyError` (another run
 *   held the key longer than `waitMs`), or the store's error (nothing recorded).
 */
export interface TransactionalIdempotencyStore<Transaction> extends IdempotencyStore {
  runOnce(key: string, work: (transaction: Transaction) => Promise<void>, options: RunOnceOptions): Promise<RunOnceResult>;
}

/** True when `store` offers `runOnce` (the receiver then uses the transactional path). */
export function isTransactionalStore<T>(store: IdempotencyStore): store is TransactionalIdempotencyStore<T> {
  return typeof (store as Partial<TransactionalIdempotencyStore<T>>).runOnce === 'function';
}

/** Another run of the same key is still in progress after the wait allowed: retry later. */
export class IdempotencyBusyError extends VendorContractsError {
  constructor(waitMs: number, options?: { cause?: unknown }) {
    super(`Another run of this key was still in progress after ${waitMs} ms`, {}, options);
  }
}

brandClasses({ IdempotencyBusyError });
