import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CORRELATION_HEADER, type FaultServer, refusedUrl, startFaultServer } from './server.js';

let rig: FaultServer | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A raw node:http request (no fetch retries or pooling in the way), resolving to what happened. */
function raw(url: string, body = '', headers: Record<string, string> = {}): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: body ? 'POST' : 'GET', headers, agent: false, timeout: 1500 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
      res.on('error', (e) => resolve({ status: res.statusCode, body: text, error: (e as NodeJS.ErrnoException).code ?? e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode, body: text, error: 'aborted' }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(body);
  });
}

/** What fetch (undici) makes of a fault: status if headers came, the body text, or the error code. */
async function viaFetch(url: string): Promise<{ status?: number; body: string; error?: string }> {
  const code = (e: unknown) => String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name);
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(1500) });
    try {
      return { status: res.status, body: await res.text() };
    } catch (e) {
      return { status: res.status, body: '', error: code(e) };
    }
  } catch (e) {
    return { body: '', error: code(e) };
  }
}

describe('fault rig', () => {
  it('plays its script in order, then the fallback, and records a ledger with correlation ids and body hashes', async () => {
    rig = await startFaultServer();
    rig.script({ status: 503, headers: { 'retry-after': '1' }, body: { error: 'busy' } }, { status: 201, body: 'plain' });
    const a = await raw(`${rig.url}/a?x=1`, '{"n":1}', { [CORRELATION_HEADER]: 'c-1', 'content-type': 'application/json' });
    const b = await raw(`${rig.url}/b`);
    const c = await raw(`${rig.url}/c`);
    expect([a.status, a.body, b.status, b.body, c.status, c.body]).toEqual([503, '{"error":"busy"}', 201, 'plain', 200, '{"id":1,"name":"ok"}']);
    expect(rig.ledger.map((e) => [e.seq, e.method, e.url, e.correlationId])).toEqual([
      [1, 'POST', '/a?x=1', 'c-1'],
      [2, 'GET', '/b', undefined],
      [3, 'GET', '/c', undefined],
    ]);
    expect(rig.ledger[0]!.bodyHash).toMatch(/^[0-9a-f]{16}$/);
    expect(rig.ledger[0]!.bodyHash).not.toBe(rig.ledger[1]!.bodyHash);
    expect(rig.connections).toBe(3); // agent: false → one connection per request
    expect(new Set(rig.ledger.map((e) => e.connectionId))).toEqual(new Set([1, 2, 3]));
  });

  it('injects each transport fault', async () => {
    rig = await startFaultServer();
    rig.script(
      { fault: 'destroy-before-headers' },
      { fault: 'destroy-mid-body', body: { id: 1, name: 'a long enough body' } },
      { fault: 'hang' },
      { fault: 'stall-body' },
      { fault: 'redirect-to', location: 'http://127.0.0.1:1/x?api_key=s', status: 307 },
    );
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await viaFetch(`${rig.url}/f${i}`));
    expect(results[0]!.status).toBeUndefined();
    expect(results[0]!.error).toBe('UND_ERR_SOCKET');
    expect(results[1]!.status).toBe(200);
    expect(results[1]!.error).toBe('UND_ERR_SOCKET');
    expect(results[2]!.status).toBeUndefined();
    expect(results[2]!.error).toBe('TimeoutError');
    expect(results[3]!.status).toBe(200);
    expect(results[3]!.error).toBe('TimeoutError');
    expect(results[4]).toMatchObject({ status: 307, body: '' });
    expect(rig.ledger).toHaveLength(5);
  });

  it('streams a sized body (chunked, or with Content-Length) and counts the bytes it wrote', async () => {
    rig = await startFaultServer();
    rig.script({ fault: 'stream-bytes', bytes: 200_000, fill: 'y' }, { fault: 'stream-bytes', bytes: 1000, contentLength: true });
    const chunked = await fetch(`${rig.url}/s1`);
    expect(chunked.headers.get('content-length')).toBeNull();
    expect(await chunked.text()).toBe('y'.repeat(200_000));
    const sized = await fetch(`${rig.url}/s2`);
    expect(sized.headers.get('content-length')).toBe('1000');
    expect((await sized.text()).length).toBe(1000);
    expect(rig.ledger.map((e) => e.bytesSent)).toEqual([200_000, 1000]);
  });

  it('closes promptly even with hung connections open, and a closed port refuses', async () => {
    rig = await startFaultServer();
    rig.fallback = { fault: 'hang' };
    const pending = raw(`${rig.url}/hang`);
    await new Promise<void>((resolve) => {
      const check = (n: number) => (rig!.ledger.length > 0 || n > 200 ? resolve() : setImmediate(() => check(n + 1)));
      check(0);
    });
    await rig.close();
    expect((await pending).error).toBeDefined();
    rig = undefined;
    expect((await raw(`${await refusedUrl()}/x`)).error).toBe('ECONNREFUSED');
  });
});
