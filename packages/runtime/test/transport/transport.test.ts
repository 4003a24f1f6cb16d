import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, TimeoutError } from '../../src/index.js';
import { acmeClient } from '../support/client.js';
import { observedFetch } from '../../src/testing/observed-fetch.js';

/** A real HTTP server on 127.0.0.1 with a port the OS picks, closed after each test. */
let server: Server | undefined;
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const hangingFetch = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));

describe('timeouts and aborts', () => {
  it('a call with no answer ends in TimeoutError (a ConnectionError)', async () => {
    const client = acmeClient({ fetch: hangingFetch, timeout: 50 });
    const error = await client.getItem({ path: { id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeoutMs: 50, operationId: 'getItem' });
  });

  it('the timeout covers the body: headers then a stalled body still time out', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": 1,'); // and never finish
    });
    const client = acmeClient({ baseUrl, timeout: 200 });
    await expect(client.getItem({ path: { id: 1 } })).rejects.toBeInstanceOf(TimeoutError);
  });

  // With no `fetch` option and no middleware the engine hands its signal to fetch as
  // `fetch(request, { signal })`, not on the Request: the timeout and the caller's abort must
  // still end a request that gets no answer, through the real fetch and a real socket.
  it('through the global fetch, a request with no answer times out, and an abort ends it', async () => {
    const baseUrl = await serve(() => undefined); // accepts, never answers
    const client = acmeClient({ baseUrl, timeout: 100 });
    await expect(client.getItem({ path: { id: 1 } })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 100 });
    const controller = new AbortController();
    const pending = client.getItem({ path: { id: 1 } }, { signal: controller.signal, timeout: 60_000 });
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it('a global fetch replaced after creation by a wrapper that drops `init` still times out', async () => {
    const baseUrl = await serve(() => undefined);
    const client = acmeClient({ baseUrl, timeout: 100, retry: { maxRetries: 0 } });
    const original = globalThis.fetch;
    const seen: Request[] = [];
    // Instrumentation as some write it: the Request only, no second argument.
    globalThis.fetch = ((input: Request) => {
      seen.push(input);
      return original(input);
    }) as typeof fetch;
    try {
      await expect(client.getItem({ path: { id: 1 } })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 100 });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.signal.aborted).toBe(true);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('a per-call timeout overrides the client default', async () => {
    const client = acmeClient({ fetch: hangingFetch, timeout: 60_000 });
    await expect(client.getItem({ path: { id: 1 } }, { timeout: 30 })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 30 });
  });

  it("the caller's AbortSignal ends the call with AbortError", async () => {
    const client = acmeClient({ fetch: hangingFetch });
    const controller = new AbortController();
    const pending = client.getItem({ path: { id: 1 } }, { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBeDefined();
  });

  it('an already-aborted signal sends nothing', async () => {
    const seen = observedFetch(hangingFetch);
    const client = acmeClient({ fetch: seen.fetch });
    await expect(client.getItem({ path: { id: 1 } }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(seen.requests).toHaveLength(0);
  });

  it('a refused connection is a ConnectionError with its cause', async () => {
    const baseUrl = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const client = acmeClient({ baseUrl });
    const error = (await client.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ConnectionError;
    expect(error.constructor).toBe(ConnectionError);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.cause).toBeDefined();
  });

  it('real HTTP round trip: path, query and headers serialised as the spec says', async () => {
    const seen: { url?: string; headers?: Record<string, unknown> } = {};
    const baseUrl = await serve((req, res) => {
      seen.url = req.url;
      seen.headers = req.headers;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":7,"name":"seven"}');
    });
    const client = acmeClient({ baseUrl });
    await expect(client.getItem({ path: { id: 7 }, query: { verbose: true } })).resolves.toEqual({ id: 7, name: 'seven' });
    expect(seen.url).toBe('/items/7?verbose=true');
  });
});
