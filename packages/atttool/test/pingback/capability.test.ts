/** createPingbackUrl and the receiver's token check, without HTTP. */
import { createHmac } from 'node:crypto';
import { ConfigError } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPingbackReceiver, createPingbackUrl } from '../../src/pingback/index.js';
import { completedPayload } from '../support/pingback-server.js';

const SECRET = 'a-master-secret-of-at-least-32-bytes!';

function post(url: string, body: unknown = completedPayload()): Request {
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('createPingbackUrl', () => {
  it('keeps the base URL and its query, adds a reference and a token', () => {
    const { url, reference } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback?tenant=7', secret: SECRET });
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://hooks.example.com/atttool/pingback');
    expect(parsed.searchParams.get('tenant')).toBe('7');
    expect(parsed.searchParams.get('atttool_ref')).toBe(reference);
    expect(reference).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 random bytes
    expect(parsed.searchParams.get('atttool_token')).toMatch(/^[A-Za-z0-9_-]{43}$/); // HMAC-SHA256
  });

  it('tokens are HMAC-SHA256(secret, "atttool-pingback/v1:" + reference) exactly as node:crypto computes it, so URLs issued before the portable HMAC still verify', () => {
    const secretArb = fc.oneof(fc.string({ minLength: 32, maxLength: 80, unit: 'grapheme' }), fc.uint8Array({ minLength: 32, maxLength: 80 }));
    const referenceArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
    fc.assert(
      fc.property(secretArb, referenceArb, (secret, reference) => {
        const { url } = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret, reference });
        const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
        const expected = createHmac('sha256', key).update(`atttool-pingback/v1:${reference}`).digest('base64url');
        expect(new URL(url).searchParams.get('atttool_token')).toBe(expected);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('random references differ; your own reference is kept and gives a stable URL', () => {
    const a = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET });
    const b = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET });
    expect(a.reference).not.toBe(b.reference);
    const mine = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET, reference: 'order-42' });
    expect(mine).toEqual(createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET, reference: 'order-42' }));
    expect(mine.reference).toBe('order-42');
  });

  it('refuses short secrets, bad references and base URLs the guard would refuse — without echoing the secret', () => {
    const attempt = (options: Partial<Parameters<typeof createPingbackUrl>[0]>) => () => createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET, ...options });
    expect(attempt({ secret: 'short-secret' })).toThrow(/at least 32 bytes/);
    expect(attempt({ secret: [] })).toThrow(ConfigError);
    expect(attempt({ reference: 'has space' })).toThrow(/reference/);
    expect(attempt({ reference: 'x'.repeat(129) })).toThrow(/reference/);
    expect(attempt({ baseUrl: 'http://h.example.com/p' })).toThrow(/https/);
    expect(attempt({ baseUrl: 'https://10.0.0.5/p' })).toThrow(/allowPrivatePingback/);
    expect(attempt({ baseUrl: 'not a url' })).toThrow(ConfigError);
    try {
      attempt({ secret: 'short-but-secret' })();
    } catch (error) {
      expect(String(error)).not.toContain('short-but-secret');
    }
  });
});

describe('the receiver accepts exactly the URLs signed with its secret', () => {
  it('any reference signed with the secret is accepted; any other token for it is 404', async () => {
    let calls = 0;
    const receive = createPingbackReceiver({ secret: SECRET, bindings: false, handler: () => void (calls += 1) });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/), async (reference, otherToken) => {
        const { url } = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: SECRET, reference });
        const forged = new URL(url);
        fc.pre(forged.searchParams.get('atttool_token') !== otherToken);
        forged.searchParams.set('atttool_token', otherToken);
        const before = calls;
        expect((await receive(post(forged.href))).status).toBe(404);
        expect(calls).toBe(before);
        expect((await receive(post(url))).status).toBe(200);
        expect(calls).toBe(before + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('rotation: URLs signed with the old secret keep working while it is listed', async () => {
    const OLD = 'the-old-secret-that-is-32-bytes-long';
    const NEW = 'the-new-secret-that-is-32-bytes-long';
    const old = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: OLD }).url;
    const fresh = createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: [NEW, OLD] }).url;
    expect(fresh).not.toBe(createPingbackUrl({ baseUrl: 'https://h.example.com/p', secret: OLD, reference: new URL(fresh).searchParams.get('atttool_ref')! }).url);
    const during = createPingbackReceiver({ secret: [NEW, OLD], bindings: false, handler: () => undefined });
    expect((await during(post(old))).status).toBe(200);
    expect((await during(post(fresh))).status).toBe(200);
    const after = createPingbackReceiver({ secret: NEW, bindings: false, handler: () => undefined });
    expect((await after(post(old, completedPayload()))).status).toBe(404);
  });
});
