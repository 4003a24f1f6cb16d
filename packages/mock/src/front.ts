/**
 * The small HTTP front each vendor's Prism sits behind (on its own free 127.0.0.1 port): it
 * forwards every request unchanged, then shows each exchange to an observer (coverage, drift)
 * and may rewrite the answer (surfacing Prism's request violations) before returning it.
 * Bodies are buffered, bounded by `maxBodyBytes`.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface Exchange {
  method: string;
  /** The request path without the query (`/job/12`). */
  pathname: string;
  requestHeaders: IncomingHttpHeaders;
  status: number;
  headers: IncomingHttpHeaders;
  /** The answer's body, decoded from any content-encoding (for reading, not forwarding). */
  body: Buffer;
}

/** What a rewrite returns: a new body (content-length is recomputed, content-encoding dropped). */
export type Rewrite = (exchange: Exchange) => Buffer | undefined;

export interface FrontOptions {
  /** Where requests go (Prism's base URL). */
  target: string;
  observe?: (exchange: Exchange) => void;
  rewrite?: Rewrite;
  /** Largest request or response body the front buffers. @default 16777216 @unit bytes */
  maxBodyBytes?: number;
}

export interface Front {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function readBody(stream: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.destroy();
        reject(new Error(`body larger than ${limit} bytes`));
      } else chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
    if (encoding === 'deflate') return inflateSync(body);
    if (encoding === 'br') return brotliDecompressSync(body);
  } catch {
    // an undecodable body is inspected as it is
  }
  return body;
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const target = new URL(options.target);
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req, limit);
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...forwardable(req.headers), host: target.host } },
          resolve,
        );
        out.once('error', reject);
        out.end(body);
      });
      const raw = await readBody(upstream, limit);
      const headers = forwardable(upstream.headers);
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        pathname: new URL(req.url ?? '/', 'http://front').pathname,
        requestHeaders: req.headers,
        status: upstream.statusCode ?? 502,
        headers: upstream.headers,
        body: decoded(raw, upstream.headers['content-encoding']),
      };
      let sent = raw;
      const rewritten = options.rewrite?.(exchange);
      if (rewritten) {
        sent = rewritten;
        delete headers['content-encoding'];
        exchange.body = rewritten;
      }
      headers['content-length'] = String(sent.length);
      options.observe?.(exchange);
      res.writeHead(exchange.status, headers);
      res.end(sent);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`@vendor-contracts/mock: could not reach ${target.origin}: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
