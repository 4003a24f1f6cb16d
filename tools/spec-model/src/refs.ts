/**
 * Local `$ref` resolution (`#/components/...`), shared by codegen, spec-diff and the test
 * harnesses. Only local references exist in our specs; anything else is refused, never guessed.
 */
import { parsePointer, valueAt } from './pointer.js';

type Obj = Record<string, any>;

export const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The target of one local `$ref` string, or an error naming it. */
export function refTarget(doc: unknown, ref: string, where = '(spec)'): unknown {
  if (!ref.startsWith('#')) throw new Error(`${where}: only local $refs are supported, got "${ref}"`);
  // A $ref is a URI fragment: percent-encoding is undone before the pointer is read.
  const target = valueAt(doc, parsePointer(decodeURIComponent(ref.slice(1))));
  if (target === undefined) throw new Error(`${where}: $ref "${ref}" points nowhere`);
  return target;
}

/** Follows `$ref`s until a non-reference object; a cycle, a dangling or non-local ref throws. */
export function resolveRef(doc: unknown, value: unknown, where = '(spec)'): Obj {
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (seen.has(ref)) throw new Error(`${where}: circular $ref "${ref}"`);
    seen.add(ref);
    current = refTarget(doc, ref, where);
  }
  if (!isObject(current)) throw new Error(`${where}: expected an object, got ${JSON.stringify(current)}`);
  return current;
}

/** Like `resolveRef`, but undefined instead of an error (for diffing documents that may be broken). */
export function tryResolveRef(doc: unknown, value: unknown): Obj | undefined {
  try {
    return resolveRef(doc, value);
  } catch {
    return undefined;
  }
}

/**
 * Follows a `$ref` that must name `#/components/<kind>/<name>` (parameters, responses,
 * requestBodies, schemas): the only references the generator supports.
 */
export function resolveComponent(doc: Obj, value: Obj, kind: string): Obj {
  if (!value?.$ref) return value;
  const m = new RegExp(`^#/components/${kind}/([^/]+)$`).exec(value.$ref);
  const found = m && doc.components?.[kind]?.[m[1]!];
  if (!found) throw new Error(`unsupported or dangling $ref ${value.$ref} (expected #/components/${kind}/<name>)`);
  return found;
}
