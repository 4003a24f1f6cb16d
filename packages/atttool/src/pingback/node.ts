/**
 * `node:http` adapter: turns the Fetch-style receiver into a `(req, res)` listener for
 * `http.createServer`, Express (`app.post(path, listener)`, without a body parser before it) or any
 * framework that hands over Node's request and response. The body is streamed to the receiver
 * untouched, so its size cap applies before anything is buffered.
 *
 * Every request gets an answer: one that cannot be turned into a Fetch `Request` (an absolute-form
 * target `new URL` refuses, such as `http://[`, an asterisk-form `*`, a method Fetch forbids such as
 * TRACE) is a 400, never a dropped connection. Origin-form targets are paths, even `//[::1`.
 */
import { ConfigError } from '@vendor-contracts/runtime';

/**
 * What the adapter uses of `node:http`'s `NodeRequestLike` and `NodeResponseLike`, declared here
 * rather than imported so the types of `@vendor-contracts/atttool/pingback` load in projects
 * without `@types/node` (browsers, Workers). Node's (and Express's) objects fit them.
 */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  method?: string | undefined;
  url?: string | undefined;
  complete: boolean;
  socket: { destroy(): void };
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  once(event: 'finish', listener: () => void): unknown;
  end(chunk: Uint8Array): unknown;
  destroy(): unknown;
}

/** After answering without reading the whole body, discard what is still coming for at most this long. */
/** After answering without reading the whole body, discard what is still coming for at most this long. */
const DRAIN_MS = 2_000;

export interface NodeAdapterOptions {
  /**
   * The origin to build `request.url` with. Only the path and query matter to the receiver.
   * @default 'http://localhost'
   */
  origin?: string;
}

export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike) => void;

export function toNodeListener(receiver: (request: Request) => Promise<Response>, options: NodeAdapterOptions = {}): NodeListener {
  const origin = originOf(options.origin ?? 'http://localhost');
  return (req, res) => {
    void handle(req, res).catch(() => {
      // Only writing to a broken socket can end here; the connection is already gone.
      res.destroy();
    });
  };

  async function handle(req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
    const request = toRequest(req, origin);
    const response = request ? await receiver(request).catch(() => internalError()) : badRequest();
    const unread = !req.complete;
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    // A body left unread (413, 415, 404) would stall a keep-alive connection: close it instead,
    // after a bounded drain, so the client reads our answer rather than a reset.
    if (unread) {
      res.setHeader('connection', 'close');
      res.once('finish', () => {
        req.resume();
        const timer: { unref?: () => void } | number = setTimeout(() => req.socket.destroy(), DRAIN_MS);
        if (typeof timer === 'object') timer.unref?.();
      });
    }
    res.end(new Uint8Array(await response.arrayBuffer()));
  }
}

/** The Fetch `Request` for `req`, or `undefined` when its target, method or a header is one Fetch refuses. */
function toRequest(req: NodeRequestLike, origin: string): Request | undefined {
  const url = requestUrl(req.url ?? '', origin);
  if (!url) return undefined;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return new Request(url, { method, headers, ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}) } as RequestInit);
  } catch {
    return undefined; // e.g. TRACE, which Fetch forbids: input, answered 400
  }
}

/**
 * The URL for a request-target (RFC 9112 §3.2): origin-form (`/path?query`) is appended to
 * `origin` as is, so a path such as `//host/x` stays a path instead of being read as another host;
 * absolute-form (`http://host/path?query`) keeps only its path and query. Anything else
 * (asterisk-form, authority-form, text `URL` cannot parse) is `undefined`.
 */
function requestUrl(target: string, origin: string): URL | undefined {
  try {
    if (target.startsWith('/')) return new URL(origin + target);
    if (/^https?:\/\//i.test(target)) {
      const absolute = new URL(target);
      return new URL(origin + absolute.pathname + absolute.search);
    }
  } catch {
    // Not a URL: undefined, answered 400.
  }
  return undefined;
}

function originOf(value: string): string {
  try {
    const { origin } = new URL(value);
    if (origin !== 'null') return origin;
  } catch {
    // reported below
  }
  throw new ConfigError('atttool: toNodeListener origin must be an absolute http(s) URL, e.g. https://hooks.example.com', { vendor: 'atttool' });
}

function badRequest(): Response {
  return Response.json({ error: { code: 'bad_request', message: 'The request target or method is not valid' } }, { status: 400, headers: { 'cache-control': 'no-store' } });
}

/** The receiver itself threw (a bug, not the input): 500, so the vendor retries. */
function internalError(): Response {
  return Response.json({ error: { code: 'internal_error', message: 'The delivery was not processed; retry later' } }, { status: 500, headers: { 'cache-control': 'no-store' } });
}

/**
 * The request body as a web stream with backpressure. Written by hand rather than with
 * `Readable.toWeb` because cancelling that one destroys the socket, and then the 413 we answer a
 * too-large body with could not be sent.
 */
function bodyStream(req: NodeRequestLike): ReadableStream<Uint8Array> {
  let onData: ((chunk: Uint8Array) => void) | undefined;
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onData = (chunk) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      };
      req.on('data', onData);
      req.once('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.once('error', (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      if (onData) req.off('data', onData);
      req.pause();
    },
  });
}
