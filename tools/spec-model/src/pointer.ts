/**
 * JSON pointers (RFC 6901) over a parsed document: the one implementation the tools and test
 * harnesses use. (The published runtime keeps its own small reader, since this package is private.)
 */
export type Segment = string | number;

/** `a/b~c` → `a~1b~0c`: `~` first, so a `/` turned `~1` is not read back as `~` + `1`. */
export function escapeToken(token: Segment): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `a~1b~0c` → `a/b~c`: `~1` first, so `~01` reads `~1` (a literal), not `/`. */
export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `['paths', '/job', 'get']` → `/paths/~1job/get`; `[]` → `` (the whole document). */
export function pointerOf(path: readonly Segment[]): string {
  return path.map((s) => `/${escapeToken(s)}`).join('');
}

/** `/paths/~1job/get` → `['paths', '/job', 'get']`. A pointer must be empty or start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer (it must start with "/")`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** The value at `pointer` (or at a segment list), undefined when any step is missing. */
export function valueAt(doc: unknown, pointer: string | readonly Segment[]): unknown {
  const path = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  let current: unknown = doc;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = String(segment);
    if (Array.isArray(current) ? !/^(0|[1-9][0-9]*)$/.test(key) : !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
