/**
 * specs/<vendor>/openapi.yaml → generated/examples.ts: the vendor's documented examples by name,
 * so a consumer's tests can use them as fixtures and pick them as mock scenarios:
 * `examples[operationId][status][exampleName]` (response bodies) and
 * `requestExamples[operationId][exampleName]` (request bodies). Shipped on the package's
 * `./examples` subpath, never imported by the client entry, so clients do not bundle them.
 */
import { listOperations, requestBodyOf } from '../spec.js';
import type { JsonSchema } from './zod.js';

/** A media type's named examples (`examples: {name: {value}}`, or a lone `example` named `example`). */
export function namedExamples(doc: JsonSchema, media: JsonSchema | undefined): Record<string, unknown> {
  if (!media) return {};
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries<JsonSchema>(media.examples ?? {})) {
    const example = resolveExample(doc, raw);
    if (example && 'value' in example) out[name] = example.value;
  }
  if (Object.keys(out).length === 0 && media.example !== undefined) out.example = media.example;
  return out;
}

function resolveExample(doc: JsonSchema, value: JsonSchema): JsonSchema | undefined {
  if (!value?.$ref) return value;
  const m = /^#\/components\/examples\/([^/]+)$/.exec(value.$ref);
  const found = m && doc.components?.examples?.[m[1]!];
  if (!found) throw new Error(`unsupported or dangling example $ref ${value.$ref} (expected #/components/examples/<name>)`);
  return found;
}

/** The JSON (or first) media type of a content map. */
function mediaOf(content: JsonSchema | undefined): JsonSchema | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json')) ?? Object.keys(content)[0];
  return key ? content[key] : undefined;
}

export function emitExamples(doc: JsonSchema): string {
  const responses: Record<string, Record<string, Record<string, unknown>>> = {};
  const requests: Record<string, Record<string, unknown>> = {};
  for (const op of listOperations(doc)) {
    const byStatus: Record<string, Record<string, unknown>> = {};
    for (const [status, response] of Object.entries<JsonSchema>(op.operation.responses ?? {})) {
      const named = namedExamples(doc, mediaOf(response.content));
      if (Object.keys(named).length) byStatus[status] = named;
    }
    responses[op.operationId] = byStatus;
    const body = requestBodyOf(op.operation);
    const named = body ? namedExamples(doc, op.operation.requestBody.content[body.mediaType]) : {};
    if (Object.keys(named).length) requests[op.operationId] = named;
  }
  return [
    `/** Documented response examples of ${doc.info?.title ?? 'the API'}: operationId → HTTP status → example name → body. */`,
    `export const examples = ${JSON.stringify(responses)} as const;`,
    '',
    '/** Documented request body examples: operationId → example name → body (operations without any are absent). */',
    `export const requestExamples = ${JSON.stringify(requests)} as const;`,
    '',
    'export type Examples = typeof examples;',
    'export type RequestExamples = typeof requestExamples;',
    '',
  ].join('\n');
}
