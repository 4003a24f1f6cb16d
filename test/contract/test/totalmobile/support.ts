/**
 * Totalmobile contract-test helpers: the client on Prism with the spec's own placeholder
 * credentials (so the /token body is exactly the spec's passwordGrant example), and a recorder
 * that also keeps each response body, to compare a Prism-generated answer with what the client
 * resolved to.
 */
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
import { type RecordedExchange, recordingFetch } from '../../src/harness.js';

/** The spec's passwordGrant example (POST /token): the client fills these from its options. */
export const USERNAME = '<username>';
export const PASSWORD = '<password>';
/** The access_token of the spec's token example (what Prism answers on /token). */
export const ACCESS_TOKEN = '<access_token>';

export const isToken = (call: RecordedExchange): boolean => call.url.pathname === '/token';

export interface Recorder {
  fetch: (request: Request) => Promise<Response>;
  calls: RecordedExchange[];
  /** Response bodies as text, by the index of their exchange in `calls`. */
  responses: string[];
}

export function recorder(transform?: (request: Request) => Request): Recorder {
  const inner = recordingFetch(transform);
  const responses: string[] = [];
  return {
    calls: inner.calls,
    responses,
    async fetch(request) {
      // recordingFetch records the exchange synchronously, before its first await: this is its index.
      const index = inner.calls.length;
      const response = await inner.fetch(request);
      responses[index] = await response.clone().text();
      return response;
    },
  };
}

export function totalmobile(baseUrl: string, fetch: (request: Request) => Promise<Response>, validateRequests = true) {
  return createTotalmobileClient({ username: USERNAME, password: PASSWORD, baseUrl, fetch, validateRequests });
}

/** A request transform that adds `headers` to /token requests only (e.g. to make Prism refuse the grant). */
export function onTokenRequests(headers: Record<string, string>): (request: Request) => Request {
  return (request) => {
    if (new URL(request.url).pathname !== '/token') return request;
    const merged = new Headers(request.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Request(request, { headers: merged });
  };
}
