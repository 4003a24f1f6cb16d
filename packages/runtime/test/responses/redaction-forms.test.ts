/**
 * Issue 11 item 7, "transformed echoes are scrubbed too": for any credential, the scrubber removes
 * the whole value at any length, any run of MIN_RUN+ consecutive characters of it, in any case, its
 * URL/form/base64 encodings, and base64 of any text that contains it (a header value such as
 * `ApiKey <key>`), wherever the echo sits in the vendor's text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, toBase64Url } from '../../src/internal/base64.js';
import { MIN_RUN, REDACTED, SecretScrubber } from '../../src/redact.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';
import { acmeClient } from '../support/client.js';

const secretChars = fc.constantFrom(...'abcdefXYZ0123456789-_.~+/=&%!é'.split(''));
const secretOf = (min: number, max = 48) => fc.string({ unit: secretChars, minLength: min, maxLength: max }).filter((s) => s.trim() !== '');
const noise = fc.string({ unit: fc.constantFrom(...' {}":,<>[]QRSTUVW'.split('')), maxLength: 20 });
const randomCase = (text: string, flips: boolean[]) => [...text].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

function scrubbed(secrets: string[], text: string): string {
  const scrubber = new SecretScrubber();
  for (const s of secrets) scrubber.add(s);
  return scrubber.text(text);
}

describe('transformed echoes are scrubbed too', () => {
  it('the whole value, at any length, in any case and in every encoding', () => {
    const encodings = [
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      encodeURIComponent,
      (s: string) => new URLSearchParams({ s }).toString().slice(2),
      (s: string) => base64(s),
      (s: string) => toBase64Url(base64(s)),
    ];
    fc.assert(
      fc.property(secretOf(1), fc.nat({ max: encodings.length - 1 }), noise, noise, (secret, e, before, after) => {
        const echo = encodings[e]!(secret);
        // A form shorter than MIN_RUN counts as an echo where it stands as a token (see below).
        const gap = echo.length < MIN_RUN ? ' ' : '';
        const out = scrubbed([secret], `${before}${gap}${echo}${gap}${after}`).replaceAll(REDACTED, '\0');
        expect(out.toLowerCase()).not.toContain(echo.toLowerCase());
        expect(out).toContain('\0');
      }),
      { seed: 11_701, numRuns: 1_000 },
    );
  });

  it(`every run of ${MIN_RUN} or more consecutive characters (prefix, suffix, middle), in any case`, () => {
    fc.assert(
      fc.property(secretOf(MIN_RUN), fc.nat(), fc.nat(), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), noise, noise, (secret, a, b, flips, before, after) => {
        const length = MIN_RUN + (b % (secret.length - MIN_RUN + 1));
        const start = a % (secret.length - length + 1);
        const run = randomCase(secret.slice(start, start + length), flips);
        const out = scrubbed([secret], `${before}${run}${after}`);
        expect(out.toLowerCase()).not.toContain(run.toLowerCase());
      }),
      { seed: 11_702, numRuns: 1_000 },
    );
  });

  it('base64 of any text that contains the credential, and of the header value carrying it', () => {
    fc.assert(
      fc.property(secretOf(7), noise, noise, (secret, prefix, suffix) => {
        const echo = base64(`${prefix}${secret}${suffix}`);
        expect(scrubbed([secret], `x ${echo} y`)).not.toContain(echo);
      }),
      { seed: 11_703, numRuns: 1_000 },
    );
    fc.assert(
      fc.property(secretOf(1, 6), fc.constantFrom('ApiKey ', 'Bearer ', 'Token token='), (secret, scheme) => {
        const header = `${scheme}${secret}`;
        const echo = base64(header);
        expect(scrubbed([secret, header], `x ${echo} y`)).not.toContain(echo);
      }),
      { seed: 11_704, numRuns: 300 },
    );
  });

  it('through the client: a 401 echoing a 5-character key, its prefix, suffix, upper case and base64 of the header value', async () => {
    for (const key of ['k3y9z', 'canary-9f3a1c7e5b2d-long-key']) {
      const echoes = (header: string) => [key, key.slice(0, 12), key.slice(-8), key.toUpperCase(), base64(header)];
      const seen = observedFetch((r) => json({ error: echoes(r.headers.get('authorization')!).join(' | ') }, 401));
      const client = acmeClient({ fetch: seen.fetch, credentials: { KeyHeader: key, Bearer: key, apiKey: key } });
      // A raw key header (getItem) and a scheme-wrapped one (createItem: `Bearer <key>`).
      for (const call of [() => client.getItem({ path: { id: 1 } }), () => client.createItem({ body: { name: 'n' } })]) {
        const before = seen.requests.length;
        const error = (await call().catch((e: unknown) => e)) as Error;
        expect(seen.requests.length - before).toBe(1);
        const text = `${error.message} ${JSON.stringify(error)}`.toLowerCase();
        for (const echo of echoes(seen.requests.at(-1)!.headers.get('authorization')!)) expect(text).not.toContain(echo.toLowerCase());
      }
    }
  });
});

describe('public names are not runs of a secret', () => {
  it('a key containing the vendor name leaves the vendor and operation names readable, and still goes itself', () => {
    const scrubber = new SecretScrubber(['infocare', 'getRouting']);
    scrubber.add('canary-infocare-7d41e9b2c05a');
    expect(scrubber.text('infocare.getRouting failed: canary-infocare-7d41e9b2c05a')).toBe('infocare.getRouting failed: [redacted]');
    expect(scrubber.text('echo: -infocare-7d41e9')).toBe('echo: [redacted]');
  });
});

describe('scrubbing never garbles what it must keep', () => {
  const words = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 12 });
  it('a credential shorter than MIN_RUN goes where it stands as a token, not from inside longer words', () => {
    fc.assert(
      fc.property(
        secretOf(1, MIN_RUN - 1).filter((s) => /^[a-z0-9]+$/i.test(s)),
        words,
        words,
        (secret, left, right) => {
          const glued = `${left}${secret}${right}`;
          expect(scrubbed([secret], `failed: ${glued}`)).toBe(`failed: ${glued}`);
          expect(scrubbed([secret], `failed: key=${secret}; ${glued}`)).toBe(`failed: key=${REDACTED}; ${glued}`);
          // Escapes separate like the punctuation they stand for (a URL-encoded or JSON-escaped echo).
          expect(scrubbed([secret], `echo %22${secret}%22 \\u0022${secret}\\n${secret}`)).toBe(`echo %22${REDACTED}%22 \\u0022${REDACTED}\\n${REDACTED}`);
        },
      ),
      { seed: 11_705, numRuns: 500 },
    );
    // The case the mock's tests met: a one-letter test token must not take every "t" out of a message.
    expect(scrubbed(['t'], 'telecomx.updateInternetRequest failed with HTTP 422, token t')).toBe(`telecomx.updateInternetRequest failed with HTTP 422, token ${REDACTED}`);
  });

  it('scrubbing twice is scrubbing once: an earlier [redacted] is never scrubbed again', () => {
    fc.assert(
      fc.property(fc.array(secretOf(1, 12), { minLength: 1, maxLength: 3 }), fc.array(fc.oneof(noise, secretOf(1, 12)), { maxLength: 6 }), (secrets, parts) => {
        const scrubber = new SecretScrubber();
        for (const s of [...secrets, 'r', 'e', 'd', 'a', 'c', 't', '[redacted]']) scrubber.add(s);
        const once = scrubber.text(parts.join(' '));
        expect(scrubber.text(once)).toBe(once);
      }),
      { seed: 11_706, numRuns: 500 },
    );
  });

  it('a credential spelled like a word the spec publishes (an error code) leaves that word readable, and still goes elsewhere', () => {
    const scrubber = new SecretScrubber(['ERR_INVALID_API_KEY']);
    scrubber.add('invalid_api_key');
    expect(scrubber.text('ERR_INVALID_API_KEY for key invalid_api_key')).toBe(`ERR_INVALID_API_KEY for key ${REDACTED}`);
    // A longer secret that merely contains a published word is still scrubbed whole.
    scrubber.add('xx-invalid_api_key-7d41');
    expect(scrubber.text('echo xx-invalid_api_key-7d41')).toBe(`echo ${REDACTED}`);
  });
});
