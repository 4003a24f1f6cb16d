/**
 * Capability URLs for pingbacks. AT&T Tool signs nothing, so the only thing a genuine delivery has
 * that a forged one lacks is the URL we gave the vendor with the order. Each URL carries
 *
 *   atttool_ref   a reference: yours (e.g. your order key) or 16 random bytes, base64url
 *   atttool_token HMAC-SHA256(secret, "atttool-pingback/v1:" + reference), base64url
 *
 * so the receiver needs one master secret and no per-order storage: it recomputes the token from
 * the reference and compares in constant time. Several secrets may be configured for rotation: the
 * first signs new URLs, all of them verify.
 */
// HMAC from @noble/hashes rather than node:crypto (not in browsers or Workers) or Web Crypto
// (async, and `createPingbackUrl` is synchronous): the same bytes on every runtime.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ConfigError } from '@vendor-contracts/runtime';
import { checkPingbackUrl, type PingbackUrlPolicy } from './url-guard.js';

export const REFERENCE_PARAM = 'atttool_ref';
export const TOKEN_PARAM = 'atttool_token';
/** Shortest master secret accepted: 32 bytes, the HMAC-SHA256 key size. */
export const MIN_SECRET_BYTES = 32;
const REFERENCE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const DOMAIN = 'atttool-pingback/v1:';

/** One master secret (≥ 32 bytes), or several during a rotation (the first signs, all verify). */
export type PingbackSecret = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

export interface CreatePingbackUrlOptions extends PingbackUrlPolicy {
  /** Where your receiver listens, e.g. `https://hooks.example.com/atttool/pingback`. Its query is kept. */
  baseUrl: string;
  /** The master secret the receiver is configured with. */
  secret: PingbackSecret;
  /**
   * Your reference for this order (1–128 of `A-Z a-z 0-9 _ -`), handed to your handler with the
   * delivery. Must be unique per order. @default 16 random bytes, base64url
   */
  reference?: string;
}

export interface PingbackUrl {
  /** The `pingback_url` to send with `placeOrder`. It contains a secret token: do not log it. */
  url: string;
  /** The reference it carries (yours, or the random one); store it with the order to match deliveries. */
  reference: string;
}

/** Builds the `pingback_url` for one order; throws `ConfigError` if the result would not pass the guard. */
export function createPingbackUrl(options: CreatePingbackUrlOptions): PingbackUrl {
  const keys = secretKeys(options.secret);
  const reference = options.reference ?? base64url(crypto.getRandomValues(new Uint8Array(16)));
  if (!REFERENCE_PATTERN.test(reference)) {
    throw new ConfigError('atttool: pingback reference must be 1–128 characters of A-Z a-z 0-9 _ -', { vendor: 'atttool' });
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new ConfigError('atttool: pingback baseUrl is not an absolute URL', { vendor: 'atttool' });
  }
  url.searchParams.set(REFERENCE_PARAM, reference);
  url.searchParams.set(TOKEN_PARAM, tokenFor(keys[0]!, reference));
  const href = url.toString();
  const problem = checkPingbackUrl(href, options);
  if (problem) throw new ConfigError(`atttool: pingback baseUrl refused (${problem.rule}): ${problem.message}`, { vendor: 'atttool' });
  return { url: href, reference };
}

/** The reference of a URL whose token matches one of `keys`, or `undefined` (forged, missing, altered). */
export function verifyCapability(url: URL, keys: readonly Uint8Array[]): string | undefined {
  const references = url.searchParams.getAll(REFERENCE_PARAM);
  const tokens = url.searchParams.getAll(TOKEN_PARAM);
  if (references.length !== 1 || tokens.length !== 1) return undefined;
  const [reference] = references as [string];
  if (!REFERENCE_PATTERN.test(reference)) return undefined;
  const given = utf8.encode(tokens[0]!);
  let match = false;
  for (const key of keys) {
    const expected = utf8.encode(tokenFor(key, reference));
    // Equal lengths first: the length of a valid token is public anyway.
    if (given.length === expected.length && constantTimeEqual(given, expected)) match = true;
  }
  return match ? reference : undefined;
}

/** The secrets as HMAC keys, checked once (≥ 32 bytes each, at least one). */
export function secretKeys(secret: PingbackSecret): Uint8Array[] {
  const list = typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : [...secret];
  const keys = list.map((s) => (typeof s === 'string' ? utf8.encode(s) : Uint8Array.from(s)));
  if (keys.length === 0 || keys.some((k) => k.length < MIN_SECRET_BYTES)) {
    throw new ConfigError(`atttool: the pingback secret must be at least ${MIN_SECRET_BYTES} bytes (e.g. crypto.randomBytes(32).toString('base64url'))`, {
      vendor: 'atttool',
    });
  }
  return keys;
}

const utf8 = new TextEncoder();

function tokenFor(key: Uint8Array, reference: string): string {
  return base64url(hmac(sha256, key, utf8.encode(DOMAIN + reference)));
}

/** Compares every byte whatever the first difference, so the time taken says nothing of where it is. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/** base64url without padding (RFC 4648 §5), as Node's `digest('base64url')` wrote it. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
