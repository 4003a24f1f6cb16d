/**
 * The pingback_url rules (S8): `checkPingbackUrl` (deprecated, the generated validator of the
 * spec's field under the old rule names) on a table of tricky URLs and a property over IP
 * spellings, and placeOrder refusing them (RequestValidationError on body.pingback_url under the
 * spec's rule names, nothing sent, URL not echoed). url-policy.test.ts runs the properties through
 * every operation whose spec declares `x-url-policy`.
 */
import { RequestValidationError } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAtttoolClient } from '../../src/index.js';
import { checkPingbackUrl, createPingbackUrl } from '../../src/pingback/index.js';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { SECRET as API_KEY } from '../support/spec.js';
import { privateV4, spell } from '../support/hostile-hosts.js';

const rule = (url: string, allowPrivatePingback = false) => checkPingbackUrl(url, { allowPrivatePingback })?.rule ?? 'accepted';

const table: Array<[string, string]> = [
  ['https://hooks.example.com/atttool?x=1', 'accepted'],
  ['https://some.com/valid/url', 'accepted'],
  ['https://8.8.8.8/p', 'accepted'],
  ['https://[2606:4700::1111]/p', 'accepted'],
  ['https://localhost.example.com/p', 'accepted'], // a DNS name that merely starts with "localhost"
  ['http://hooks.example.com/p', 'https'],
  ['ftp://hooks.example.com/p', 'https'],
  ['javascript:alert(1)', 'https'],
  ['hooks.example.com/p', 'format: uri'],
  ['', 'format: uri'],
  ['https://user:pass@hooks.example.com/p', 'no userinfo'],
  ['https://user@hooks.example.com/p', 'no userinfo'],
  ['https://hooks.example.com@127.0.0.1/p', 'no userinfo'],
  ['https://:@hooks.example.com/p', 'accepted'], // empty userinfo parses to none
  [`https://hooks.example.com/${'a'.repeat(2048)}`, 'maxLength: 2048'],
  ['https://localhost/p', 'public host'],
  ['https://LOCALHOST./p', 'public host'],
  ['https://api.localhost/p', 'public host'],
  ['https://127.0.0.1/p', 'public host'],
  ['https://127.1/p', 'public host'],
  ['https://2130706433/p', 'public host'], // decimal 127.0.0.1
  ['https://0x7f000001/p', 'public host'], // hex
  ['https://0x7f.1/p', 'public host'],
  ['https://0177.0.0.1/p', 'public host'], // octal
  ['https://%31%32%37.0.0.1/p', 'public host'], // percent-encoded digits
  ['https://127%2E0%2E0%2E1/p', 'public host'], // encoded dots
  ['https://127。0。0。1/p', 'public host'], // ideographic full stops
  ['https://０x７f.1/p', 'public host'], // full-width digits
  ['https://10.0.0.8/p', 'public host'],
  ['https://172.16.5.4/p', 'public host'],
  ['https://192.168.1.1/p', 'public host'],
  ['https://169.254.169.254/latest/meta-data', 'public host'], // cloud metadata
  ['https://100.64.0.1/p', 'public host'],
  ['https://0.0.0.0/p', 'public host'],
  ['https://0/p', 'public host'],
  ['https://255.255.255.255/p', 'public host'],
  ['https://224.0.0.1/p', 'public host'],
  ['https://[::1]/p', 'public host'],
  ['https://[::]/p', 'public host'],
  ['https://[0:0:0:0:0:0:0:1]/p', 'public host'],
  ['https://[::ffff:127.0.0.1]/p', 'public host'], // IPv4-mapped
  ['https://[::ffff:7f00:1]/p', 'public host'],
  ['https://[::ffff:8.8.8.8]/p', 'public host'], // mapped, even when public: no sensible pingback host
  ['https://[::127.0.0.1]/p', 'public host'], // IPv4-compatible
  ['https://[64:ff9b::127.0.0.1]/p', 'public host'], // NAT64
  ['https://[2002:7f00:1::]/p', 'public host'], // 6to4
  ['https://[fe80::1]/p', 'public host'],
  ['https://[fc00::1]/p', 'public host'],
  ['https://[fd12:3456::1]/p', 'public host'],
  ['https://[ff02::1]/p', 'public host'],
];

describe('checkPingbackUrl: a table of tricky URLs', () => {
  it.each(table)('%s → %s', (url, expected) => {
    expect(rule(url)).toBe(expected);
  });

  it('allowPrivatePingback accepts private hosts (and http for them only), never userinfo or public http', () => {
    expect(rule('https://127.0.0.1:8443/p', true)).toBe('accepted');
    expect(rule('http://localhost:3000/p', true)).toBe('accepted');
    expect(rule('http://[::1]:3000/p', true)).toBe('accepted');
    expect(rule('http://hooks.example.com/p', true)).toBe('https');
    expect(rule('https://u:p@127.0.0.1/p', true)).toBe('no userinfo');
  });

  it('messages never contain the URL (it carries a secret token)', () => {
    for (const [url] of table) {
      const problem = checkPingbackUrl(`${url}${url.includes('?') ? '&' : '?'}atttool_token=SEKRET`);
      if (problem) expect(problem.message).not.toContain('SEKRET');
    }
  });
});

describe('checkPingbackUrl: properties over IP spellings', () => {
  /** The old guard's spellings: dotted, decimal, hex, octal, encoded dots, IPv4-mapped, every character encoded. */
  const oldSpellings = fc.constantFrom(0, 1, 2, 3, 4, 5, 11);

  it('every spelling of a private, loopback, link-local or unspecified IPv4 is refused', () => {
    fc.assert(
      fc.property(privateV4, oldSpellings, fc.webPath(), (octets, how, path) => {
        expect(rule(`https://${spell(octets, how)}${path}`)).toBe('public host');
      }),
      { numRuns: 2000 },
    );
  });

  it('public https URLs with DNS names pass', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (domain, path) => {
        fc.pre(!/(^|\.)localhost$/i.test(domain) && `https://${domain}${path}`.length <= 2048);
        expect(rule(`https://${domain}${path}`)).toBe('accepted');
      }),
      { numRuns: 500 },
    );
  });
});

describe('placeOrder checks pingback_url before sending', () => {
  const IMEIS = ['354865093010294'];
  const placed = { status: 'OK', order_id: '7fe808fd-78c1-49fe-a3aa-17489c8b4e28', total_cost: '0.25' };

  it.each([
    ['https://169.254.169.254/latest?atttool_token=SEKRET', 'x-url-policy: public-host'],
    ['http://hooks.example.com/p?atttool_token=SEKRET', 'x-url-policy: scheme'],
    ['https://me:SEKRET@hooks.example.com/p', 'x-url-policy: userinfo'],
    [`https://hooks.example.com/p?atttool_token=SEKRET&pad=${'a'.repeat(2048)}`, 'maxLength: 2048'],
  ])('%s → RequestValidationError on body.pingback_url (%s), 0 requests', async (url, expectedRule) => {
    const seen = observedFetch(() => json(placed));
    const client = createAtttoolClient({ apiKey: API_KEY, fetch: seen.fetch });
    const error = await client.placeOrder({ body: { imeis: IMEIS, pingback_url: url } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    const issues = (error as RequestValidationError).issues;
    expect(issues).toEqual([expect.objectContaining({ path: 'body.pingback_url', rule: expectedRule })]);
    expect((error as Error).message).toContain('body.pingback_url');
    expect(JSON.stringify(error)).not.toContain('SEKRET');
    expect((error as Error).message).not.toContain('SEKRET');
    expect(seen.requests).toHaveLength(0);
  });

  it('a URL from createPingbackUrl is sent unchanged; allowPrivatePingback lets a local receiver through', async () => {
    const seen = observedFetch(() => json(placed));
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool', secret: 'm'.repeat(32) });
    await createAtttoolClient({ apiKey: API_KEY, fetch: seen.fetch }).placeOrder({ body: { imeis: IMEIS, pingback_url: url } });
    expect(JSON.parse(seen.bodies[0]!).pingback_url).toBe(url);

    const local = 'http://127.0.0.1:8080/pingback';
    await expect(createAtttoolClient({ apiKey: API_KEY, fetch: seen.fetch }).placeOrder({ body: { imeis: IMEIS, pingback_url: local } })).rejects.toThrow(RequestValidationError);
    await createAtttoolClient({ apiKey: API_KEY, fetch: seen.fetch, allowPrivatePingback: true }).placeOrder({ body: { imeis: IMEIS, pingback_url: local } });
    expect(seen.requests).toHaveLength(2);
  });
});
