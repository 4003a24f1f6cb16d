import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { JsonSchema } from './emit/zod.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface LoadedSpec {
  doc: JsonSchema;
  text: string;
  sha256: string;
}

export function loadSpec(file: string): LoadedSpec {
  const text = readFileSync(file, 'utf8');
  const doc = parse(text) as JsonSchema;
  if (!String(doc?.openapi ?? '').startsWith('3.1')) throw new Error(`${file}: expected "openapi: 3.1.x"`);
  return { doc, text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** One operation with its path-level parameters merged in (operation-level ones win). */
export interface OperationEntry {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operation: JsonSchema;
  parameters: JsonSchema[];
}

export function listOperations(doc: JsonSchema): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries<JsonSchema>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path}: every operation needs an operationId`);
      const byKey = new Map<string, JsonSchema>();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = resolveParameter(doc, p);
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const resolved = {
        ...operation,
        requestBody: operation.requestBody && resolveComponent(doc, operation.requestBody, 'requestBodies'),
        responses: Object.fromEntries(
          Object.entries<JsonSchema>(operation.responses ?? {}).map(([status, r]) => [status, resolveComponent(doc, r, 'responses')]),
        ),
      };
      out.push({ operationId: operation.operationId, method, path, operation: resolved, parameters: [...byKey.values()] });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

function resolveParameter(doc: JsonSchema, p: JsonSchema): JsonSchema {
  return resolveComponent(doc, p, 'parameters');
}

/** Follows a `$ref` to `#/components/<kind>/<name>` (parameters, responses, requestBodies). */
function resolveComponent(doc: JsonSchema, value: JsonSchema, kind: string): JsonSchema {
  if (!value?.$ref) return value;
  const m = new RegExp(`^#/components/${kind}/([^/]+)$`).exec(value.$ref);
  const found = m && doc.components?.[kind]?.[m[1]!];
  if (!found) throw new Error(`unsupported or dangling $ref ${value.$ref} (expected #/components/${kind}/<name>)`);
  return found;
}

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
