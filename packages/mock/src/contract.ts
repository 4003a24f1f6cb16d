/**
 * A vendor's contract as the mock needs it: where the installed vendor package keeps its shipped
 * spec, and, from that spec, each operation's method and path template (to tell which operation a
 * request was), its documented response statuses and their named examples.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ContractOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/job/{connect_id}`. */
  path: string;
  /** Documented response statuses (`200`, `404`, `4XX`, `default`) → their named examples (JSON bodies). */
  responses: Record<string, Record<string, unknown>>;
}

export interface Contract {
  vendor: string;
  /** The spec file this was read from. */
  specFile: string;
  document: Record<string, any>;
  operations: ContractOperation[];
  /** The operation a request is for (method + path after the base URL), if any. */
  match(method: string, pathname: string): ContractOperation | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * `@vendor-contracts/<vendor>/openapi.yaml` as installed: resolved from the current project first
 * (the consumer's node_modules), then from this package's own location.
 */
export function resolveVendorSpec(vendor: string, from: string = process.cwd()): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(vendor)) throw new Error(`@vendor-contracts/mock: "${vendor}" is not a vendor name (expected e.g. tmt-first)`);
  const id = `@vendor-contracts/${vendor}/openapi.yaml`;
  for (const base of [join(from, 'package.json'), import.meta.url]) {
    try {
      return createRequire(base).resolve(id);
    } catch {
      // try the next place
    }
  }
  throw new Error(`@vendor-contracts/mock: cannot find ${id}; install @vendor-contracts/${vendor} (the mock serves the spec the vendor package ships)`);
}

export function loadContract(vendor: string, specFile: string): Contract {
  if (!existsSync(specFile)) throw new Error(`@vendor-contracts/mock: ${vendor}: no spec at ${specFile}`);
  let document: Record<string, any>;
  try {
    document = parse(readFileSync(specFile, 'utf8')) as Record<string, any>;
  } catch (error) {
    throw new Error(`@vendor-contracts/mock: ${vendor}: cannot read the spec ${specFile}: ${(error as Error).message}`);
  }
  const operations: ContractOperation[] = [];
  const matchers: Array<{ method: string; pattern: RegExp; op: ContractOperation; literal: number }> = [];
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    for (const method of METHODS) {
      const o = item?.[method];
      if (!o?.operationId) continue;
      const responses: ContractOperation['responses'] = {};
      for (const [status, raw] of Object.entries<any>(o.responses ?? {})) responses[status] = namedExamples(document, resolveRef(document, raw));
      const op = { operationId: o.operationId as string, method: method.toUpperCase(), path, responses };
      operations.push(op);
      const pattern = new RegExp(
        `^${path
          .split(/\{[^}]+\}/)
          .map(escapeRegExp)
          .join('[^/]+')}/?$`,
      );
      matchers.push({ method: op.method, pattern, op, literal: path.replace(/\{[^}]+\}/g, '').length });
    }
  }
  // A literal segment beats a template one (`/jobs/mine` before `/jobs/{id}`).
  matchers.sort((a, b) => b.literal - a.literal);
  operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
  const basePaths = serverPaths(document);
  return {
    vendor,
    specFile,
    document,
    operations,
    match(method, pathname) {
      const upper = method.toUpperCase();
      for (const candidate of [pathname, ...basePaths.filter((b) => pathname.startsWith(b)).map((b) => pathname.slice(b.length) || '/')]) {
        const hit = matchers.find((m) => m.method === upper && m.pattern.test(candidate));
        if (hit) return hit.op;
      }
      return undefined;
    },
  };
}

/** The path part of each server URL (`https://h/api/v1` → `/api/v1`): Prism serves the paths without it, a proxy may not. */
function serverPaths(document: Record<string, any>): string[] {
  const out: string[] = [];
  for (const server of document.servers ?? []) {
    const url = String(server?.url ?? '').replace(/\{([^}]+)\}/g, (_, n: string) => server.variables?.[n]?.default ?? '');
    try {
      const path = new URL(url, 'http://base').pathname.replace(/\/+$/, '');
      if (path) out.push(path);
    } catch {
      // a server URL we cannot parse has no base path to strip
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Follows local `$ref`s (`#/components/…`, RFC 6901 escapes) to what they point at; undefined when dangling. */
export function resolveRef(document: Record<string, any>, value: any): any {
  for (let i = 0; value?.$ref && i < 32; i++) {
    const ref = String(value.$ref);
    value = ref.startsWith('#/')
      ? ref
          .slice(2)
          .split('/')
          .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document)
      : undefined;
  }
  return value;
}

/** A response's named JSON examples (`examples: {name: {value}}`; a lone `example` is named `example`). */
function namedExamples(document: Record<string, any>, response: any): Record<string, unknown> {
  const content = response?.content ?? {};
  const key = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json')) ?? Object.keys(content)[0];
  const media = key ? content[key] : undefined;
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries<any>(media?.examples ?? {})) {
    const example = resolveRef(document, raw);
    if (example && 'value' in example) out[name] = example.value;
  }
  if (Object.keys(out).length === 0 && media?.example !== undefined) out.example = media.example;
  return out;
}
