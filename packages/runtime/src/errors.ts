/**
 * One flat error hierarchy for every vendor. openapi-fetch returns `{ data, error }`; we turn
 * every failure into one of these so callers can `catch` by class (or by `code`).
 *
 *   VendorContractsError
 *   ├─ ConfigError                 bad client options (thrown at construction)
 *   ├─ RequestValidationError      a request that breaks the spec; nothing was sent
 *   ├─ ApiError                    the vendor answered with an error status
 *   │   └─ BadRequestError 400 · AuthenticationError 401 · PermissionDeniedError 403 ·
 *   │      NotFoundError 404 · ConflictError 409 · UnprocessableEntityError 422 ·
 *   │      RateLimitError 429 · ServerError 5xx
 *   ├─ VendorError                 a 2xx body the spec declares to be an error (x-vendor-error)
 *   ├─ ResponseContractError       a 2xx body that breaks the spec (names the JSON pointers)
 *   ├─ ResponseFormatError         a body that is not the JSON the spec promises
 *   ├─ UnexpectedRedirectError     a 3xx answer (redirects are never followed)
 *   ├─ ResponseTooLargeError       a body over `maxResponseBytes` (reading stopped there)
 *   ├─ ConnectionError             no usable answer (refused, reset, DNS)
 *   │   └─ TimeoutError            no complete answer within the timeout
 *   └─ AbortError                  the caller's AbortSignal fired
 *
 * Every class is branded (internal/brand.ts), so `instanceof` also recognises errors thrown by
 * another installed copy of this package.
 */
import { brandClasses } from './internal/brand.js';

import { printable, vendorText } from './printable.js';

/** Where a failure happened: which vendor and operation. */
export interface ErrorContext {
  vendor?: string;
  operationId?: string;
}

export class VendorContractsError extends Error {
  readonly vendor: string | undefined;
  readonly operationId: string | undefined;
  /**
   * Set when the request reached the vendor and the outcome is unknown (a 5xx, 408, reset or
   * timeout): `true` means it may have been applied, so a non-idempotent call was not retried.
   * `false` means it certainly was not (refused connection, 429). Absent otherwise.
   */
  declare maybeApplied?: boolean;

  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.vendor = context.vendor;
    this.operationId = context.operationId;
  }

  /** Own enumerable data only: what `JSON.stringify(error)` shows. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...Object.fromEntries(Object.entries(this)) };
  }
}

export class ConfigError extends VendorContractsError {}

/** One failing field of a request or response. */
export interface FieldIssue {
  /** Where: `body.return_address.city`, `header.start_date`, `path.connect_id` (requests) or a JSON pointer (responses). */
  path: string;
  /** The rule that failed, in JSON Schema words: `required`, `type: integer`, `maxLength: 4096`, `enum: 0 | 1`, … */
  rule: string;
  /** A human sentence. Never contains the rejected value, which may be a secret. */
  message: string;
}

function listIssues(issues: readonly FieldIssue[]): string {
  // A response pointer holds the vendor's keys: escaped, so a key cannot start a new log line.
  return issues.map((i) => `  - ${printable(i.path) || '(root)'}: ${printable(i.message)} [${printable(i.rule)}]`).join('\n');
}

/** The request breaks the spec. Thrown before any network call: nothing was sent. */
export class RequestValidationError extends VendorContractsError {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[], context: ErrorContext) {
    super(`Invalid request for ${context.vendor}.${context.operationId} (nothing was sent):\n${listIssues(issues)}`, context);
    this.issues = issues;
  }
}

export interface ApiErrorInit extends ErrorContext {
  status: number;
  headers: Headers;
  /** The error body, parsed as JSON when it is JSON (and checked against the spec when it declares one). */
  body: unknown;
  /** True when the body matched the error schema the spec declares for this status. */
  bodyMatchesSpec?: boolean;
  /** The server's wait hint (`retry-after-ms` / `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** The vendor's error code, read from the body where the spec's `x-error-fields` says. */
  code?: string;
  /** The vendor's error message, read from the body where the spec's `x-error-fields` says. */
  vendorMessage?: string;
}

/** The vendor answered with a non-2xx status. */
export class ApiError extends VendorContractsError {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly bodyMatchesSpec: boolean;
  readonly requestId: string | undefined;
  /** The vendor's error code (`not_found`, `invalid_grant`, `ERR_…`) when the spec says where the body has one. */
  readonly code: string | undefined;

  constructor(init: ApiErrorInit, message?: string) {
    const detail = init.code !== undefined || init.vendorMessage !== undefined ? excerpt(init.code, init.vendorMessage) : summariseBody(init.body);
    super(message ?? `${init.vendor}.${init.operationId} failed with HTTP ${init.status}${detail}`, init);
    this.status = init.status;
    this.code = init.code;
    this.headers = Object.fromEntries(init.headers);
    this.body = init.body;
    this.bodyMatchesSpec = init.bodyMatchesSpec ?? false;
    this.requestId = init.headers.get('x-request-id') ?? undefined;
  }

  /** The single place that maps a status to its error class. */
  static fromResponse(init: ApiErrorInit): ApiError {
    const Class = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? ServerError : ApiError);
    return new Class(init);
  }
}

export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {}
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
export class UnprocessableEntityError extends ApiError {}
export class RateLimitError extends ApiError {
  /** How long the vendor asked us to wait (`retry-after-ms` or `Retry-After`), when it said. @unit milliseconds */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit, message?: string) {
    super(init, message);
    this.retryAfterMs = init.retryAfterMs;
  }
}
export class ServerError extends ApiError {}

const STATUS_CLASSES: Record<number, new (init: ApiErrorInit) => ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** `: CODE: message` (either part may be missing) from vendor text: cut to 200 characters on a code-point boundary, control characters escaped. */
export function excerpt(code: string | undefined, text: string | undefined): string {
  const detail = [code, text && text !== code ? text : undefined].filter(Boolean).join(': ');
  return detail ? `: ${vendorText(detail)}` : '';
}

/** A short excerpt of an error body for the message when the spec names no error fields: the vendor's own error text if it has one. */
function summariseBody(body: unknown): string {
  if (body == null || body === '') return '';
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(pick).filter(Boolean).join('; ') || undefined;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return pick(o.error ?? o.message ?? o.Message ?? o.status);
    }
    return undefined;
  };
  const text = pick(body);
  return text ? `: ${vendorText(text)}` : '';
}

export interface VendorErrorInit extends ErrorContext {
  status: number;
  code: string | undefined;
  body: unknown;
}

/** A 2xx answer whose body the spec declares to be an error (`x-vendor-error`), e.g. `status: ERR_*`. */
export class VendorError extends VendorContractsError {
  readonly status: number;
  readonly code: string | undefined;
  readonly body: unknown;
  readonly retryable = false;

  constructor(init: VendorErrorInit, message?: string) {
    super(message ?? `${init.vendor}.${init.operationId} returned an error in a ${init.status} answer${init.code ? `: ${vendorText(init.code)}` : ''}`, init);
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
  }
}

/** A 2xx body that breaks the spec. `issues[].path` are JSON pointers into the body. */
export class ResponseContractError extends VendorContractsError {
  readonly status: number;
  readonly issues: readonly FieldIssue[];
  readonly body: unknown;

  constructor(init: ErrorContext & { status: number; issues: readonly FieldIssue[]; body: unknown }) {
    super(`${init.vendor}.${init.operationId}: the ${init.status} response breaks the contract:\n${listIssues(init.issues)}`, init);
    this.status = init.status;
    this.issues = init.issues;
    this.body = init.body;
  }
}

/** The body is not the JSON the spec promises (HTML error page, truncated JSON, …), or the answer is not HTTP at all. */
export class ResponseFormatError extends VendorContractsError {
  readonly status: number;
  readonly contentType: string | null;
  /**
   * `syntax`: the body does not parse as JSON; `content-type`: it is labelled as something other
   * than JSON; `http`: the answer is not readable HTTP at all (headers over the parser's limit, a
   * malformed status line, header, length or chunk), so `status` is 0 and `contentType` null.
   */
  readonly reason: 'syntax' | 'content-type' | 'http';

  constructor(init: ErrorContext & { status: number; contentType: string | null; reason?: 'syntax' | 'content-type' | 'http'; cause?: unknown; code?: string }) {
    const reason = init.reason ?? 'syntax';
    const what = reason === 'syntax' ? 'is not valid JSON' : 'is not labelled as JSON';
    super(
      reason === 'http'
        ? `${init.vendor}.${init.operationId}: the answer is not readable HTTP (${init.code ?? 'parse error'}); it would fail the same way again, so it is not retried`
        : `${init.vendor}.${init.operationId}: the ${init.status} response ${what} (content-type ${init.contentType === null ? 'none' : vendorText(init.contentType, 100)})`,
      init,
      { cause: init.cause },
    );
    this.status = init.status;
    this.contentType = init.contentType;
    this.reason = reason;
  }
}

/**
 * The vendor answered with a redirect (3xx). Redirects are never followed: fetch would re-send
 * our headers and body (api keys, tokens) to the new URL. Names the target host only, never
 * its path or query.
 */
export class UnexpectedRedirectError extends VendorContractsError {
  readonly status: number;
  /** Host (and port) of the `Location` header, resolved against the request URL; `undefined` when absent. */
  readonly locationHost: string | undefined;

  constructor(init: ErrorContext & { status: number; locationHost: string | undefined }) {
    super(`${init.vendor}.${init.operationId} answered HTTP ${init.status} redirecting to ${init.locationHost ?? '(no location)'}; redirects are never followed`, init);
    this.status = init.status;
    this.locationHost = init.locationHost;
  }
}

/** The answer's body is larger than `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends VendorContractsError {
  readonly status: number;
  readonly limitBytes: number;
  /** Bytes received before reading stopped (at most the limit plus one chunk). */
  readonly bytesRead: number;

  constructor(init: ErrorContext & { status: number; limitBytes: number; bytesRead: number }) {
    super(`${init.vendor}.${init.operationId}: the ${init.status} response is larger than ${init.limitBytes} bytes; reading stopped`, init);
    this.status = init.status;
    this.limitBytes = init.limitBytes;
    this.bytesRead = init.bytesRead;
  }
}

/** No usable answer: connection refused or reset, DNS failure, … The request may or may not have been applied. */
export class ConnectionError extends VendorContractsError {}

/** No complete answer (headers and body) within the timeout. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, context: ErrorContext, options?: { cause?: unknown }) {
    super(`${context.vendor}.${context.operationId} timed out after ${timeoutMs} ms`, context, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends VendorContractsError {}

// The brands `instanceof` checks across copies of this package (names as keys survive minifying).
brandClasses({
  VendorContractsError,
  ConfigError,
  RequestValidationError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  ServerError,
  VendorError,
  ResponseContractError,
  ResponseFormatError,
  UnexpectedRedirectError,
  ResponseTooLargeError,
  ConnectionError,
  TimeoutError,
  AbortError,
});
