/**
 * Scrubbing credentials out of errors before anyone sees them (callers, hooks). The engine knows
 * every credential value it sent — configured strings and token values resolved per attempt — so
 * it replaces each of them (raw, URL-encoded and base64) wherever a vendor echoed it back: error
 * messages and stacks, parsed bodies, response headers, field issues, and the whole `cause` chain.
 */

export const REDACTED = '[redacted]';
/** How deep `SecretScrubber.value` copies data; what lies deeper is replaced by DROPPED_DEEPER. */
export const MAX_DEPTH = 64;
export const DROPPED_DEEPER = `[nested deeper than ${MAX_DEPTH} levels: dropped]`;
/** Shorter values are not scrubbed: replacing "pw" everywhere would garble every message. */
const MIN_SECRET_LENGTH = 6;

/** The forms a secret can take on the wire or in a message. */
function formsOf(secret: string): string[] {
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
  const encoded = [secret, encodeURIComponent(secret), formEncoded];
  const forms = new Set([
    ...encoded,
    // Encoded twice: a form body echoed inside a URL or a header.
    ...encoded.map((e) => encodeURIComponent(e)),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ]);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

export class SecretScrubber {
  private readonly forms = new Map<string, string[]>();

  /** Remember a credential value the client has sent or will send. */
  add(secret: string | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.forms.has(secret)) return;
    this.forms.set(secret, formsOf(secret));
    // Bounded: rotating tokens must not grow this forever; the oldest go first.
    if (this.forms.size > 64) this.forms.delete(this.forms.keys().next().value!);
  }

  text(value: string): string {
    let out = value;
    for (const forms of this.forms.values()) for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
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
        if (key === 'cause') continue;
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
