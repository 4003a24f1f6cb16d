/**
 * A self-hosted Nx remote cache: the HTTP API Nx (20.8+) calls when
 * NX_SELF_HOSTED_REMOTE_CACHE_SERVER is set (`GET`/`PUT /v1/cache/{hash}`, tar archives as
 * octet-streams, optional bearer token), storing each entry as one file in a directory.
 * Point several servers at one shared directory (a network mount) and every machine shares
 * the cache, with no Nx Cloud and no network beyond the mount.
 *
 * Written here rather than installed: Nx's own @nx/shared-fs-cache needs an activation key
 * fetched online and is deprecated (cache poisoning, CVE-2025-36852), and the community servers
 * are Docker/Go. This one never overwrites an entry (409), which is the poisoning guard.
 * @see https://nx.dev/docs/guides/tasks--caching/self-hosted-caching (the OpenAPI it implements)
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface CacheServerOptions {
  /** Where entries live, one file per task hash; created if missing. */
  directory: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Bearer token for reading and writing; when unset, no token is needed. @default undefined */
  token?: string;
  /** Bearer token that may only read (CI for pull requests, say). @default undefined */
  readOnlyToken?: string;
  /** Largest entry accepted, in bytes. @default 2 GiB */
  maxEntryBytes?: number;
}

/** What the server did, for tests and for its log line. */
export interface CacheServerStats {
  hits: number;
  misses: number;
  stored: number;
  conflicts: number;
  rejected: number;
}

export interface CacheServer {
  /** `http://host:port`, the value for NX_SELF_HOSTED_REMOTE_CACHE_SERVER. */
  url: string;
  stats: CacheServerStats;
  close(): Promise<void>;
}

/** Nx task hashes are decimal or hex digits; anything else could climb out of the directory. */
const HASH = /^[A-Za-z0-9]{1,128}$/;
const ROUTE = /^\/v1\/cache\/([^/?#]+)$/;

function reply(res: ServerResponse, status: number, message?: string): void {
  res.writeHead(status, message ? { 'content-type': 'text/plain; charset=utf-8' } : {});
  res.end(message);
}

type Access = 'none' | 'read' | 'write';

function accessOf(req: IncomingMessage, options: CacheServerOptions): Access {
  if (!options.token && !options.readOnlyToken) return 'write';
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  if (token && token === options.token) return 'write';
  if (token && token === options.readOnlyToken) return 'read';
  return 'none';
}

export async function startCacheServer(options: CacheServerOptions): Promise<CacheServer> {
  const { directory, host = '127.0.0.1', port = 0, maxEntryBytes = 2 * 1024 ** 3 } = options;
  mkdirSync(directory, { recursive: true });
  const stats: CacheServerStats = { hits: 0, misses: 0, stored: 0, conflicts: 0, rejected: 0 };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hash = ROUTE.exec(req.url ?? '')?.[1];
    if (!hash) return reply(res, 404, 'not found: the cache lives at /v1/cache/{hash}');
    if (!HASH.test(hash)) return reply(res, 400, 'hash must be 1-128 letters or digits');
    const access = accessOf(req, options);
    if (access === 'none') {
      stats.rejected++;
      return reply(res, 401, 'missing or invalid bearer token');
    }
    const file = join(directory, hash);

    if (req.method === 'GET') {
      if (!existsSync(file)) {
        stats.misses++;
        return reply(res, 404);
      }
      stats.hits++;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
      await pipeline(createReadStream(file), res);
      return;
    }
    if (req.method === 'PUT') {
      if (access !== 'write') {
        stats.rejected++;
        return reply(res, 403, 'this token may only read');
      }
      const length = Number(req.headers['content-length']);
      if (!Number.isInteger(length) || length < 0) return reply(res, 400, 'Content-Length is required');
      if (length > maxEntryBytes) return reply(res, 413, `entry larger than ${maxEntryBytes} bytes`);
      if (existsSync(file)) {
        stats.conflicts++;
        req.resume();
        return reply(res, 409, 'cannot override an existing record');
      }
      // Write beside the entry and rename, so a reader never sees half an archive.
      const partial = join(directory, `.${hash}.${process.pid}.${Date.now()}.partial`);
      try {
        await pipeline(req, createWriteStream(partial, { flags: 'wx' }));
        if (statSync(partial).size !== length) throw new Error('body shorter than Content-Length');
        if (existsSync(file)) {
          stats.conflicts++;
          return reply(res, 409, 'cannot override an existing record');
        }
        renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
      }
      stats.stored++;
      return reply(res, 200);
    }
    res.setHeader('allow', 'GET, PUT');
    return reply(res, 405, 'only GET and PUT');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, (error as Error).message);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    stats,
    // Idempotent: a second close() waits for the first.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
