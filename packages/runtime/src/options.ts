/**
 * Every option of a vendor client, with its default. Defaults are resolved once, in
 * `createVendorClient`; the per-call `RequestOptions` override a few of them.
 */
import type { Middleware } from 'openapi-fetch';
import type { VendorContractsError } from './errors.js';
import type { RetryBudgetOptions } from './retry/budget.js';
import type { RetryClassifier } from './retry/classify.js';
import type { RateLimitStore } from './limits/rate-limit-store.js';
import type { TokenStore } from './auth/token-store.js';
import type { ValueShape } from './drift/shape.js';

/** @default 60 s for one attempt, headers and body included (`ClientOptions.timeout`) */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** @default 120 s for a whole call: every attempt and wait (`ClientOptions.deadline`) */
export const DEFAULT_DEADLINE_MS = 120_000;
/** @default 2 retries after the first attempt (`RetryOptions.maxRetries`) */
export const DEFAULT_MAX_RETRIES = 2;
/** @default 10 MiB: the largest response body read (`ClientOptions.maxResponseBytes`) */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** @default 16 attempts of one client in flight at once (`ClientOptions.maxConcurrency`) */
export const DEFAULT_MAX_CONCURRENCY = 16;
/** @default 60 s: the longest wait a Retry-After hint can cause (`RetryOptions.maxRetryWait`) */
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/**
 * A credential value, or a function that yields one (for tokens that change). A function that
 * also has an `invalidate(rejected)` method (what `cachedToken` returns) is renewed once when the
 * vendor answers 401: the engine calls `invalidate(rejectedValue)` and sends the request again, once.
 */
export type Credential = string | (() => string | Promise<string>);

export interface ClientOptions {
  /**
   * Base URL of the API. Overrides `environment`.
   * @default the URL of `environment` from the spec's servers
   */
  baseUrl?: string;
  /**
   * Which of the spec's servers to use (`production`, `test`, …).
   * @default the first server in the spec
   */
  environment?: string;
  /**
   * Credentials by security scheme name (as in the spec's `securitySchemes`) or by `x-credential`
   * name. Vendor packages fill this from friendlier options such as `apiKey`.
   * @default {}
   */
  credentials?: Record<string, Credential>;
  /**
   * Time allowed for one attempt, headers and body included → `TimeoutError`. `Infinity` sets no
   * timer at all (the deadline, if finite, still bounds the attempt).
   * @default 60000 (`DEFAULT_TIMEOUT_MS`)
   * @unit milliseconds
   */
  timeout?: number;
  /**
   * Time allowed for the whole call: every attempt, backoff and rate-limit wait. A wait that
   * would pass it is not started: the call fails at once with the last error (or `TimeoutError`).
   * @default 120000 (`DEFAULT_DEADLINE_MS`)
   * @unit milliseconds
   */
  deadline?: number;
  /**
   * Retries of failed attempts (see `defaultClassify` for what is retried).
   * @default { maxRetries: 2, maxRetryWait: 60000, classify: defaultClassify }
   */
  retry?: RetryOptions;
  /**
   * Client-side rate limit: at most `limit` requests (retries included) in any sliding window
   * of `windowSeconds`. `false` turns it off. Counted per client instance.
   * @default the spec's `x-rate-limit` (none when the spec declares none)
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Where the rate limit is counted. Pass one store to every client (and process) that shares a
   * quota: a `MemoryRateLimitStore` within one process, `RedisRateLimitStore` from
   * `@vendor-contracts/runtime/redis` across processes. Keyed by vendor, base URL and a hash of the
   * credentials. A store that fails or takes over 1 s is skipped (for 1 s at a time): the client
   * then limits on its own and reports `hooks.onStoreError`.
   * @default a MemoryRateLimitStore of this client alone
   */
  rateLimitStore?: RateLimitStore;
  /**
   * Where vendors with token auth (an OAuth2 password grant, say) keep the token: share one
   * `RedisTokenStore` between processes so the fleet makes one token request per expiry. A store
   * that fails is skipped: the client then fetches its own token and reports `hooks.onStoreError`.
   * Ignored by vendors without tokens.
   * @default none (the token is cached in this client)
   */
  tokenStore?: TokenStore;
  /**
   * Attempts of this client in flight at once; more wait in order (abortable, within their
   * deadline). Bounds the TCP connections the client opens to the vendor.
   * @default 16 (`DEFAULT_MAX_CONCURRENCY`)
   */
  maxConcurrency?: number;
  /**
   * How the client waits (backoff, Retry-After, rate limit); injectable for tests. Must resolve
   * after `ms` milliseconds; the client stops waiting on abort whatever it does.
   * @default a `setTimeout` that the signal clears
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Random numbers in [0, 1) for backoff jitter; injectable for tests.
   * @default Math.random
   */
  random?: () => number;
  /**
   * The wall clock, used only to read HTTP dates (an HTTP-date `Retry-After`); injectable for tests.
   * @default Date.now
   * @unit milliseconds since the epoch
   */
  now?: () => number;
  /**
   * The clock every interval is measured on: deadlines, rate-limit windows, token lifetimes. It
   * must never go backwards, so a wall-clock step cannot stall or fail a call; injectable for tests.
   * @default performance.now
   * @unit milliseconds from any origin
   */
  monotonicNow?: () => number;
  /**
   * The largest response body read, in bytes; a longer one fails with `ResponseTooLargeError`
   * as soon as it passes the limit (a `Content-Length` over it fails before reading).
   * @default 10485760, 10 MiB (`DEFAULT_MAX_RESPONSE_BYTES`)
   * @unit bytes
   */
  maxResponseBytes?: number;
  /**
   * Check requests against the spec before sending; a bad one throws `RequestValidationError`.
   * @default true
   */
  validateRequests?: boolean;
  /**
   * Check 2xx bodies against the spec; a break throws `ResponseContractError`. Unknown fields never fail.
   * @default true
   */
  validateResponses?: boolean;
  /**
   * The fetch to send requests with (tests, proxies, instrumentation).
   * @default globalThis.fetch
   */
  fetch?: (input: Request) => Promise<Response>;
  /**
   * Headers sent with every request (after auth; cannot replace credentials).
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * Observe what the client does. No console output ever happens by default.
   * @default {}
   */
  hooks?: ClientHooks;
  /**
   * Extra openapi-fetch middleware, run after the built-in ones.
   * @default []
   */
  middleware?: Middleware[];
}

export interface RetryOptions {
  /**
   * Retries after the first attempt; `0` turns retrying off.
   * @default 2 (`DEFAULT_MAX_RETRIES`)
   */
  maxRetries?: number;
  /**
   * The longest wait a `Retry-After` / `retry-after-ms` hint can cause; longer hints are cut to it
   * (and a hint past the call's deadline fails the call at once, without waiting).
   * @default 60000 (`DEFAULT_MAX_RETRY_WAIT_MS`)
   * @unit milliseconds
   */
  maxRetryWait?: number;
  /**
   * The client-wide retry budget (see `RetryBudget`): each retry spends `retryCost` of `capacity`
   * tokens, successes earn them back, and an empty budget stops retrying until they do. `false`
   * turns it off. Read from the client's options only (a per-call value is ignored).
   * @default { capacity: 500, retryCost: 5 }
   */
  budget?: RetryBudgetOptions | false;
  /**
   * Decide how a failed attempt may be retried (per vendor, or per operation via
   * `context.operationId`). Return `undefined` to use the default table.
   * @default defaultClassify
   */
  classify?: RetryClassifier;
}

export interface RateLimitOptions {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length. @unit seconds */
  windowSeconds: number;
}

export interface RequestOptions {
  /** Abort this call (also during a backoff or rate-limit wait → `AbortError`). */
  signal?: AbortSignal;
  /** Override the client's per-attempt timeout for this call. @default the client's `timeout` @unit milliseconds */
  timeout?: number;
  /** Override the client's overall deadline for this call. @default the client's `deadline` @unit milliseconds */
  deadline?: number;
  /** Override the client's retry options for this call (merged over them). @default the client's `retry` */
  retry?: RetryOptions;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** For operations with `x-api-versions`: which version to ask for. @default the highest accepted */
  apiVersion?: number;
}

export interface RequestEvent {
  vendor: string;
  operationId: string;
  method: string;
  /** The path template, e.g. `/job/{connect_id}` (no values, so no secrets). */
  path: string;
  /**
   * Which call of this process the event belongs to (from 1, unique across clients): ties the
   * attempts, retries and outcome of one call together without AsyncLocalStorage (tracing).
   */
  callId?: number;
  /** The attempt the event belongs to, from 1 (`onRequest`, `onResponse`, `onWait`, `onRetry`). */
  attempt?: number;
}

export interface CallEvent extends RequestEvent {
  callId: number;
  /** `scheme://host:port` the client sends to: never a path, query or user info. */
  origin: string;
}

export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

export interface UnknownFieldsEvent extends RequestEvent {
  status: number;
  /** JSON pointers of fields the spec does not declare, e.g. `/0/new_field`: at most `MAX_UNKNOWN_FIELD_POINTERS` (100). */
  pointers: string[];
  /** How many more such fields the body had beyond those listed (0 when `pointers` lists them all). */
  omitted: number;
  /** The shape of each listed field, in the same order: its type and key names, never its value. Always set by the client. */
  shapes?: Array<ValueShape | null>;
}

export interface ErrorEvent extends RequestEvent {
  error: VendorContractsError;
}

export interface RetryEvent extends RequestEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why it is retried: `HTTP 503`, `ECONNRESET`, `timeout`, … */
  reason: string;
  error: VendorContractsError;
}

export interface WaitEvent extends RequestEvent {
  /** How long the request waits for a rate-limit slot. */
  delayMs: number;
  reason: 'rate-limit';
}

export interface StoreErrorEvent {
  vendor: string;
  /** Which shared store failed. */
  store: 'rate-limit' | 'token';
  /** What was asked of it. */
  operation: string;
  /** What it threw (or a timeout). May name the store's host; never a token. */
  error: unknown;
  /** What the client did instead: its own limit or its own token. */
  fallback: 'local';
}

export interface SuccessEvent extends RequestEvent {
  status: number;
  /** Attempts made, from 1. */
  attempts: number;
}

export interface ClientHooks {
  /** A call starts (before its request is validated): once per call, before any other hook of it. */
  onCall?(event: CallEvent): void;
  /** Before each attempt is sent (after validation and any rate-limit wait). */
  onRequest?(event: RequestEvent): void;
  /** A failed attempt will be retried after `delayMs`. */
  onRetry?(event: RetryEvent): void;
  /** A request waits for the client-side rate limit. */
  onWait?(event: WaitEvent): void;
  /** A shared store (`rateLimitStore`, `tokenStore`) failed or was slow; the client went on without it. */
  onStoreError?(event: StoreErrorEvent): void;
  /** A call succeeded (its outcome; `onError` is the other one). */
  onSuccess?(event: SuccessEvent): void;
  /** After any response arrives. */
  onResponse?(event: ResponseEvent): void;
  /** A 2xx body carried fields the spec does not declare (kept in the result; never fatal). */
  onUnknownFields?(event: UnknownFieldsEvent): void;
  /** A call failed (after all its work); the same error is thrown to the caller. */
  onError?(event: ErrorEvent): void;
}
