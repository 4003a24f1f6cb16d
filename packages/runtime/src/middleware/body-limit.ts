/**
 * Caps how much of a response body is read (R10): the body is passed through a byte counter that
 * fails the stream as soon as it passes the limit, and cancels the rest, so a huge or endless
 * answer costs at most the limit plus one chunk of memory. The engine applies it to what fetch
 * returns, before any middleware reads the body; on `client.raw` it is the middleware registered
 * last, so its `onResponse` runs first (openapi-fetch runs them in reverse).
 */
import type { Middleware } from 'openapi-fetch';

/** Thrown into the body stream; the engine turns it into `ResponseTooLargeError`. */
export class BodyLimitExceeded extends Error {
  constructor(
    readonly status: number,
    readonly limitBytes: number,
    readonly bytesRead: number,
  ) {
    super(`response body over ${limitBytes} bytes`);
  }
}

/** The same limit for `client.raw` (the engine applies `limitBody` as soon as fetch answers). */
export function bodyLimitMiddleware(limitBytes: number): Middleware {
  return { onResponse: ({ response }) => limitBody(response, limitBytes) };
}

/** `response` with its body capped at `limitBytes` (the same response when its length is known and within it). */
export function limitBody(response: Response, limitBytes: number): Response {
  if (!response.body) return response;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    void response.body.cancel().catch(() => undefined);
    throw new BodyLimitExceeded(response.status, limitBytes, 0);
  }
  // A declared length within the cap bounds the body (HTTP framing), so the common answer skips
  // the counting stream, which costs more than the rest of a small call's overhead. A
  // compressed body is decoded by fetch and can be far larger than its Content-Length, so it
  // is always counted.
  const encoding = response.headers.get('content-encoding');
  if (Number.isFinite(declared) && response.headers.has('content-length') && (!encoding || encoding === 'identity')) return response;
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes > limitBytes) controller.error(new BodyLimitExceeded(response.status, limitBytes, bytes));
      else controller.enqueue(chunk);
    },
  });
  const limited = new Response(response.body.pipeThrough(counter), { status: response.status, statusText: response.statusText, headers: response.headers });
  // Keep the URL (relative redirects resolve against it).
  Object.defineProperty(limited, 'url', { value: response.url });
  return limited;
}
