/**
 * specs/<vendor>/openapi.yaml → generated/types.ts with openapi-typescript, the types that
 * openapi-fetch and our method signatures are built on.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { JsonSchema } from './zod.js';

export async function emitTypes(doc: JsonSchema): Promise<string> {
  // openapi-typescript mutates its input while resolving; give it a copy.
  const ast = await openapiTS(structuredClone(doc) as never, { alphabetize: false, exportType: false });
  return astToString(ast);
}
