/**
 * Puts the contract into a vendor package (`ship-cli.ts`, run by the vendor's `build` target):
 * `dist/openapi.yaml`, byte for byte the spec the client was generated from (its sha256 is the
 * generated files' `@spec-sha256`), and `dist/openapi.json`, the same document with every local
 * `$ref` replaced by its target, for tools that cannot follow references.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePointer, valueAt } from '@vendor-contracts/spec-model';
import type { JsonSchema } from './emit/zod.js';
import { loadSpec } from './spec.js';

/** The shipped file names, relative to the package root. */
export const SHIPPED_SPEC = { yaml: 'dist/openapi.yaml', json: 'dist/openapi.json' } as const;

/**
 * Every `{"$ref": "#/…"}` replaced by (a copy of) what it points to. A reference cycle cannot be
 * written as plain JSON, so it is an error naming the reference.
 */
export function dereference(doc: JsonSchema): JsonSchema {
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`dereference: only local references are supported, got ${ref}`);
    const node = valueAt(doc, parsePointer(decodeURIComponent(ref.slice(1))));
    if (node === undefined) throw new Error(`dereference: dangling reference ${ref}`);
    return node;
  };
  const walk = (value: unknown, trail: readonly string[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, trail));
    if (!value || typeof value !== 'object') return value;
    const { $ref, ...rest } = value as Record<string, unknown>;
    if (typeof $ref === 'string') {
      if (trail.includes($ref)) throw new Error(`dereference: ${$ref} refers to itself (${[...trail, $ref].join(' → ')}); a cycle cannot be inlined`);
      const target = walk(lookup($ref), [...trail, $ref]);
      // OpenAPI 3.1 allows siblings next to $ref (description, …): they win over the target's.
      return Object.keys(rest).length && target && typeof target === 'object' ? { ...(target as object), ...(walk(rest, trail) as object) } : target;
    }
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, walk(v, trail)]));
  };
  return walk(doc, []) as JsonSchema;
}

/** Writes the vendor's shipped spec files into `packageDir`. */
export function shipSpec(specFile: string, packageDir: string): void {
  const { doc } = loadSpec(specFile);
  mkdirSync(join(packageDir, 'dist'), { recursive: true });
  copyFileSync(specFile, join(packageDir, SHIPPED_SPEC.yaml));
  writeFileSync(join(packageDir, SHIPPED_SPEC.json), `${JSON.stringify(dereference(doc), null, 2)}\n`);
}
