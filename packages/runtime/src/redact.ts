/**
 * Scrubbing credentials out of errors before anyone sees them (callers, hooks). The engine knows
 * every credential value it sent — configured strings, token values resolved per attempt, and the
 * header values carrying them (`Bearer <token>`) — and removes each wherever a vendor echoed it
 * back: error messages and stacks, parsed bodies, response headers, field issues, and the whole
 * `cause` chain. Matching ignores case, and covers
 * - the whole value, of any length, raw, URL/form-encoded (also twice) and base64/base64url;
 * - every run of MIN_RUN or more consecutive characters of any of those forms, so a prefix, a
 *   suffix or a cut-off echo goes too;
 * - base64 of any text that contains the value (`base64("ApiKey " + key)`): the characters of
 *   its three byte alignments that depend on the value alone.
 * A match that lies inside a public word the scrubber is given (the vendor, its operation ids, the
 * spec's documented enum values such as error codes) or inside an earlier `[redacted]` is left
 * alone: it reveals nothing the spec does not publish, and a key such as `…-acme-…` must not garble
 * `acme.getOrder`, nor a key spelled like a documented code garble that code. A value shorter than
 * MIN_RUN is matched only as a whole token (not inside a longer run of letters and digits): a
 * one-letter test token must not take every such letter out of a message.
 */
import { base64, toBase64Url } from './internal/base64.js';

export const REDACTED = '[redacted]';
/** How deep `SecretScrubber.value` copies data; what lies deeper is replaced by DROPPED_DEEPER. */
export const MAX_DEPTH = 64;
export const DROPPED_DEEPER = `[nested deeper than ${MAX_DEPTH} levels: dropped]`;
/** A run this long of a secret's characters is scrubbed wherever it appears (shorter ones would match ordinary text). */
export const MIN_RUN = 8;
/** Secrets remembered at once: rotating tokens must not grow the list forever; the oldest go first. */
const MAX_SECRETS = 64;

/** The forms a secret can take on the wire or in a message, lower-cased. */
function formsOf(secret: string): string[] {
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
  const encoded = [secret, encodeURIComponent(secret), formEncoded];
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set([
    ...encoded,
    // Encoded twice: a form body echoed inside a URL or a header.
    ...encoded.map((e) => encodeURIComponent(e)),
    base64(bytes),
    toBase64Url(base64(bytes)),
  ]);
  // Inside base64 of a longer text, the secret's bytes start at one of three alignments; keep
  // the characters whose six bits all come from the secret.
  for (let k = 0; k < 3; k++) {
    const shifted = new Uint8Array(k + bytes.length);
    shifted.set(bytes, k);
    const stable = base64(shifted).slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    if (stable.length >= MIN_RUN) forms.add(stable).add(toBase64Url(stable));
  }
  return [...forms].filter((f) => f !== '').map(fold);
}

/** Lower case without changing the length (so indexes in the folded text are indexes in the original). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : [...text].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

/** A 32-bit polynomial hash of `text[from, from + MIN_RUN)`, for the rolling window below. */
const BASE = 131;
const HASH_MASK = (1 << 16) - 1;
/** Two UTF-16 units folded into 16 bits (collisions only cost a closer look). */
const pairKey = (a: number, b: number) => ((a & 0xff) << 8) | (b & 0xff);
const BASE_POW = Array.from({ length: MIN_RUN - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);
function hashAt(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + MIN_RUN; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

const WORD = /[\p{L}\p{N}]/u;
/** An escape that ends in a letter or digit but separates like punctuation: `%22`, `\u0022`, `\n`. */
const ESCAPE_BEFORE = /(%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\[bfnrt])$/i;
/** Whether `text[start, end)` is not glued to letters or digits on either side (a whole token). */
function standsAlone(text: string, start: number, end: number): boolean {
  const glued = (inside: string | undefined, outside: string | undefined) => inside !== undefined && outside !== undefined && WORD.test(inside) && WORD.test(outside);
  const before = !glued(text[start], text[start - 1]) || ESCAPE_BEFORE.test(text.slice(Math.max(0, start - 6), start));
  return before && !glued(text[end - 1], text[end]);
}

export class SecretScrubber {
  /** Folded forms by secret. */
  private readonly forms = new Map<string, string[]>();
  /** Every MIN_RUN-character window of every form, and their hashes (a fast first test). */
  private runs = new Set<string>();
  /** 1 at `hash & HASH_MASK` of every run: a cheap first test before the set. */
  private hashBits = new Uint8Array(HASH_MASK + 1);
  /** 1 for each UTF-16 unit that occurs in some run, and at `pairKey` of each adjacent pair. */
  private alphabet = new Uint8Array(0x10000);
  private pairs = new Uint8Array(0x10000);
  private readonly publicNames: string[];

  /** `publicNames`: words every message may show (vendor name, operation ids, documented codes); a match inside one is kept. */
  constructor(publicNames: readonly string[] = []) {
    this.publicNames = [...new Set([REDACTED, ...publicNames].map(fold).filter((name) => name !== ''))];
  }

  /** Remember a credential value (or a header value carrying one) the client has sent or will send. */
  add(secret: string | undefined): void {
    if (typeof secret !== 'string' || secret.trim() === '' || this.forms.has(secret)) return;
    this.forms.set(secret, formsOf(secret));
    if (this.forms.size > MAX_SECRETS) this.forms.delete(this.forms.keys().next().value!);
    this.runs = new Set();
    this.hashBits = new Uint8Array(HASH_MASK + 1);
    this.alphabet = new Uint8Array(0x10000);
    this.pairs = new Uint8Array(0x10000);
    for (const forms of this.forms.values()) {
      for (const f of forms) {
        for (let i = 0; i + MIN_RUN <= f.length; i++) {
          const run = f.slice(i, i + MIN_RUN);
          this.runs.add(run);
          this.hashBits[hashAt(f, i) & HASH_MASK] = 1;
          for (let j = 0; j < run.length; j++) this.alphabet[run.charCodeAt(j)] = 1;
          for (let j = 1; j < run.length; j++) this.pairs[pairKey(run.charCodeAt(j - 1), run.charCodeAt(j))] = 1;
        }
      }
    }
  }

  text(value: string): string {
    if (this.forms.size === 0 || value === '') return value;
    const folded = fold(value);
    // Marked [start, end) ranges, merged at the end.
    const ranges: Array<[number, number]> = [];
    for (const forms of this.forms.values()) {
      for (const f of forms) {
        for (let at = folded.indexOf(f); at !== -1; at = folded.indexOf(f, at + 1)) {
          if (f.length < MIN_RUN && !standsAlone(folded, at, at + f.length)) continue;
          ranges.push([at, at + f.length]);
        }
      }
    }
    if (this.runs.size > 0) {
      // Only a window whose every adjacent pair occurs in some secret can be a run: most text is
      // skipped a character at a time, and the hash rolls along the rest.
      let h = 0;
      let streak = 0;
      for (let i = 0; i < folded.length; i++) {
        const c = folded.charCodeAt(i);
        if (this.alphabet[c] === 0) {
          streak = 0;
          continue;
        }
        streak = streak > 0 && this.pairs[pairKey(folded.charCodeAt(i - 1), c)] === 1 ? streak + 1 : 1;
        if (streak < MIN_RUN) continue;
        const start = i - MIN_RUN + 1;
        h = streak === MIN_RUN ? hashAt(folded, start) : (Math.imul(h - Math.imul(folded.charCodeAt(start - 1), BASE_POW), BASE) + c) | 0;
        if (this.hashBits[h & HASH_MASK] === 1 && this.runs.has(folded.slice(start, i + 1))) ranges.push([start, i + 1]);
      }
    }
    if (ranges.length === 0) return value;
    // Only now (a match is rare) find the public words, and keep what lies inside one.
    const open: Array<[number, number]> = [];
    for (const name of this.publicNames) for (let at = folded.indexOf(name); at !== -1; at = folded.indexOf(name, at + 1)) open.push([at, at + name.length]);
    const secret = open.length === 0 ? ranges : ranges.filter(([start, end]) => !open.some(([from, to]) => from <= start && end <= to));
    if (secret.length === 0) return value;
    secret.sort((a, b) => a[0] - b[0]);
    let out = '';
    let cursor = 0;
    for (const [start, end] of secret) {
      if (end <= cursor) continue;
      if (start >= cursor) out += value.slice(cursor, start) + REDACTED;
      cursor = end;
    }
    return out + value.slice(cursor);
  }

  /**
   * A deep copy of JSON-like data with every secret replaced (keys included). Containers nested
   * deeper than MAX_DEPTH are replaced by DROPPED_DEEPER: a vendor body 10,000 levels deep kept
   * on an error as is would overflow the stack of whoever logs it (JSON.stringify, util.inspect),
   * and would keep secrets below the depth this walk reaches.
   */
  value<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return DROPPED_DEEPER as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1)) as T;
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.value(v, depth + 1)])) as T;
  }

  /** Scrub `error` in place (and its cause chain); returns it. */
  error<E>(error: E): E {
    if (this.forms.size === 0) return error;
    const seen = new Set<unknown>();
    let current: unknown = error;
    for (let depth = 0; depth < 8 && current && typeof current === 'object' && !seen.has(current); depth++) {
      seen.add(current);
      const target = current as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(target)) {
        if (key === 'cause' || key === 'name') continue; // the class name is ours, never an echo
        const descriptor = Object.getOwnPropertyDescriptor(target, key);
        if (!descriptor || !('value' in descriptor)) continue;
        const scrubbed = this.value(descriptor.value);
        if (scrubbed !== descriptor.value) Object.defineProperty(target, key, { ...descriptor, value: scrubbed, writable: descriptor.writable });
      }
      const errors = target.errors;
      if (Array.isArray(errors)) for (const inner of errors) if (inner && typeof inner === 'object') this.error(inner);
      current = target.cause;
    }
    return error;
  }
}
