/** R10: a response body over the cap fails with ResponseTooLargeError, having read at most cap + one chunk. */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../../src/index.js';
import { closeServer } from '../fault/server.js';
import { acmeClient } from '../support/client.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A server that streams `total` bytes of a JSON string in 64 KiB chunks, counting what it managed to write. */
async function streamingServer(total: number, withLength: boolean) {
  const state = { written: 0 };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      // Bounded: stops at `total`, or when the client goes away.
      while (state.written < total && !res.destroyed) {
        const n = Math.min(chunk.length, total - state.written);
        state.written += n;
        if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(() => closeServer(server));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state };
}

describe('response body cap (R10)', () => {
  it('defaults to 10 MiB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });

  it('a chunked 64 MiB body over a 1 MiB cap: ResponseTooLargeError after reading ≤ cap + 64 KiB, and the server is cut off', async () => {
    const { url, state } = await streamingServer(64 * 1024 * 1024, false);
    const cap = 1024 * 1024;
    const error = (await acmeClient({ baseUrl: url, maxResponseBytes: cap })
      .getItem({ path: { id: 1 } })
      .catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ vendor: 'acme', operationId: 'getItem', status: 200, limitBytes: cap });
    expect(error.bytesRead).toBeGreaterThan(cap);
    expect(error.bytesRead).toBeLessThanOrEqual(cap + 64 * 1024);
    expect(error.maybeApplied).toBeUndefined(); // never retried
    await new Promise((r) => setTimeout(r, 50));
    expect(state.written).toBeLessThan(16 * 1024 * 1024);
  });

  it('a Content-Length over the cap fails before reading the body', async () => {
    const { url } = await streamingServer(2 * 1024 * 1024, true);
    const error = (await acmeClient({ baseUrl: url, maxResponseBytes: 1024 * 1024 })
      .getItem({ path: { id: 1 } })
      .catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.bytesRead).toBe(0);
  });

  it('a body under the cap is read as usual', async () => {
    const { url } = await streamingServer(1000, true);
    const error = await acmeClient({ baseUrl: url, maxResponseBytes: 1024 })
      .getItem({ path: { id: 1 } })
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ResponseTooLargeError); // 1000 x's is not JSON: a format error, after a full read
    expect((error as Error).name).toBe('ResponseFormatError');
  });

  it('a gzip body with a small Content-Length is still counted after decoding (no zip bomb past the cap)', async () => {
    const inflated = 4 * 1024 * 1024;
    const packed = gzipSync(Buffer.alloc(inflated, ' ')); // a few kB on the wire
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(packed.length) });
      res.end(packed);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => closeServer(server));
    const cap = 1024 * 1024;
    expect(packed.length).toBeLessThan(cap);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = (await acmeClient({ baseUrl: url, maxResponseBytes: cap })
      .getItem({ path: { id: 1 } })
      .catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.bytesRead).toBeGreaterThan(cap);
    expect(error.bytesRead).toBeLessThanOrEqual(cap + 64 * 1024);
  });
});
