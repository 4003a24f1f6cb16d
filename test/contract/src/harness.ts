/**
 * Vendor-neutral helpers for contract test files: a Prism per test file, a fetch that records what
 * really went over the wire, the status → error class table the tests expect, and dynamic access
 * to a client's operation methods.
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  type CallInput,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestOptions,
  ServerError,
  UnprocessableEntityError,
} from '@vendor-contracts/runtime';
import { afterAll, beforeAll } from 'vitest';
import { type PrismServer, startPrism } from './prism.js';

/**
 * Starts Prism for `vendor` before the file's tests and stops it after them (afterAll, so no
 * server outlives the run). Read `.baseUrl` inside tests or hooks, not at collection time.
 */
export function usePrism(vendor: string): { readonly baseUrl: string; readonly server: PrismServer } {
  let server: PrismServer | undefined;
  beforeAll(async () => {
    server = await startPrism(vendor);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error(`Prism for ${vendor} is not running (read it inside a test)`);
      return server;
    },
    get baseUrl() {
      return this.server.baseUrl;
    },
  };
}

export interface RecordedExchange {
  method: string;
  url: URL;
  headers: Headers;
  /** The request body as sent, parsed when it is JSON. */
  body: unknown;
  /** The response status; undefined while waiting, or when no response came. */
  status: number | undefined;
  responseHeaders: Headers | undefined;
  /** The response body as text (read from a clone, so the client still reads the original). */
  responseText: string | undefined;
}

/**
 * A `fetch` for the client's `fetch` option that records every request the moment it is handed
 * over (before any network I/O, so even a request that never gets an answer is counted), then
 * its response (status, headers and body text, to compare a Prism-generated answer with what the
 * client resolved to). `transform` may alter the request first (e.g. drop a header).
 */
export function recordingFetch(transform?: (request: Request) => Request): {
  fetch: (request: Request) => Promise<Response>;
  calls: RecordedExchange[];
} {
  const calls: RecordedExchange[] = [];
  return {
    calls,
    async fetch(original: Request): Promise<Response> {
      const request = transform ? transform(original) : original;
      const exchange: RecordedExchange = {
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body: undefined,
        status: undefined,
        responseHeaders: undefined,
        responseText: undefined,
      };
      calls.push(exchange);
      const text = request.body ? await request.clone().text() : '';
      try {
        exchange.body = text === '' ? undefined : JSON.parse(text);
      } catch {
        exchange.body = text;
      }
      const response = await globalThis.fetch(request);
      exchange.status = response.status;
      exchange.responseHeaders = new Headers(response.headers);
      exchange.responseText = await response.clone().text();
      return response;
    },
  };
}

/** A copy of `request` without `name` (e.g. to send a call without its credentials). */
export function withoutHeader(name: string): (request: Request) => Request {
  return (request) => {
    const headers = new Headers(request.headers);
    headers.delete(name);
    return new Request(request, { headers });
  };
}

/** The error class each status must produce (written out here, not read from the runtime). */
export function expectedErrorClass(status: number): typeof ApiError {
  const table: Record<number, typeof ApiError> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
  };
  return table[status] ?? (status >= 500 ? ServerError : ApiError);
}

export type OperationMethod = (input?: CallInput, options?: RequestOptions) => Promise<unknown>;

/** The client's method for `operationId` (the typed method itself, not `call`). */
export function operationMethod(client: object, operationId: string): OperationMethod {
  const method = (client as Record<string, unknown>)[operationId];
  if (typeof method !== 'function') throw new Error(`the client has no method "${operationId}"`);
  return method as OperationMethod;
}

/** `path` with `{name}` placeholders filled from `values` (URI-encoded), as a client must send it. */
export function fillPath(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/**
 * What Prism found wrong with a request: its `sl-violations` header. Prism lists them there only
 * when the operation documents a 4xx it can answer with; with `orProblemBody`, an operation that
 * documents none is read from the `validation` list of the 422 problem body Prism makes up.
 */
export function prismViolations(exchange: RecordedExchange, error: unknown, { orProblemBody = false } = {}): string | null | undefined {
  const header = exchange.responseHeaders?.get('sl-violations');
  if (header || !orProblemBody) return header;
  return JSON.stringify(((error as ApiError).body as { validation?: unknown } | undefined)?.validation ?? null);
}

/** Await a promise that must reject; returns the rejection (throws if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}
