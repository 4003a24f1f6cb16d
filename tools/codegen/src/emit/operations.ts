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
    const bodySchema = body?.schema?.$ref ? resolveRef(doc, body.schema.$ref) : body?.schema;
    const credentials = [
      ...op.parameters.filter((p) => p['x-credential']).map((p) => ({ in: p.in, name: p.name, credential: p['x-credential'] })),
      ...Object.entries<JsonSchema>(bodySchema?.properties ?? {})
        .filter(([, p]) => p['x-credential'])
        .map(([name, p]) => ({ in: 'body', name, credential: p['x-credential'] })),
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
  };
  lines.push(
    `/** Vendor-wide facts from the spec: servers by environment, security schemes, rate limit. */`,
    `export const definition = {`,
    ...Object.entries(definition)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
    '  operations,',
    '} as const satisfies VendorDefinition;',
    '',
    'export type OperationId = keyof typeof operations;',
    '',
  );
  return lines.join('\n');
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

function resolveRef(doc: JsonSchema, ref: string): JsonSchema {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  const found = name && doc.components?.schemas?.[name];
  if (!found) throw new Error(`dangling $ref ${ref}`);
  return found;
}
