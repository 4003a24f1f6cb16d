/**
 * specs/<vendor>/openapi.yaml → generated/operations.ts: what the runtime needs to call each
 * operation (method, path, security, API versions, credentials, schemas) plus the vendor-wide
 * facts (servers, security schemes, rate limit, in-body error rule).
 * Which extension fills which field is declared in tools/spec-model/src/extensions.ts (`fills`).
 * @see ../../../../specs/README.md "Vendor extensions"
 */
import { EXTENSIONS, type Fill, resolveComponent } from '@vendor-contracts/spec-model';
import { listOperations, requestBodyOf } from '../spec.js';
import type { JsonSchema } from './zod.js';

type OperationFill = Extract<Fill, { in: 'operation' }>;
type VendorFill = Extract<Fill, { in: 'vendor' }>;

/** Each extension that fills a definition field, with its declaration (tools/spec-model is the one place this is said). */
const FILLS = EXTENSIONS.flatMap((e) => (e.fills === 'docs-only' ? [] : e.fills.map((fill) => ({ name: e.name, where: e.where as readonly string[], fill }))));
const OPERATION_FILLS = FILLS.filter((f): f is typeof f & { fill: OperationFill } => f.fill.in === 'operation');
const VENDOR_FILLS = FILLS.filter((f): f is typeof f & { fill: VendorFill } => f.fill.in === 'vendor');

/** Field order in the generated literals (stable diffs); a new extension's field follows these. */
const OPERATION_FIELD_ORDER = [
  'operationId',
  'method',
  'path',
  'summary',
  'security',
  'apiVersions',
  'idempotent',
  'bodyMediaType',
  'credentials',
  'vendorError',
  'errorFields',
  'responseVendorErrors',
];
const VENDOR_FIELD_ORDER = ['vendor', 'title', 'version', 'servers', 'securitySchemes', 'rateLimit', 'publishedWords'];

/** HTTP methods that are idempotent by their semantics; others need `x-idempotent: true`. */
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

function ordered(entry: Record<string, unknown>, order: readonly string[]): Array<[string, unknown]> {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(entry)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b));
}

export function emitOperations(doc: JsonSchema, vendor: string): string {
  const lines: string[] = [
    `import type { OperationSchemas, VendorDefinition } from '@vendor-contracts/runtime';`,
    `import * as k from './checks.js';`,
    '',
    '/**',
    " * An operation's zod schemas, loaded on demand: the compiled checks (checks.ts) decide every call,",
    ' * so bundlers split zod and schemas.ts off into a chunk fetched only when zod is needed.',
    ' */',
    'const zod = (id: string) => (): Promise<OperationSchemas> =>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the emitted code's own template literals
    "  import('./schemas.js').then((s: Record<string, any>) => ({ request: s[`${id}Request`], responses: s[`${id}Responses`], strictResponses: s[`${id}ResponsesStrict`] }));",
    '',
    `/** Every operation of ${doc.info?.title ?? vendor}, by operationId. */`,
    'export const operations = {',
  ];
  const rootSecurity = doc.security ?? [];
  for (const op of listOperations(doc)) {
    const o = op.operation;
    const body = requestBodyOf(o);
    const entry: Record<string, unknown> = {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: o.summary,
      security: o.security ?? rootSecurity,
      bodyMediaType: body?.mediaType,
    };
    for (const { name, where, fill } of OPERATION_FILLS) {
      if (fill.from === 'operation') entry[fill.field] = o[name] ?? (where.includes('root') ? doc[name] : undefined);
      else if (fill.from === 'response') {
        entry[fill.field] = Object.fromEntries(
          Object.entries<JsonSchema>(o.responses ?? {})
            .filter(([, r]) => r[name])
            .map(([status, r]) => [status, r[name]]),
        );
      } else {
        entry[fill.field] = [
          ...op.parameters.filter((p) => p[name]).map((p) => ({ in: p.in, name: p.name, credential: p[name] })),
          ...bodyCredentials(doc, body?.schema ?? {}, `${op.method.toUpperCase()} ${op.path} request body`, name),
        ];
      }
    }
    entry.idempotent ??= IDEMPOTENT_METHODS.includes(op.method.toUpperCase());
    const literal = ordered(entry, OPERATION_FIELD_ORDER).map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`);
    lines.push(`  ${op.operationId}: {`, ...literal, `    schemas: zod(${JSON.stringify(op.operationId)}),`, `    checks: k.${op.operationId}Checks,`, '  },');
  }
  lines.push('} as const;', '');

  const definition: Record<string, unknown> = {
    vendor,
    title: doc.info?.title,
    version: doc.info?.version,
    securitySchemes: withoutExtensions(doc.components?.securitySchemes ?? {}),
    publishedWords: publishedWords(doc),
  };
  for (const { name, fill } of VENDOR_FILLS) {
    definition[fill.field] =
      fill.from === 'root'
        ? doc[name]
        : // Servers by the name the extension gives each one (`server<index>` when it gives none).
          Object.fromEntries((doc.servers ?? []).map((srv: JsonSchema, i: number) => [srv[name] ?? `server${i}`, serverUrl(srv)]));
  }
  lines.push(
    `/** Vendor-wide facts from the spec: servers by environment, security schemes, rate limit, published words. */`,
    `export const definition = {`,
    ...ordered(definition, VENDOR_FIELD_ORDER).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`),
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
    for (const c of bodyCredentials(doc, body?.schema ?? {}, `${op.method.toUpperCase()} ${op.path} request body`, 'x-credential')) names.add(c.name);
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
  return Object.fromEntries(Object.entries(schemes).map(([name, scheme]) => [name, Object.fromEntries(Object.entries(scheme).filter(([k]) => !k.startsWith('x-')))]));
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
function bodyCredentials(doc: JsonSchema, schema: JsonSchema, where: string, ext: string): { in: 'body'; name: string; credential: string }[] {
  const s = resolveComponent(doc, schema, 'schemas');
  const found = Object.entries<JsonSchema>(s.properties ?? {}).flatMap(([name, p]) => {
    const prop = resolveComponent(doc, p, 'schemas');
    if (p[ext] ?? prop[ext]) return [{ in: 'body' as const, name, credential: p[ext] ?? prop[ext] }];
    if (JSON.stringify(p).includes(`"${ext}"`)) throw new Error(`${where}: ${ext} inside "${name}" is nested; only top-level body fields can be filled`);
    return [];
  });
  for (const part of s.allOf ?? []) found.push(...bodyCredentials(doc, part, where, ext));
  const branches: JsonSchema[] = s.oneOf ?? s.anyOf ?? [];
  if (branches.length) {
    const each = branches.map((b) => bodyCredentials(doc, b, where, ext));
    const key = (list: object[]) => JSON.stringify(list);
    if (each.some((c) => key(c) !== key(each[0]!))) throw new Error(`${where}: every oneOf/anyOf branch must declare the same ${ext} fields`);
    found.push(...each[0]!);
  }
  return found;
}
