/**
 * The Node adapter always answers: any request-target, written raw on a socket to a real
 * node:http server on 127.0.0.1, gets a status line (never a dropped connection), never a 5xx,
 * and never reaches the handler without a valid token.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPingbackUrl } from '../../src/pingback/index.js';
import { agent, completedPayload, SECRET, type Served, serveReceiver } from '../support/pingback-server.js';

let served: Served;
let port = 0;
let handlerCalls = 0;
beforeAll(async () => {
  served = await serveReceiver({ handler: () => void (handlerCalls += 1) });
  port = Number(new URL(served.origin).port);
});
afterAll(async () => {
  agent.destroy();
  await served.close();
});

const BODY = JSON.stringify(completedPayload());

/** The first line the server answers a raw request to `target` with ('' if it closed without one). */
const rawPost = async (target: string, method = 'POST') => (await rawExchange(target, method)).split('\r\n')[0] ?? '';

/** Writes one raw request with `target` as its request-target; resolves to everything the server answered. */
function rawExchange(target: string, method = 'POST'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 5 s for ${JSON.stringify(target)}`));
    }, 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer is fine; no answer is caught below
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(
      `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\nConnection: close\r\n\r\n${BODY}`,
      'latin1',
    );
  });
}

/** The kinds of request-target a hostile or broken client sends (RFC 9112 §3.2 and beyond). */
const URLISH = [...'abcxyzAZ019:/?#[]@!$&\'()*+,;=%._~-<>"{}|\\^`'];
const urlish = fc.string({ unit: fc.constantFrom(...URLISH), maxLength: 40 });
const target: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '//[::1',
    'http://[',
    '//user:pass@/x',
    '*',
    'http://',
    'https://',
    '//',
    '/%',
    'http://a:b@',
    'http://[::1]:99999/',
    'http://%zz/',
    'example.com:443',
    'ftp://x/y',
  ),
  urlish.map((rest) => `//${rest}`),
  urlish.map((rest) => `/${rest}`),
  fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'ws://', ''), urlish).map(([scheme, rest]) => scheme + rest),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  // Bytes outside visible ASCII: node:http's parser refuses most of them itself (its 400 counts too).
  fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 }).map((s) => `/${s}`),
);

describe('the Node adapter always answers', () => {
  it('any request-target → a status line, never a 5xx, never the handler (raw HTTP on 127.0.0.1)', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      // CONNECT is left out: node:http never hands it to a request listener (it emits 'connect').
      fc.asyncProperty(target, fc.constantFrom('POST', 'POST', 'GET', 'HEAD', 'PUT', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND'), async (t, method) => {
        const line = await rawPost(t, method);
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(line)?.[1];
        expect(status, `status line for ${method} ${JSON.stringify(t)}: ${JSON.stringify(line)}`).toBeDefined();
        statuses.add(Number(status));
        expect(Number(status)).toBeGreaterThanOrEqual(400);
        expect(Number(status)).toBeLessThan(500);
        expect(handlerCalls).toBe(0);
      }),
      { numRuns: 400, seed: 1106 },
    );
    expect(statuses.has(400)).toBe(true);
    expect(statuses.has(404)).toBe(true);
  }, 60_000);

  it.each([
    ['//[::1', 404], // origin-form: a path (no token → 404), never read as a host
    ['//user:pass@/x', 404],
    ['http://[', 400], // absolute-form URL cannot parse
    ['http://a:b@', 400],
    ['*', 400], // asterisk-form: no resource to deliver to
    // (authority-form `host:443` never gets here: node:http's parser answers it 400 itself)
  ])('%s → %i from the adapter, as JSON (before: the connection was destroyed)', async (t, status) => {
    const socket = await rawExchange(t);
    expect(socket.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Not Found'}`);
    expect(socket).toMatch(/content-type: application\/json/i);
  });

  it('a method Fetch refuses (TRACE) with a valid token → 400 from the adapter, handler not run', async () => {
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback', secret: SECRET });
    const before = handlerCalls;
    const socket = await rawExchange(new URL(url).pathname + new URL(url).search, 'TRACE');
    expect(socket.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(socket).toMatch(/"code":"bad_request"/);
    expect(handlerCalls).toBe(before);
  });

  it('absolute-form with a valid token is read by its path and query (RFC 9112 §3.2.2), and a path like //host stays a path', async () => {
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback', secret: SECRET });
    const query = new URL(url).search;
    const before = handlerCalls;
    expect(await rawPost(`http://hooks.example.com/atttool/pingback${query}`)).toMatch(/^HTTP\/1\.1 200 /);
    expect(handlerCalls).toBe(before + 1);
    expect(await rawPost(`//evil.example/atttool/pingback${query}`)).toMatch(/^HTTP\/1\.1 200 /); // the same delivery again: a duplicate
    expect(handlerCalls).toBe(before + 1);
  });
});
