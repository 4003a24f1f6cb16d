/**
 * `x-url-policy` in the runtime: the rule order of `urlPolicyIssue` (one rule per URL, `public-host`
 * only when waiving it is safe), and `waiveRequestRules` through a client built on the generated
 * fixture (acme's createItem.callback), with the compiled checks and with zod alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVendorClient, RequestValidationError, waiveRequestRules } from '../../src/index.js';
import type { VendorDefinition } from '../../src/definition.js';
import { json, observedFetch } from '../../src/testing/index.js';
import { type UrlPolicy, urlPolicyIssue } from '../../src/url-policy.js';
import { SECRET } from '../support/client.js';
import { definition } from '../support/fixture.js';

const POLICY: UrlPolicy = { schemes: ['https'], userinfo: false, publicHost: true, localSchemes: ['http', 'https'] };
const rule = (url: string, policy = POLICY) => urlPolicyIssue(url, policy)?.rule ?? 'accepted';

describe('urlPolicyIssue', () => {
  it.each([
    ['https://hooks.example.com/p', 'accepted'],
    ['https://8.8.8.8/p', 'accepted'],
    ['https://[2606:4700::1111]/p', 'accepted'],
    ['https://localhost.example.com/p', 'accepted'],
    ['not a url', 'x-url-policy: url'],
    ['https://u:p@127.0.0.1/p', 'x-url-policy: userinfo'],
    ['https://127.0.0.1/p', 'x-url-policy: public-host'],
    ['http://[::ffff:7f00:1]/p', 'x-url-policy: public-host'],
    ['ftp://10.0.0.1/p', 'x-url-policy: scheme'],
    ['http://hooks.example.com/p', 'x-url-policy: scheme'],
    ['javascript:alert(1)', 'x-url-policy: scheme'],
  ])('%s → %s', (url, expected) => {
    expect(rule(url)).toBe(expected);
  });

  it('each rule applies only when declared', () => {
    expect(rule('http://u:p@127.0.0.1/p', { schemes: ['http'] })).toBe('accepted');
    expect(rule('https://u:p@127.0.0.1/p', { publicHost: true })).toBe('x-url-policy: public-host');
    expect(rule('ftp://127.0.0.1/p', { publicHost: true })).toBe('x-url-policy: public-host');
    expect(rule('http://127.0.0.1/p', { schemes: ['https'], publicHost: true })).toBe('x-url-policy: scheme'); // no localSchemes: the schemes hold for every host
  });

  it('a non-public host is reported as public-host exactly when its scheme is a local one, so waiving that rule accepts no other URL', () => {
    const host = fc.constantFrom('127.0.0.1', '[::1]', 'localhost', '10.1.2.3', '[fe80::1]', '0x7f.1', 'hooks.example.com', '8.8.8.8');
    const scheme = fc.constantFrom('https', 'http', 'ftp', 'wss');
    fc.assert(
      fc.property(host, scheme, fc.webPath(), (h, s, path) => {
        const found = rule(`${s}://${h}${path}`);
        const nonPublic = !['hooks.example.com', '8.8.8.8'].includes(h);
        if (found === 'x-url-policy: public-host') expect(nonPublic && ['http', 'https'].includes(s)).toBe(true);
        if (nonPublic && ['http', 'https'].includes(s)) expect(found).toBe('x-url-policy: public-host');
        if (!nonPublic) expect(found).toBe(s === 'https' ? 'accepted' : 'x-url-policy: scheme');
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('messages never contain the URL', () => {
    for (const url of ['https://u:SEKRET@h.example/p', 'https://127.0.0.1/p?t=SEKRET', 'http://h.example/SEKRET', 'SEKRET']) {
      expect(urlPolicyIssue(url, POLICY)!.message).not.toContain('SEKRET');
    }
  });
});

describe('waiveRequestRules', () => {
  const created = { id: 1, name: 'a' };
  const withoutChecks: VendorDefinition = {
    ...definition,
    operations: Object.fromEntries(Object.entries(definition.operations).map(([id, op]) => [id, { ...op, checks: undefined }])),
  };

  it.each([
    ['compiled checks', definition],
    ['zod alone', withoutChecks],
  ] as const)('%s: the declared rule refuses, the waived rule accepts, other rules still refuse', async (_, base) => {
    const send = async (def: VendorDefinition, callback: string) => {
      const seen = observedFetch(() => json(created, 201));
      const client = createVendorClient(def, { credentials: { Bearer: SECRET, apiKey: SECRET }, fetch: seen.fetch }) as any;
      const error = await client.createItem({ body: { name: 'a', callback } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      return { error: error as RequestValidationError | undefined, sent: seen.requests.length };
    };
    const waived = waiveRequestRules(base, ['x-url-policy: public-host']);

    const refused = await send(base, 'http://127.0.0.1:8080/hook?t=SEKRET');
    expect(refused.error).toBeInstanceOf(RequestValidationError);
    expect(refused.error!.issues).toEqual([expect.objectContaining({ path: 'body.callback', rule: 'x-url-policy: public-host' })]);
    expect(refused.error!.message).not.toContain('SEKRET');
    expect(refused.sent).toBe(0);

    expect(await send(waived, 'http://127.0.0.1:8080/hook')).toEqual({ error: undefined, sent: 1 });
    for (const [callback, expected] of [
      ['http://hooks.example.com/p', 'x-url-policy: scheme'],
      ['https://u:p@127.0.0.1/p', 'x-url-policy: userinfo'],
      [`https://127.0.0.1/${'a'.repeat(200)}`, 'maxLength: 200'],
    ] as const) {
      const { error, sent } = await send(waived, callback);
      expect(error?.issues.map((i) => i.rule)).toEqual([expected]);
      expect(sent).toBe(0);
    }
  });

  it('waives nothing when given no rules, and leaves the original definition as it was', () => {
    expect(waiveRequestRules(definition, [])).toBe(definition);
    const before = definition.operations.createItem!.checks!.request.body;
    waiveRequestRules(definition, ['x-url-policy: public-host']);
    expect(definition.operations.createItem!.checks!.request.body).toBe(before);
  });
});
