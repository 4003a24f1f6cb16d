/**
 * The local mock every runtime calls: a `node:http` server on 127.0.0.1 answering each vendor's
 * spec examples, with CORS headers so a browser page on another origin may call it.
 *
 * URL layout: `/<vendor>/<scenario>/<path of the spec>`. Scenarios:
 * - `ok`: the first example of the operation's first 2xx response;
 * - `example-<status>-<name>`: the named example of that status (what Prism's `Prefer` does);
 * - `flaky-<id>`: the first request of each id gets 503 with `retry-after-ms: 1`, later ones `ok`;
 * - `slow`: `ok` after 5 s (or never, when the client gives up first);
 * - `never`: 500 to anything (a request that should not have been sent).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Operation {
  method: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> }> }>;
}

interface Spec {
  operations: Operation[];
  examples: Record<string, { value?: unknown }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SLOW_MS = 5_000;

/** Every vendor's operations and examples, read from `specs/<vendor>/openapi.yaml`. */
export function loadSpecs(specsDir: string): Map<string, Spec> {
  const specs = new Map<string, Spec>();
  for (const vendor of readdirSync(specsDir, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    const doc = parse(readFileSync(join(specsDir, vendor.name, 'openapi.yaml'), 'utf8'), { maxAliasCount: -1 }) as {
      paths: Record<string, Record<string, Operation['responses'] | unknown>>;
      components?: { examples?: Spec['examples'] };
    };
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of METHODS) {
        const op = item[method] as { responses?: Operation['responses'] } | undefined;
        if (op?.responses) operations.push({ method: method.toUpperCase(), pattern, responses: op.responses });
      }
    }
    specs.set(vendor.name, { operations, examples: doc.components?.examples ?? {} });
  }
  return specs;
}

/** The body of `status`'s example `name` (the first one when no name), or undefined. */
function exampleOf(spec: Spec, op: Operation, status: string, name?: string): { found: boolean; body?: unknown } {
  const media = op.responses[status]?.content?.['application/json'];
  if (!media) return { found: op.responses[status] !== undefined };
  if (media.examples) {
    const entry = name ? media.examples[name] : Object.values(media.examples)[0];
    if (!entry) return { found: false };
    const value = entry.$ref ? spec.examples[entry.$ref.split('/').pop()!]?.value : entry.value;
    return { found: true, body: value };
  }
  if (name) return { found: false };
  return { found: media.example !== undefined, body: media.example };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
  // `*` does not cover Authorization, so echo what the preflight asks for.
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
  res.setHeader('access-control-expose-headers', '*');
}

export interface MockServer {
  url: string;
  /** How many requests reached an operation (not preflights), per vendor. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

export async function startMock(specsDir: string): Promise<MockServer> {
  const specs = loadSpecs(specsDir);
  const flakySeen = new Set<string>();
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    cors(req, res);
    if (req.method === 'OPTIONS') return send(res, 204, undefined);
    req.resume(); // bodies are not checked: the clients validate before sending
    const url = new URL(req.url ?? '/', 'http://mock');
    const [, vendor = '', scenario = '', ...rest] = url.pathname.split('/');
    const spec = specs.get(vendor);
    const path = `/${rest.join('/')}`;
    const op = spec?.operations.find((o) => o.method === req.method && o.pattern.test(path));
    if (!spec || !op) return send(res, 404, { mock: `no operation ${req.method} ${path} for vendor '${vendor}'` });
    requests.set(vendor, (requests.get(vendor) ?? 0) + 1);
    if (scenario === 'never') return send(res, 500, { mock: 'this request should not have been sent' });
    if (scenario.startsWith('flaky-') && !flakySeen.has(scenario)) {
      flakySeen.add(scenario);
      return send(res, 503, undefined, { 'retry-after-ms': '1' });
    }
    let status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s)) ?? '200';
    let name: string | undefined;
    const named = /^example-(\d{3})-(.+)$/.exec(scenario);
    if (named) [, status = '', name] = named;
    const example = exampleOf(spec, op, status, name);
    if (!example.found) return send(res, 404, { mock: `no example ${status} ${name ?? ''} for ${req.method} ${path}` });
    const answer = () => send(res, Number(status), example.body);
    if (scenario !== 'slow') return answer();
    const timer = setTimeout(answer, SLOW_MS);
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('mock: no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
