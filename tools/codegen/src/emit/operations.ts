/**
 * specs/<vendor>/openapi.yaml → generated/operations.ts: what the runtime needs to call each
 * operation (method, path, security, API versions, credentials, schemas) plus the vendor-wide
 * facts (servers, security schemes, rate limit, in-body error rule).
 * @see ../../../../specs/README.md "Vendor extensions the runtime reads"
 */
import { listOperations, requestBodyOf } from '../spec.js';
import type { JsonSchema } from './zod.js';

export function emitOperations(doc: JsonSchema, vendor: string): string {
  const lines: string[] = [
    `import type { VendorDefinition } from '@vendor-contracts/runtime';`,
    `import * as s from './schemas.js';`,
    '',
    `/** Every operation of ${doc.info?.title ?? vendor}, by operationId. */`,
    'export const operations = {',
  ];
  const rootSecurity = doc.security ?? [];
  for (const op of listOperations(doc)) {
    const o = op.operation;
    const body = requestBodyOf(o);
    const credentials = [
      ...op.parameters.filter((p) => p['x-credential']).map((p) => ({ in: p.in, name: p.name, credential: p['x-credential'] })),
      ...bodyCredentials(doc, body?.schema ?? {}, `${op.method.toUpperCase()} ${op.path} request body`),
    ];
    const entry = {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: o.summary,
      security: o.security ?? rootSecurity,
      apiVersions: o['x-api-versions'],
      idempotent: o['x-idempotent'] ?? ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(op.method.toUpperCase()),
      bodyMediaType: body?.mediaType,
      credentials,
      vendorError: o['x-vendor-error'] ?? doc['x-vendor-error'],
      errorFields: o['x-error-fields'] ?? doc['x-error-fields'],
      responseVendorErrors: Object.fromEntries(
        Object.entries<JsonSchema>(o.responses ?? {})
          .filter(([, r]) => r['x-vendor-error'])
          .map(([status, r]) => [status, r['x-vendor-error']]),
      ),
    };
    const literal = Object.entries(entry)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`);
    lines.push(
      `  ${op.operationId}: {`,
      ...literal,
      `    request: s.${op.operationId}Request,`,
      `    responses: s.${op.operationId}Responses,`,
      `    strictResponses: s.${op.operationId}ResponsesStrict,`,
      '  },',
    );
  }
  lines.push('} as const;', '');

  const servers = Object.fromEntries(
    (doc.servers ?? []).map((srv: JsonSchema, i: number) => [srv['x-environment'] ?? `server${i}`, serverUrl(srv)]),
  );
  const definition = {
    vendor,
    title: doc.info?.title,
    version: doc.info?.version,
    servers,
    securitySchemes: withoutExtensions(doc.components?.securitySchemes ?? {}),
    rateLimit: doc['x-rate-limit'],
    envelope: doc['x-envelope'],
    publishedWords: publishedWords(doc),
  };
  lines.push(
    `/** Vendor-wide facts from the spec: servers by environment, security schemes, rate limit, published words. */`,
    `export const definition = {`,
    ...Object.entries(definition)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
    '  operations,',
    '} as const satisfies VendorDefinition;',
    '',
    'export type OperationId = keyof typeof operations;',
    '',
    `/** The \`x-envelope\` payload pointer (\`''\`: answers are not wrapped): what the methods resolve to. */`,
    `export type EnvelopePayload = ${JSON.stringify(doc['x-envelope']?.payload ?? '')};`,
    '',
  );
  return lines.join('\n');
}

/** The names of every request field the client fills (`x-credential`), sorted: callers never pass them. */
export function credentialFieldNames(doc: JsonSchema): string[] {
  const names = new Set<string>();
  for (const op of listOperations(doc)) {
    for (const p of op.parameters) if (p['x-credential']) names.add(p.name);
    const body = requestBodyOf(op.operation);
    for (const c of bodyCredentials(doc, body?.schema ?? {}, `${op.method.toUpperCase()} ${op.path} request body`)) names.add(c.name);
  }
  return [...names].sort();
}

/**
 * Every string the spec publishes as a value (`enum` and `const`, e.g. error codes): the scrubber
 * keeps these in messages even where a credential happens to be spelled like one.
 */
function publishedWords(doc: JsonSchema): string[] | undefined {
  const words = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const schema = node as JsonSchema;
    for (const value of [...(Array.isArray(schema.enum) ? schema.enum : []), ...('const' in schema ? [schema.const] : [])]) {
      if (typeof value === 'string' && value.trim() !== '') words.add(value);
    }
    // Examples are data, not published words: a credential in an example must stay a secret.
    for (const [key, child] of Object.entries(schema)) if (key !== 'example' && key !== 'examples' && key !== 'x-invalid-examples') visit(child, depth + 1);
  };
  visit(doc.paths, 0);
  visit(doc.components, 0);
  return words.size ? [...words].sort() : undefined;
}

/** Security schemes as the runtime reads them: `x-` notes (assumptions) stay in the spec. */
function withoutExtensions(schemes: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [name, Object.fromEntries(Object.entries(scheme).filter(([k]) => !k.startsWith('x-')))]),
  );
}

/** Server URL with its variables at their defaults. */
function serverUrl(server: JsonSchema): string {
  return String(server.url).replace(/\{([^}]+)\}/g, (_, name) => server.variables?.[name]?.default ?? `{${name}}`);
}

/**
 * `x-credential` body fields: top-level properties, also through `$ref`s and `allOf` parts. In a
 * oneOf/anyOf every branch must carry the same ones (the client fills them before knowing the
 * branch); anywhere deeper the client could not fill them, so that fails instead of being missed.
 */
function bodyCredentials(doc: JsonSchema, schema: JsonSchema, where: string): { in: 'body'; name: string; credential: string }[] {
  const s = schema.$ref ? resolveRef(doc, schema.$ref) : schema;
  const found = Object.entries<JsonSchema>(s.properties ?? {}).flatMap(([name, p]) => {
    const prop = p.$ref ? resolveRef(doc, p.$ref) : p;
    if (p['x-credential'] ?? prop['x-credential']) return [{ in: 'body' as const, name, credential: p['x-credential'] ?? prop['x-credential'] }];
    if (JSON.stringify(p).includes('"x-credential"')) throw new Error(`${where}: x-credential inside "${name}" is nested; only top-level body fields can be filled`);
    return [];
  });
  for (const part of s.allOf ?? []) found.push(...bodyCredentials(doc, part, where));
  const branches: JsonSchema[] = s.oneOf ?? s.anyOf ?? [];
  if (branches.length) {
    const each = branches.map((b) => bodyCredentials(doc, b, where));
    const key = (list: object[]) => JSON.stringify(list);
    if (each.some((c) => key(c) !== key(each[0]!))) throw new Error(`${where}: every oneOf/anyOf branch must declare the same x-credential fields`);
    found.push(...each[0]!);
  }
  return found;
}

function resolveRef(doc: JsonSchema, ref: string): JsonSchema {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  const found = name && doc.components?.schemas?.[name];
  if (!found) throw new Error(`dangling $ref ${ref}`);
  return found;
}
