/** Reading a spec from disk and walking its operations: one implementation for every tool. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isObject, resolveComponent } from './refs.js';

type Obj = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethodKey = (typeof HTTP_METHODS)[number];

export interface LoadedSpec {
  doc: Obj;
  /** The file exactly as read (its sha256 is the generated files' header). */
  text: string;
  sha256: string;
}

/** Parses a YAML (or JSON) OpenAPI 3.1 document; anything but 3.1 is refused. */
export function parseSpec(text: string, where = '(spec)'): Obj {
  const doc = parse(text) as Obj;
  if (!String(doc?.openapi ?? '').startsWith('3.1')) throw new Error(`${where}: expected "openapi: 3.1.x"`);
  return doc;
}

export function loadSpec(file: string): LoadedSpec {
  const text = readFileSync(file, 'utf8');
  return { doc: parseSpec(text, file), text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** One operation with its path-level parameters merged in (operation-level ones win). */
export interface OperationEntry {
  operationId: string;
  method: HttpMethodKey;
  path: string;
  /** The operation with its requestBody and responses `$ref`s resolved. */
  operation: Obj;
  /** Path-level and operation-level parameters, resolved. */
  parameters: Obj[];
}

/** Every operation, sorted by operationId; one without an operationId throws. */
export function listOperations(doc: Obj): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries<Obj>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path}: every operation needs an operationId`);
      const byKey = new Map<string, Obj>();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = resolveComponent(doc, p, 'parameters');
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const resolved = {
        ...operation,
        requestBody: operation.requestBody && resolveComponent(doc, operation.requestBody, 'requestBodies'),
        responses: Object.fromEntries(Object.entries<Obj>(operation.responses ?? {}).map(([status, r]) => [status, resolveComponent(doc, r, 'responses')])),
      };
      out.push({ operationId: operation.operationId, method, path, operation: resolved, parameters: [...byKey.values()] });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
