/** startPrism's lifecycle on a throw-away spec: it serves, it stops for good, it reports failures. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { envBaseUrl, type PrismServer, startPrism, startPrisms } from './prism.js';

const dir = mkdtempSync(join(tmpdir(), 'contract-prism-'));
const started: PrismServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

function writeSpec(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const PING = `openapi: 3.1.0
info: { title: ping, version: '1' }
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: pong
          content:
            application/json:
              schema: { type: object, required: [pong], properties: { pong: { type: string } } }
              examples:
                first: { value: { pong: one } }
                second: { value: { pong: two } }
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPrism', () => {
  const saved = { generic: process.env.TEST_API_BASE_URL, specific: process.env.TEST_API_BASE_URL_SOME_VENDOR };
  afterEach(() => {
    for (const [key, value] of [
      ['TEST_API_BASE_URL', saved.generic],
      ['TEST_API_BASE_URL_SOME_VENDOR', saved.specific],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('serves the named examples on 127.0.0.1 and stop() ends the process', async () => {
    delete process.env.TEST_API_BASE_URL;
    delete process.env.TEST_API_BASE_URL_SOME_VENDOR;
    const server = await startPrism('some-vendor', { specPath: writeSpec('ping.yaml', PING) });
    started.push(server);
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.pid).toBeTypeOf('number');
    expect(alive(server.pid!)).toBe(true);

    const response = await fetch(`${server.baseUrl}/ping`, { headers: { Prefer: 'example=second' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: 'two' });

    await server.stop();
    expect(alive(server.pid!)).toBe(false);
    await expect(server.exited).resolves.toMatchObject({ signal: 'SIGTERM' });
    await expect(fetch(`${server.baseUrl}/ping`)).rejects.toThrow();
    await server.stop(); // idempotent
  });

  it("fails with Prism's reason, naming the spec, when Prism cannot serve it", async () => {
    const broken = writeSpec('broken.yaml', "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /ping: [\n");
    await expect(startPrism('some-vendor', { specPath: broken, useEnvBaseUrl: false, startTimeoutMs: 30_000 })).rejects.toThrow(
      /Prism could not serve \S*broken\.yaml: Error parsing \S*broken\.yaml/,
    );
  });

  it('fails fast when the vendor has no spec', async () => {
    await expect(startPrism('no-such-vendor', { useEnvBaseUrl: false })).rejects.toThrow(/no spec/);
  });

  it('uses TEST_API_BASE_URL(_<VENDOR>) instead of starting Prism', async () => {
    process.env.TEST_API_BASE_URL = 'http://127.0.0.1:1/';
    delete process.env.TEST_API_BASE_URL_SOME_VENDOR;
    expect(envBaseUrl('some-vendor')).toBe('http://127.0.0.1:1');
    process.env.TEST_API_BASE_URL_SOME_VENDOR = 'http://127.0.0.1:2';
    const server = await startPrism('some-vendor');
    expect(server).toMatchObject({ baseUrl: 'http://127.0.0.1:2', pid: undefined });
    await server.stop();
  });
});

describe('startPrisms', () => {
  it('serves several vendors from one process, each on its own port, and stop() ends it', async () => {
    const servers = await startPrisms(['tmt-first', 'atttool'], { useEnvBaseUrl: false });
    const tmt = servers.get('tmt-first')!;
    const att = servers.get('atttool')!;
    started.push(tmt);
    expect(tmt.pid).toBeTypeOf('number');
    expect(att.pid).toBe(tmt.pid);
    expect(alive(tmt.pid!)).toBe(true);
    expect(tmt.baseUrl).not.toBe(att.baseUrl);
    expect((await fetch(`${tmt.baseUrl}/job/1`, { headers: { Authorization: 'k', Prefer: 'code=404, example=notFound' } })).status).toBe(404);
    const order = await fetch(`${att.baseUrl}/v1/get?api_key=6372a5bab4ae435a8baf33c0556771d9&order_id=17b8e0f2-3523-45e1-90d2-455e4b70ecf1`, {
      headers: { Prefer: 'example=invalidOrderId' },
    });
    expect(await order.json()).toStrictEqual({ status: 'ERR_INVALID_ORDER_ID' });

    await att.stop();
    expect(alive(tmt.pid!)).toBe(false);
    await expect(fetch(`${tmt.baseUrl}/job/1`)).rejects.toThrow();
  });
});
