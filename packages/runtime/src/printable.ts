/**
 * Vendor text made safe for an error message, which ends up in logs and terminals: control
 * characters (ANSI escapes, CR/LF that would forge a log line, NUL, C1 controls), line and
 * paragraph separators, bidirectional overrides and lone surrogates are written as escapes, and
 * cuts never split a surrogate pair. Data such as a parsed `body` is never passed through this.
 */

/** Characters written as escapes: Cc (C0, DEL, C1), U+2028/2029, bidi embeddings/overrides/isolates, lone surrogates. */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unprintable character escaped (`\n`, `\x1b`, `\u2028`, `\ud800`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** At most `max` UTF-16 units of `text`, cut back by one rather than split a surrogate pair, plus `…` when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose low half lies past the cut
  return `${text.slice(0, end)}…`;
}

/** Vendor text for a message: cut to `max` on a code-point boundary, then escaped. */
export function vendorText(text: string, max = 200): string {
  return printable(cut(text, max));
}
