/** The cache server speaks Nx's self-hosted cache API over real HTTP on 127.0.0.1. */
import { request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheServer, startCacheServer } from '../src/server.js';

const TOKEN = 'rw-token-for-tests';
const READ_ONLY = 'ro-token-for-tests';
let directory: string;
let server: CacheServer;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'nx-cache-server-'));
  server = await startCacheServer({ directory, token: TOKEN, readOnlyToken: READ_ONLY });
});
afterAll(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const put = (hash: string, body: Buffer, token = TOKEN) => fetch(`${server.url}/v1/cache/${hash}`, { method: 'PUT', headers: auth(token), body: new Uint8Array(body) });
const get = (hash: string, token = TOKEN) => fetch(`${server.url}/v1/cache/${hash}`, { headers: auth(token) });

describe('cache server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('misses, stores, then serves the same bytes', async () => {
    expect((await get('1234')).status).toBe(404);
    const archive = Buffer.from([0, 1, 2, 250, 251, 252]);
    expect((await put('1234', archive)).status).toBe(200);
    const hit = await get('1234');
    expect(hit.status).toBe(200);
    expect(hit.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await hit.arrayBuffer())).toEqual(archive);
    expect(readFileSync(join(directory, '1234'))).toEqual(archive);
  });

  it('never overwrites an entry (409), so a poisoned upload cannot replace a good one', async () => {
    expect((await put('5678', Buffer.from('first'))).status).toBe(200);
    const second = await put('5678', Buffer.from('second'));
    expect(second.status).toBe(409);
    expect(await (await get('5678')).text()).toBe('first');
  });

  it('refuses a missing or wrong token (401) and a read-only token writing (403)', async () => {
    expect((await fetch(`${server.url}/v1/cache/1234`)).status).toBe(401);
    const wrong = await get('1234', 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('missing or invalid bearer token');
    expect((await get('1234', READ_ONLY)).status).toBe(200);
    const readOnlyPut = await put('9999', Buffer.from('x'), READ_ONLY);
    expect(readOnlyPut.status).toBe(403);
    expect(readdirSync(directory)).not.toContain('9999');
  });

  it('rejects hashes that are not plain letters and digits (no path tricks)', async () => {
    const res = await get('..%2F..%2Fetc%2Fpasswd');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('hash must be 1-128 letters or digits');
  });

  it('requires Content-Length on PUT', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/v1/cache/4242`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { ...auth(TOKEN), 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('chunked body');
    });
    expect(status).toBe(400);
    expect(readdirSync(directory)).not.toContain('4242');
  });

  it('counts what it did', () => {
    expect(server.stats).toEqual({ hits: 3, misses: 1, stored: 2, conflicts: 1, rejected: 3 });
  });
});
