/**
 * The fault-injection rig: a real `node:http` server on 127.0.0.1 (port 0) that plays a script,
 * one step per request, and keeps a ledger of what it received. Tests assert on the ledger
 * (attempt counts, duplicates) rather than on timing.
 *
 * Steps: a plain answer (`status`, `headers`, `body`, `delayMs`) or a fault:
 *   destroy-before-headers  read the request, then destroy the socket before any byte of answer
 *   destroy-mid-body        send headers and half the body, then destroy the socket
 *   hang                    read the request and never answer
 *   stall-body              send headers and part of the body, then nothing more
 *   redirect-to             a 3xx with `Location: <location>`
 *   close-idle-keepalive    answer normally, then close the kept-alive socket right after
 *   stream-bytes            stream `bytes` bytes of `fill` in 64 KiB writes, honouring backpressure
 *                           and stopping when the client goes away (chunked unless `contentLength`);
 *                           the ledger entry's `bytesSent` counts what was written
 *   raw-response            write `bytes` to the socket as is and close it: a malformed HTTP answer
 * When the script runs out, `fallback` answers (default: 200 `{"id":1,"name":"ok"}`).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Answer = { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number };
export type Step =
  | ({ fault?: undefined } & Answer)
  | { fault: 'destroy-before-headers' }
  | ({ fault: 'destroy-mid-body' } & Answer)
  | { fault: 'hang' }
  | ({ fault: 'stall-body' } & Answer)
  | { fault: 'redirect-to'; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  | ({ fault: 'close-idle-keepalive' } & Answer)
  | { fault: 'stream-bytes'; bytes: number; fill?: string; contentLength?: boolean; status?: number; headers?: Record<string, string> }
  | { fault: 'raw-response'; bytes: string };

export interface LedgerEntry {
  seq: number;
  method: string;
  /** Path and query as received. */
  url: string;
  /** The `x-correlation-id` header, when the test sent one. */
  correlationId: string | undefined;
  /** sha256 of the request body (hex, first 16 characters). */
  bodyHash: string;
  body: string;
  /** Which TCP connection carried the request (1-based, in accept order). */
  connectionId: number;
  headers: IncomingMessage['headers'];
  /** For `stream-bytes`: body bytes written to the socket so far. */
  bytesSent?: number;
}

export const CORRELATION_HEADER = 'x-correlation-id';
const DEFAULT_BODY = { id: 1, name: 'ok' };

export interface FaultServer {
  readonly url: string;
  readonly port: number;
  readonly ledger: LedgerEntry[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** The most connections open at once. */
  readonly maxConcurrentConnections: number;
  /** Append steps to the script (played in order, one per request). */
  script(...steps: Step[]): void;
  /** What to answer once the script is empty (a step, or a function of the ledger entry). */
  fallback: Step | ((entry: LedgerEntry) => Step);
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const queue: Step[] = [];
  const ledger: LedgerEntry[] = [];
  const sockets = new Map<Socket, number>();
  let connections = 0;
  let open = 0;
  let maxOpen = 0;

  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, ++connections);
    maxOpen = Math.max(maxOpen, ++open);
    socket.on('close', () => open--);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const entry: LedgerEntry = {
      seq: ledger.length + 1,
      method: req.method ?? '',
      url: req.url ?? '',
      correlationId: headerValue(req.headers[CORRELATION_HEADER]),
      bodyHash: createHash('sha256').update(body).digest('hex').slice(0, 16),
      body,
      connectionId: sockets.get(req.socket) ?? 0,
      headers: req.headers,
    };
    ledger.push(entry);
    const step = queue.shift() ?? (typeof api.fallback === 'function' ? api.fallback(entry) : api.fallback);
    await play(step, req, res, entry);
  }

  async function play(step: Step, req: IncomingMessage, res: ServerResponse, entry: LedgerEntry): Promise<void> {
    if ('delayMs' in step && step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    switch (step.fault) {
      case 'destroy-before-headers':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'raw-response':
        // Bypasses node:http's serialiser, so the bytes need not be valid HTTP.
        req.socket.end(step.bytes, 'latin1');
        return;
      case 'stream-bytes': {
        const total = step.bytes;
        res.writeHead(step.status ?? 200, { 'content-type': 'application/json', ...(step.contentLength ? { 'content-length': String(total) } : {}), ...step.headers });
        const chunk = Buffer.alloc(64 * 1024, step.fill ?? 'x');
        entry.bytesSent = 0;
        const pump = () => {
          // Bounded by `total`; stops early once the client has gone.
          while (entry.bytesSent! < total && !res.destroyed) {
            const n = Math.min(chunk.length, total - entry.bytesSent!);
            entry.bytesSent! += n;
            if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'redirect-to':
        res.writeHead(step.status ?? 302, { location: step.location, 'content-length': '0' }).end();
        return;
      case 'destroy-mid-body':
      case 'stall-body': {
        const text = serialise(step.body ?? DEFAULT_BODY);
        res.writeHead(step.status ?? 200, { 'content-type': 'application/json', 'content-length': String(text.length), ...step.headers });
        // Destroy only once the partial body has reached the socket, so the client sees headers first.
        res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => {
          if (step.fault === 'destroy-mid-body') req.socket.destroy();
        });
        return;
      }
      default: {
        const text = step.body === undefined ? serialise(DEFAULT_BODY) : serialise(step.body);
        res.writeHead(step.status ?? 200, { 'content-type': 'application/json', ...step.headers });
        res.end(text);
        if (step.fault === 'close-idle-keepalive') res.on('finish', () => setImmediate(() => req.socket.destroy()));
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const api: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    ledger,
    get connections() {
      return connections;
    },
    get maxConcurrentConnections() {
      return maxOpen;
    },
    script: (...steps) => void queue.push(...steps),
    fallback: {},
    close: () => closeServer(server),
  };
  return api;
}

/** Stop accepting, destroy every connection (hung ones included), and wait at most 2 s. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000)));
  await Promise.race([closed, bounded]);
  clearTimeout(timer);
}

/** A port with nothing listening (for ECONNREFUSED): bind, note the port, close. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

function serialise(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
