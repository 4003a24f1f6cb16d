/**
 * The shape of a JSON value — its type name, an object's key names, an array's item types —
 * and never the value itself: what a drift event may carry about a vendor's answer.
 */

export type ValueType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export interface ValueShape {
  type: ValueType;
  /** An object's keys, sorted, at most MAX_SHAPE_KEYS (each as the client's scrubber left it). */
  keys?: string[];
  /** The distinct types of an array's items (its first MAX_SHAPE_ITEMS), sorted. */
  items?: ValueType[];
}

/** The most keys a shape lists: a map with 10,000 keys must not make a 10,000-entry event. */
export const MAX_SHAPE_KEYS = 32;
/** The most array items a shape looks at. */
export const MAX_SHAPE_ITEMS = 100;

export function typeOf(value: unknown): ValueType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** `keyText` turns each key into what may be shown (the client passes its credential scrubber). */
export function shapeOf(value: unknown, keyText: (key: string) => string = (k) => k): ValueShape | undefined {
  const type = typeOf(value);
  if (type === undefined) return undefined;
  if (type === 'object') {
    const keys = Object.keys(value as object)
      .map(keyText)
      .sort()
      .slice(0, MAX_SHAPE_KEYS);
    return { type, keys };
  }
  if (type === 'array') {
    const items = [
      ...new Set(
        (value as unknown[])
          .slice(0, MAX_SHAPE_ITEMS)
          .map(typeOf)
          .filter((t): t is ValueType => t !== undefined),
      ),
    ].sort();
    return { type, items };
  }
  return { type };
}

/** The value a JSON pointer (RFC 6901) names in `root`, or undefined. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The shape of what `pointer` names in `body`, keys passed through `keyText`. */
export function shapeAt(body: unknown, pointer: string, keyText?: (key: string) => string): ValueShape | undefined {
  return shapeOf(valueAtPointer(body, pointer), keyText);
}
