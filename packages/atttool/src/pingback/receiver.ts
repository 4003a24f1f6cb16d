/**
 * The receiver for AT&T Tool's order-completed pingback, framework-neutral: a Fetch `Request` in,
 * a `Response` out (see `node.ts` for `node:http`). In order, a delivery must:
 *
 *   carry a valid capability token in its URL  else 404 (the same answer as an unknown path)
 *   be a POST                                  else 405
 *   be `application/json`                      else 415
 *   be at most `maxBodyBytes` (read streamed)  else 413
 *   be UTF-8 JSON                              else 400
 *   match the spec's OrderCompletedPayload     else 422, naming each failing field
 *   carry the order bound to its reference     else 403; 503 while no binding is recorded yet
 *
 * Bad input is always a 4xx and never reaches your handler. A valid delivery is claimed in the
 * `IdempotencyStore` under `<reference>:<order_id>` (the id lower-cased: one order, one key); the
 * handler runs once per key, and every delivery of that key is answered 200 only after a run has
 * succeeded. A handler failure is a 500 (so the vendor retries), never blamed on the input. A store
 * that fails or is slower than `storeTimeoutMs` is a 503: never a 200 without a recorded claim.
 * With a transactional store (`PostgresIdempotencyStore`) claim, verify, handler and completion
 * are one transaction.
 */
import { ConfigError, IdempotencyBusyError, isTransactionalStore, jsonPointer, type TransactionalIdempotencyStore } from '@vendor-contracts/runtime';
import { OrderCompletedPayload as OrderCompletedPayloadSchema } from '../generated/schemas.js';
import type { components } from '../generated/types.js';
import type { PingbackBindingStore } from './binding.js';
import { type PingbackSecret, secretKeys, verifyCapability } from './capability.js';
import { normalizeOrderId } from './order-id.js';
import { type IdempotencyStore, MemoryIdempotencyStore } from './store.js';

export type OrderCompletedPayload = components['schemas']['OrderCompletedPayload'];

/** What your handler receives: a delivery that passed every check. */
export interface PingbackDelivery {
  /** The body, checked against the spec (unknown fields kept). */
  payload: OrderCompletedPayload;
  /** `payload.order_id` in its canonical spelling (lower case; `payload` keeps the vendor's). */
  orderId: string;
  /** The reference from the pingback URL (yours, or the random one `createPingbackUrl` chose). */
  reference: string;
}

/** Something the receiver did, for logs and metrics. Never carries the URL or its token. */
export type PingbackEvent =
  | { type: 'rejected'; status: number; code: string }
  | { type: 'handled'; reference: string; orderId: string }
  | { type: 'duplicate'; reference: string; orderId: string }
  | { type: 'handler-failed'; reference: string; orderId: string; error: unknown }
  | { type: 'unverified'; reference: string; orderId: string }
  /** No order is bound to the reference yet (answered 503: the vendor redelivers). */
  | { type: 'unbound'; reference: string; orderId: string }
  /** The reference is bound to another order (answered 403). */
  | { type: 'wrong-order'; reference: string; orderId: string }
  | { type: 'verify-failed'; reference: string; orderId: string; error: unknown }
  | { type: 'store-failed'; error: unknown };

/**
 * `Transaction` is what a transactional store hands the handler (a `pg.PoolClient` for
 * `PostgresIdempotencyStore`): write your side effect through it and it commits with the
 * completion, exactly once. Other stores pass `undefined`.
 */
export interface PingbackReceiverOptions<Transaction = undefined> {
  /** The master secret `createPingbackUrl` signed with (several during a rotation). */
  secret: PingbackSecret;
  /** Runs once per order (per reference and order_id). Resolve once the work is durable (done or enqueued). */
  handler: (delivery: PingbackDelivery, transaction: Transaction) => void | Promise<void>;
  /**
   * Which order each reference was placed for (`placeOrderWithPingback` records it): a delivery
   * carrying another order is a 403, one that arrives before its binding is recorded a 503 (the
   * vendor redelivers), and the handler runs for neither. `false` lets a valid reference report
   * any order: then your handler must check `orderId` against the order it placed under `reference`.
   */
  bindings: PingbackBindingStore | false;
  /** Where claims live. @default a new MemoryIdempotencyStore */
  store?: IdempotencyStore | TransactionalIdempotencyStore<Transaction>;
  /**
   * Longest wait for one store call (claim, complete); slower → 503, the vendor retries. A
   * transactional run may take `leaseMs + duplicateWaitMs + storeTimeoutMs` in all.
   * @default 5000
   * @unit milliseconds
   */
  storeTimeoutMs?: number;
  /**
   * Longest body read; a longer one is cut off unread → 413.
   * @default 65536
   * @unit bytes
   */
  maxBodyBytes?: number;
  /**
   * How long a claim protects a running handler; set it above your handler's slowest run, or a
   * redelivery during a very slow run may run the handler a second time.
   * @default 60000
   * @unit milliseconds
   */
  leaseMs?: number;
  /**
   * How long a duplicate waits for a running handler before answering 503 (the vendor retries).
   * @default 30000
   * @unit milliseconds
   */
  duplicateWaitMs?: number;
  /**
   * A second check of a delivery before the handler runs, e.g. `verifyWithStatusApi(client)`
   * (the order must be completed according to getOrderStatus). `false` → 409 and no handler run; a
   * throw → 503 (the vendor retries). Runs once per order, not for duplicates already handled.
   */
  verify?: (delivery: PingbackDelivery) => boolean | Promise<boolean>;
  /** Observe rejections, duplicates and failures. No console output happens by default. */
  onEvent?: (event: PingbackEvent) => void;
}

export type PingbackReceiver = (request: Request) => Promise<Response>;

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_DUPLICATE_WAIT_MS = 30_000;
const DEFAULT_STORE_TIMEOUT_MS = 5_000;
/** Re-claim interval for stores without `waitFor`. */
const RECLAIM_INTERVAL_MS = 50;
const MAX_ISSUES = 20;

/** A field the spec's schema refused: a JSON pointer into the body and what is wrong. */
export interface PayloadIssue {
  pointer: string;
  message: string;
}

class Rejection {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly issues?: PayloadIssue[],
    readonly headers: Record<string, string> = {},
  ) {}
}

export function createPingbackReceiver<Transaction = undefined>(options: PingbackReceiverOptions<Transaction>): PingbackReceiver {
  const keys = secretKeys(options.secret);
  if (typeof options.handler !== 'function') throw new ConfigError('atttool: pingback handler must be a function', { vendor: 'atttool' });
  const bindings = options.bindings;
  if (bindings !== false && (typeof bindings?.get !== 'function' || typeof bindings.bind !== 'function')) {
    throw new ConfigError(
      'atttool: pingback bindings must be a PingbackBindingStore (the one placeOrderWithPingback records into), or false to accept any order under a valid reference',
      { vendor: 'atttool' },
    );
  }
  const store = options.store ?? new MemoryIdempotencyStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const duplicateWaitMs = options.duplicateWaitMs ?? DEFAULT_DUPLICATE_WAIT_MS;
  const storeTimeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  const emit = (event: PingbackEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer's bug must not change what the vendor is told.
    }
  };

  return async function receivePingback(request: Request): Promise<Response> {
    let delivery: PingbackDelivery;
    try {
      delivery = await readDelivery(request, keys, maxBodyBytes);
    } catch (error) {
      const rejection = error instanceof Rejection ? error : new Rejection(400, 'bad_request', 'The request could not be read');
      emit({ type: 'rejected', status: rejection.status, code: rejection.code });
      return answer(
        rejection.status,
        { error: { code: rejection.code, message: rejection.message, ...(rejection.issues ? { issues: rejection.issues } : {}) } },
        rejection.headers,
      );
    }
    return acknowledge(delivery);
  };

  // Claim, (verify,) run the handler once per key, and answer only after it has succeeded.
  async function acknowledge(delivery: PingbackDelivery): Promise<Response> {
    const key = `${delivery.reference}:${delivery.orderId}`;
    const { reference, orderId } = delivery;
    if (bindings) {
      const refused = await checkBinding(bindings, delivery);
      if (refused) return refused;
    }
    if (isTransactionalStore<Transaction>(store)) return acknowledgeInTransaction(delivery, key, store);
    const giveUpAt = Date.now() + duplicateWaitMs;
    try {
      // Bounded: each pass either finishes or waits, and waiting stops at giveUpAt.
      for (;;) {
        const claim = await withinMs(store.claim(key, leaseMs), storeTimeoutMs);
        if (claim === 'completed') {
          emit({ type: 'duplicate', reference, orderId });
          return replies.duplicate();
        }
        if (claim === 'acquired') break;
        const remaining = giveUpAt - Date.now();
        if (remaining <= 0) {
          return replies.inProgress();
        }
        const signal = AbortSignal.timeout(store.waitFor ? remaining : Math.min(remaining, RECLAIM_INTERVAL_MS));
        if (store.waitFor) await store.waitFor(key, signal);
        else await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      }
    } catch (error) {
      emit({ type: 'store-failed', error });
      return replies.storeUnavailable();
    }
    if (options.verify) {
      let verified: boolean;
      try {
        verified = await options.verify(delivery);
      } catch (error) {
        emit({ type: 'verify-failed', reference, orderId, error });
        await store.release(key).catch(() => undefined);
        return replies.verifyUnavailable();
      }
      if (verified !== true) {
        emit({ type: 'unverified', reference, orderId });
        await store.release(key).catch(() => undefined);
        return replies.notVerified();
      }
    }
    try {
      await options.handler(delivery, undefined as Transaction);
    } catch (error) {
      emit({ type: 'handler-failed', reference, orderId, error });
      await store.release(key).catch(() => undefined); // the lease ends anyway
      return replies.handlerFailed();
    }
    try {
      await withinMs(store.complete(key), storeTimeoutMs);
    } catch (error) {
      // The work is done; a redelivery may repeat it, which is better than losing it.
      emit({ type: 'store-failed', error });
    }
    emit({ type: 'handled', reference, orderId });
    return replies.handled();
  }

  // Claim, verify, handler and completion in one store transaction: a crash anywhere rolls all
  // of it back, so the redelivery runs it again; a committed run is never run again.
  async function acknowledgeInTransaction(delivery: PingbackDelivery, key: string, txStore: TransactionalIdempotencyStore<Transaction>): Promise<Response> {
    const { reference, orderId } = delivery;
    let failed: { step: 'verify' | 'handler' | 'unverified'; error?: unknown } | undefined;
    const work = async (transaction: Transaction) => {
      if (options.verify) {
        const verified = await Promise.resolve(options.verify(delivery)).catch((error: unknown) => {
          failed = { step: 'verify', error };
          throw error;
        });
        if (verified !== true) {
          failed = { step: 'unverified' };
          throw new Error('not verified: roll the claim back');
        }
      }
      await Promise.resolve(options.handler(delivery, transaction)).catch((error: unknown) => {
        failed = { step: 'handler', error };
        throw error;
      });
    };
    try {
      const outcome = await withinMs(txStore.runOnce(key, work, { waitMs: duplicateWaitMs, leaseMs }), leaseMs + duplicateWaitMs + storeTimeoutMs);
      emit({ type: outcome === 'ran' ? 'handled' : 'duplicate', reference, orderId });
      return outcome === 'ran' ? replies.handled() : replies.duplicate();
    } catch (error) {
      switch (failed?.step) {
        case 'handler':
          emit({ type: 'handler-failed', reference, orderId, error: failed.error });
          return replies.handlerFailed();
        case 'verify':
          emit({ type: 'verify-failed', reference, orderId, error: failed.error });
          return replies.verifyUnavailable();
        case 'unverified':
          emit({ type: 'unverified', reference, orderId });
          return replies.notVerified();
      }
      if (error instanceof IdempotencyBusyError) return replies.inProgress();
      emit({ type: 'store-failed', error });
      return replies.storeUnavailable();
    }
  }

  // A URL authorises the one order placed under it; an answer when it does not (or not yet).
  async function checkBinding(bindings: PingbackBindingStore, { reference, orderId }: PingbackDelivery): Promise<Response | undefined> {
    let bound: string | undefined;
    try {
      bound = await withinMs(bindings.get(reference), storeTimeoutMs);
    } catch (error) {
      emit({ type: 'store-failed', error });
      return answer(503, { error: { code: 'store_unavailable', message: 'The delivery could not be checked; retry later' } }, { 'retry-after': '5' });
    }
    if (bound === undefined) {
      // placeOrder's answer may not have been processed yet: ask for a redelivery, never run unbound.
      emit({ type: 'unbound', reference, orderId });
      return answer(503, { error: { code: 'order_not_bound', message: 'No order is recorded for this pingback URL yet; retry later' } }, { 'retry-after': '5' });
    }
    if (normalizeOrderId(bound) !== orderId) {
      emit({ type: 'wrong-order', reference, orderId });
      return answer(403, { error: { code: 'wrong_order', message: 'This pingback URL was issued for another order' } });
    }
    return undefined;
  }
}

/** The answers after a delivery passed every check. */
const replies = {
  handled: () => answer(200, { status: 'ok' }),
  duplicate: () => answer(200, { status: 'ok', duplicate: true }),
  notVerified: () => answer(409, { error: { code: 'not_verified', message: 'The order is not completed according to the order status' } }),
  handlerFailed: () => answer(500, { error: { code: 'handler_failed', message: 'The delivery was not processed; retry later' } }),
  inProgress: () => answer(503, { error: { code: 'in_progress', message: 'This order is being processed by another delivery; retry later' } }, { 'retry-after': '5' }),
  storeUnavailable: () => answer(503, { error: { code: 'store_unavailable', message: 'The delivery could not be recorded; retry later' } }, { 'retry-after': '5' }),
  verifyUnavailable: () => answer(503, { error: { code: 'verify_unavailable', message: 'The delivery could not be verified; retry later' } }, { 'retry-after': '5' }),
};

/** `promise`, or a rejection after `ms` (a store call that hangs must not hold the vendor's request). */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The store did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readDelivery(request: Request, keys: readonly Uint8Array[], maxBodyBytes: number): Promise<PingbackDelivery> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new Rejection(404, 'not_found', 'Not found');
  }
  const reference = verifyCapability(url, keys);
  if (reference === undefined) throw new Rejection(404, 'not_found', 'Not found');
  if (request.method !== 'POST') throw new Rejection(405, 'method_not_allowed', 'Pingbacks are POST requests', undefined, { allow: 'POST' });
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new Rejection(415, 'unsupported_media_type', 'The body must be application/json', undefined, { accept: 'application/json' });
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBodyBytes) throw tooLarge(maxBodyBytes);
  const bytes = await readCapped(request, maxBodyBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Rejection(400, 'invalid_encoding', 'The body is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Rejection(400, 'invalid_json', 'The body is not valid JSON');
  }
  const parsed = OrderCompletedPayloadSchema.safeParse(json);
  if (!parsed.success) {
    // Bounded, so a body of thousands of bad entries gets a short answer.
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({ pointer: jsonPointer(issue.path), message: issue.message }));
    const listed = issues
      .slice(0, 5)
      .map((i) => `${i.pointer || '/'}: ${i.message}`)
      .join('; ');
    throw new Rejection(422, 'invalid_payload', `The body does not match the order-completed payload (${parsed.error.issues.length} issue(s)): ${listed}`, issues);
  }
  const payload = parsed.data as OrderCompletedPayload;
  return { payload, orderId: normalizeOrderId(payload.order_id), reference };
}

/** Reads at most `max` bytes; stops reading (and cancels the stream) as soon as the body is longer. */
async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(max);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Rejection) throw error;
    throw new Rejection(400, 'body_unreadable', 'The body could not be read');
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function tooLarge(max: number): Rejection {
  return new Rejection(413, 'payload_too_large', `The body is larger than ${max} bytes`);
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
}
