/**
 * `checkCredentialOption`: the rules follow where the spec sends the credential; every refusal
 * names the option and the rule and never quotes the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCredentialOption, ConfigError, type VendorDefinition } from '../../src/index.js';

const definition: VendorDefinition = {
  vendor: 'acme',
  servers: {},
  operations: {},
  securitySchemes: {
    Header: { type: 'apiKey', in: 'header', name: 'X-Key' },
    Query: { type: 'apiKey', in: 'query', name: 'key' },
    Bearer: { type: 'http', scheme: 'bearer' },
    OAuth: { type: 'oauth2', flows: {} },
  },
};

const SECRET = 'sEcReT-4f9a-77b2';
const refusal = (value: unknown, target: Parameters<typeof checkCredentialOption>[2]['target'], allowFunction = false): ConfigError | undefined => {
  try {
    checkCredentialOption(definition, value, { option: 'token', target, allowFunction });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
};

describe('checkCredentialOption', () => {
  it('requires a non-blank string everywhere, naming the option', () => {
    for (const target of [{ scheme: 'Header' }, { scheme: 'Query' }, { scheme: 'Bearer' }, { field: 'api_key' }]) {
      for (const value of [undefined, null, '', '   ', 42, {}]) {
        expect(refusal(value, target)?.message).toBe('acme: token is required (a non-empty string)');
      }
    }
    expect(refusal(undefined, { scheme: 'Bearer' }, true)?.message).toBe('acme: token is required (a non-empty string, or a function returning one)');
  });

  it('accepts a function only where allowed', () => {
    const fn = () => SECRET;
    expect(checkCredentialOption(definition, fn, { option: 'token', target: { scheme: 'Bearer' }, allowFunction: true })).toBe(fn);
    expect(refusal(fn, { scheme: 'Bearer' })?.message).toMatch(/is required/);
  });

  it('refuses a bearer token with its own Bearer prefix or any whitespace', () => {
    for (const scheme of ['Bearer', 'OAuth']) {
      expect(refusal(`Bearer ${SECRET}`, { scheme })?.message).toBe("acme: token must be the bare token; the client adds the 'Bearer ' prefix itself");
      expect(refusal(`bearer\t${SECRET}`, { scheme })?.message).toMatch(/bare token/);
      expect(refusal(`${SECRET} x`, { scheme })?.message).toBe('acme: token must not contain whitespace or line breaks');
    }
  });

  it('refuses header credentials with control characters or surrounding whitespace, but lets query and body fields carry any text', () => {
    expect(refusal(` ${SECRET}`, { scheme: 'Header' })?.message).toBe('acme: token must not contain line breaks, control characters or surrounding whitespace');
    expect(refusal(`${SECRET}\r\nX-Injected: 1`, { scheme: 'Header' })?.message).toMatch(/line breaks/);
    expect(refusal(`${SECRET} with spaces`, { scheme: 'Header' })).toBeUndefined();
    for (const target of [{ scheme: 'Query' }, { field: 'api_key' }]) expect(refusal(` ${SECRET}\n`, target)).toBeUndefined();
  });

  it('names an unknown scheme as a configuration mistake', () => {
    expect(refusal(SECRET, { scheme: 'Nope' })?.message).toBe('acme: the spec has no security scheme "Nope" for token');
  });

  it('for any value, accepts it exactly when the carrier allows it, and never quotes it in a refusal', () => {
    const value = fc
      .string({ unit: fc.constantFrom('a', 'Z', '9', ' ', '\t', '\n', '\r', '\u0000', '\u007f', 'é', '-', 'B', 'e', 'r'), maxLength: 16 })
      .map((s) => `${s}${SECRET}${s}`);
    const targets = [{ scheme: 'Header' }, { scheme: 'Query' }, { scheme: 'Bearer' }, { field: 'f' }] as const;
    fc.assert(
      fc.property(value, fc.constantFrom(...targets), (v, target) => {
        const error = refusal(v, target);
        const header = 'scheme' in target && target.scheme !== 'Query';
        // eslint-disable-next-line no-control-regex
        const headerSafe = v === v.trim() && !/[\u0000-\u001f\u007f]/.test(v);
        const bearerSafe = !/\s/.test(v) && !/^bearer\s/i.test(v.trim());
        const allowed = !header || (headerSafe && (target.scheme !== 'Bearer' || bearerSafe));
        expect(error === undefined).toBe(allowed);
        if (error) for (const text of [error.message, JSON.stringify(error), error.stack ?? '']) expect(text).not.toContain(SECRET);
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
