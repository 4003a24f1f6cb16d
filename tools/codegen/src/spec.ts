/**
 * Spec loading and operation listing come from @vendor-contracts/spec-model (one implementation
 * for every tool); what is here is how the generator reads request and response bodies.
 */
import type { JsonSchema } from './emit/zod.js';

export { HTTP_METHODS, type LoadedSpec, listOperations, loadSpec, type OperationEntry } from '@vendor-contracts/spec-model';

/** The request body's media type and schema: JSON first, then form-urlencoded. */
export function requestBodyOf(operation: JsonSchema): { mediaType: string; schema: JsonSchema; required: boolean } | undefined {
  const content = operation.requestBody?.content;
  if (!content) return undefined;
  const mediaType = ['application/json', 'application/x-www-form-urlencoded'].find((t) => content[t]);
  if (!mediaType) throw new Error(`${operation.operationId}: request body media types ${Object.keys(content).join(', ')} are not supported`);
  return { mediaType, schema: content[mediaType].schema ?? {}, required: operation.requestBody.required === true };
}

/** A response's JSON schema, if it has a JSON body. */
export function responseSchemaOf(response: JsonSchema): JsonSchema | undefined {
  const content = response?.content ?? {};
  const key = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json'));
  return key ? (content[key].schema ?? {}) : undefined;
}
