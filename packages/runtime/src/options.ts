/**
 * Every option of a vendor client, with its default. Defaults are resolved once, in
 * `createVendorClient`; the per-call `RequestOptions` override a few of them.
 */
import type { Middleware } from 'openapi-fetch';
import type { VendorContractsError } from './errors.js';

/** A credential value, or a function that yields one (for tokens that change). */
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
   * Time allowed for one call, headers and body included.
   * @default 60000
   * @unit milliseconds
   */
  timeout?: number;
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

export interface RequestOptions {
  /** Abort this call. */
  signal?: AbortSignal;
  /** Override the client's timeout for this call. @unit milliseconds */
  timeout?: number;
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
}

export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

export interface UnknownFieldsEvent extends RequestEvent {
  status: number;
  /** JSON pointers of fields the spec does not declare, e.g. `/0/new_field`. */
  pointers: string[];
}

export interface ErrorEvent extends RequestEvent {
  error: VendorContractsError;
}

export interface ClientHooks {
  /** Before a request is sent (after validation). */
  onRequest?(event: RequestEvent): void;
  /** After any response arrives. */
  onResponse?(event: ResponseEvent): void;
  /** A 2xx body carried fields the spec does not declare (kept in the result; never fatal). */
  onUnknownFields?(event: UnknownFieldsEvent): void;
  /** A call failed (after all its work); the same error is thrown to the caller. */
  onError?(event: ErrorEvent): void;
}
