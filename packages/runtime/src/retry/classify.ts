/**
 * Retry policy: the one classification table, backoff and Retry-After parsing.
 *
 * Hand-written rather than built on cockatiel (3.x): cockatiel's retry policy waits on its own
 * timers with no injectable sleep or clock, so tests would need fake timers, which do not mix
 * with real HTTP on 127.0.0.1; and Retry-After, the per-call deadline and the
 * "maybe applied" rule for POST/PATCH would all be custom code around it anyway. What remains is
 * ~100 lines with no dependency.
 */
import { AbortError, ApiError, ConnectionError, RateLimitError, TimeoutError, type VendorContractsError } from '../errors.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * How a failed attempt may be retried:
 * - `never`          the answer is final (a 4xx contract error, a 409 conflict, a bad request or
 *                    response, a vendor error in a 2xx body, a redirect, an abort)
 * - `not-applied`    certainly not applied (nothing was sent, or a 429 rejected it before any
 *                    processing): retried for every method
 * - `maybe-applied`  transient, but the vendor may have applied it (5xx, 408, reset, timeout):
 *                    retried only when the operation is idempotent; otherwise the error carries
 *                    `maybeApplied: true`
 */
export type RetryClass = 'never' | 'not-applied' | 'maybe-applied';

export interface Classification {
  retryClass: RetryClass;
  /** A short, secret-free reason for hooks: `HTTP 503`, `ECONNRESET`, `timeout`, … */
  reason: string;
}

export interface RetryContext {
  vendor: string;
  operationId: string;
  method: string;
  idempotent: boolean;
  /** The attempt that failed, from 1. */
  attempt: number;
}

/** A custom classifier; return `undefined` to fall back to the default table. */
export type RetryClassifier = (error: VendorContractsError, context: RetryContext) => Classification | RetryClass | undefined;

/** Transport error codes that mean the request never left the client. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN']);
/** llhttp codes that mean the connection ended early (transient), not that the answer is malformed. */
const CUT_SHORT_PARSE_CODES = new Set(['HPE_CLOSED_CONNECTION', 'HPE_INVALID_EOF_STATE']);

/**
 * The code of a failure to read the answer as HTTP that will repeat identically (the engine
 * reports it as a `ResponseFormatError`, never retried): headers over undici's limit, or any llhttp
 * parse error (`HPE_*`) other than a connection cut short. Undefined for anything else.
 */
export function unreadableResponseCode(error: unknown): string | undefined {
  const code = causeCode(error);
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return code;
  if (code?.startsWith('HPE_') && !CUT_SHORT_PARSE_CODES.has(code) && !code.startsWith('HPE_PAUSED') && !code.startsWith('HPE_CB_')) return code;
  return undefined;
}

/**
 * The default table. Every error the engine throws is one of these rows:
 *
 * | error                                           | class          |
 * |-------------------------------------------------|----------------|
 * | ConnectionError: ECONNREFUSED, connect timeout, DNS | not-applied |
 * | ConnectionError: reset, socket closed, other    | maybe-applied  |
 * | TimeoutError (headers or body)                  | maybe-applied  |
 * | RateLimitError 429                              | not-applied    |
 * | ApiError 408, 5xx                               | maybe-applied  |
 * | ApiError other 4xx (incl. 409), other statuses  | never          |
 * | RequestValidationError, ResponseContractError, ResponseFormatError (also an answer that is not readable HTTP), VendorError, UnexpectedRedirectError, AbortError, ConfigError, TokenAcquisitionError | never |
 */
export function defaultClassify(error: VendorContractsError): Classification {
  if (error instanceof AbortError) return { retryClass: 'never', reason: 'aborted' };
  if (error instanceof TimeoutError) return { retryClass: 'maybe-applied', reason: 'timeout' };
  if (error instanceof ConnectionError) {
    const code = causeCode(error);
    return { retryClass: code && NOT_SENT_CODES.has(code) ? 'not-applied' : 'maybe-applied', reason: code ?? 'network error' };
  }
  if (error instanceof RateLimitError) return { retryClass: 'not-applied', reason: 'HTTP 429' };
  if (error instanceof ApiError) {
    const retryable = error.status === 408 || error.status >= 500;
    return { retryClass: retryable ? 'maybe-applied' : 'never', reason: `HTTP ${error.status}` };
  }
  return { retryClass: 'never', reason: error.name };
}

/** The first `code` along the cause chain (undici puts it on `cause`, sometimes on an AggregateError). */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = causeCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Backoff before retry `n` (0 = first retry): `min(500 ms · 2ⁿ, 8 s)`, minus up to 25 % jitter. */
export function backoffDelay(n: number, random: () => number): number {
  const base = Math.min(500 * 2 ** Math.max(0, n), 8_000);
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return base * (1 - 0.25 * jitter);
}

/**
 * The server's wait hint in milliseconds: `retry-after-ms`, then `Retry-After` read strictly as
 * delay-seconds or an HTTP-date relative to `now` (`retry-after.ts`). `undefined` when absent or
 * not one of those forms (the normal backoff applies); never negative.
 */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms);
  const value = headers['retry-after'];
  return value === undefined ? undefined : parseRetryAfter(value, now);
}
