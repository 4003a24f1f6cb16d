/**
 * specs/<vendor>/openapi.yaml → generated/types.ts with openapi-typescript, the types that
 * openapi-fetch and our method signatures are built on.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { JsonSchema } from './zod.js';

export async function emitTypes(doc: JsonSchema): Promise<string> {
  // openapi-typescript mutates its input while resolving; give it a copy.
  const ast = await openapiTS(withoutAliases(structuredClone(doc)) as never, { alphabetize: false, exportType: false });
  return astToString(ast);
}

/**
 * The document without its `x-alias-of` properties: the validator reads an alias as its
 * canonical property, so only the canonical one ever reaches a caller.
 */
function withoutAliases(node: unknown, depth = 0): JsonSchema {
  if (depth > 64 || node === null || typeof node !== 'object') return node as JsonSchema;
  if (Array.isArray(node)) return node.map((n) => withoutAliases(n, depth + 1)) as unknown as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(
        Object.entries<JsonSchema>(value)
          .filter(([, p]) => p?.['x-alias-of'] === undefined)
          .map(([name, p]) => [name, withoutAliases(p, depth + 1)]),
      );
    } else out[key] = key === 'example' || key === 'examples' ? value : withoutAliases(value, depth + 1);
  }
  return out;
}
