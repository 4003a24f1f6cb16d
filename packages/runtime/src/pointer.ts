/**
 * JSON pointers (RFC 6901) the engine reads and writes: where an issue sits in a body
 * (`/0/quote/quote_price`), and the spec's `x-vendor-error`/`x-error-fields` pointers into an
 * answer. The one implementation for the published packages (the tools share
 * `@vendor-contracts/spec-model`'s, which is private and never shipped).
 */
export type PointerSegment = string | number;

/** `['a/b', 0]` → `/a~1b/0`; `~` is escaped first so an escaped `/` is not read back as `~`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The value at `pointer` in a parsed body; undefined when a step is missing (or no pointer). */
export function valueAtPointer(body: unknown, pointer: string | undefined): unknown {
  if (pointer === undefined) return undefined;
  let cur: unknown = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
