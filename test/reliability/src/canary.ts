/**
 * The canary-secret scan (S2): unique fake credentials per scenario, every surface a user or a log
 * can see, and a search for each canary in every form it could leak in.
 */
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import type { Credentials } from './vendors.js';

/**
 * Deterministic, unique canaries for one scenario (hex, so AT&T's 32-hex api_key rule accepts them).
 * `short` gives 5-character key, password and token (letters g–v, unlike any hex): a credential of
 * any length is scrubbed whole.
 */
export function canaries(scenario: string, { short = false } = {}): Credentials {
  const make = (name: string, length: number) => createHash('sha256').update(`${scenario}:${name}`).digest('hex').slice(0, length);
  if (short) {
    const letters = (name: string) => [...make(name, 5)].map((c) => String.fromCharCode(103 + Number.parseInt(c, 16))).join('');
    return { key: letters('key'), username: `${make('user', 20)}@example.test`, password: letters('password'), bearer: letters('bearer') };
  }
  return {
    key: make('key', 32),
    username: `${make('user', 20)}@example.test`,
    password: `${make('password', 24)}&=+%`,
    bearer: make('bearer', 40),
  };
}

export function secretsOf(c: Credentials): string[] {
  return [c.key, c.username, c.password, c.bearer];
}

/**
 * Every form a secret could leak in: raw, upper-cased, URL-encoded, base64 (both alphabets), its
 * 12-character prefix and 8-character prefix and suffix.
 */
export function needles(secret: string): Array<{ form: string; text: string }> {
  const b64 = Buffer.from(secret).toString('base64');
  return [
    { form: 'raw', text: secret },
    { form: 'upper-cased', text: secret.toUpperCase() },
    { form: 'prefix-12', text: secret.slice(0, 12) },
    { form: 'url-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ s: secret }).toString().slice(2) },
    { form: 'base64', text: b64.replace(/=+$/, '') },
    { form: 'base64url', text: Buffer.from(secret).toString('base64url') },
    { form: 'prefix-8', text: secret.slice(0, 8) },
    { form: 'suffix-8', text: secret.slice(-8) },
  ];
}

/** What a user or a log can see of an error: message, stack, JSON, a deep inspect, for it and each cause. */
export function errorSurfaces(error: unknown): Array<{ surface: string; text: string }> {
  const out: Array<{ surface: string; text: string }> = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current && typeof current === 'object' && !seen.has(current); depth++) {
    seen.add(current);
    const e = current as Error;
    const at = depth === 0 ? 'error' : `cause[${depth}]`;
    out.push({ surface: `${at}.message`, text: String(e.message) });
    out.push({ surface: `${at}.stack`, text: String(e.stack) });
    out.push({ surface: `JSON.stringify(${at})`, text: safeJson(e) });
    current = e.cause;
  }
  out.push({ surface: 'util.inspect(error, depth ∞, showHidden)', text: inspect(error, { depth: Infinity, showHidden: true }) });
  out.push({ surface: 'String(error)', text: String(error) });
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (e) {
    return `(unserialisable: ${(e as Error).message})`;
  }
}

export interface Hit {
  secret: string;
  form: string;
  surface: string;
}

/** Every (secret, form, surface) where the secret shows; `headerValues` are the headers that carried one (`Bearer <token>`), searched raw, URL-encoded and base64. */
export function scan(secrets: readonly string[], surfaces: ReadonlyArray<{ surface: string; text: string }>, headerValues: readonly string[] = []): Hit[] {
  const hits: Hit[] = [];
  const search = (secret: string, list: Array<{ form: string; text: string }>) => {
    for (const needle of list) for (const s of surfaces) if (s.text.includes(needle.text)) hits.push({ secret, form: needle.form, surface: s.surface });
  };
  for (const secret of secrets) search(secret, needles(secret));
  for (const value of headerValues) {
    const b64 = Buffer.from(value).toString('base64');
    search(value, [
      { form: 'header value', text: value },
      { form: 'header value, URL-encoded', text: encodeURIComponent(value) },
      { form: 'header value, base64', text: b64.replace(/=+$/, '') },
      { form: 'header value, base64url', text: Buffer.from(value).toString('base64url') },
    ]);
  }
  return hits;
}

/** The values of headers the server received that carry one of `secrets`. */
export function headerValuesCarrying(secrets: readonly string[], headers: ReadonlyArray<Record<string, string | string[] | undefined>>): string[] {
  const out = new Set<string>();
  for (const h of headers) for (const v of Object.values(h).flat()) if (typeof v === 'string' && secrets.some((s) => v.includes(s))) out.add(v);
  return [...out];
}
