/**
 * Applies credentials the way each operation's security requirement asks (apiKey in a header or
 * the query, HTTP bearer/basic). Runs as openapi-fetch middleware so `client.raw` calls are
 * authenticated too. Token acquisition (OAuth2 password grant) plugs in as a `Credential` function.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware } from 'openapi-fetch';
import type { OperationDefinition, SecurityScheme, VendorDefinition } from '../definition.js';
import type { Credential } from '../options.js';
import { base64 } from '../internal/base64.js';

/** A credential an attempt was sent with, so the engine can renew exactly that token after a 401. */
export interface UsedCredential {
  name: string;
  value: string;
  credential: Credential;
  /** The header value that carried it (`Bearer <token>`), so that form is scrubbed too. */
  header?: string;
}

/** What one attempt's middleware leaves for the engine. */
export interface AttemptRecord {
  /** The credentials the attempt was sent with. */
  credentials: UsedCredential[];
  /**
   * Requests rebuilt here, held until the attempt ends. A rebuilt Request's signal follows the
   * original one only through a weak reference; once fetch has copied it, nothing else holds it,
   * and if it is garbage-collected the attempt's timeout no longer aborts the request (seen with
   * POSTs left hanging by a server: fetch never rejected).
   */
  retained: object[];
}

/**
 * The current attempt's record. The engine runs each attempt inside `run(record)`; the
 * middleware appends to it. AsyncLocalStorage because openapi-fetch gives middleware no
 * per-request slot of ours, and concurrent calls share one middleware.
 */
export const attemptRecord = new AsyncLocalStorage<AttemptRecord>();

export function authMiddleware(definition: VendorDefinition, credentials: Record<string, Credential>): Middleware {
  const byRoute = new Map<string, OperationDefinition>();
  for (const op of Object.values(definition.operations)) byRoute.set(`${op.method} ${op.path}`, op);

  return {
    async onRequest({ request, schemaPath }) {
      const op = byRoute.get(`${request.method} ${schemaPath}`);
      if (!op) return undefined;
      // The first requirement whose every scheme has a credential wins (OpenAPI: any one suffices).
      const requirement = op.security.find((req) => Object.keys(req).every((name) => credentials[name] !== undefined));
      if (!requirement) return undefined;
      let url: URL | undefined;
      const headers = new Headers(request.headers);
      for (const name of Object.keys(requirement)) {
        const scheme = definition.securitySchemes[name];
        const credential = credentials[name]!;
        const value = await resolveCredential(credential);
        const used: UsedCredential = { name, value, credential };
        attemptRecord.getStore()?.credentials.push(used);
        if (!scheme) continue;
        if (scheme.type === 'apiKey' && scheme.in === 'query') {
          url ??= new URL(request.url);
          url.searchParams.set(scheme.name, value);
        } else {
          const [header, headerValue] = headerFor(scheme, value);
          used.header = headerValue;
          headers.set(header, headerValue);
        }
      }
      const rebuilt = new Request(url ?? request.url, { ...requestInit(request), headers });
      attemptRecord.getStore()?.retained.push(request, rebuilt, rebuilt.signal);
      return rebuilt;
    },
  };
}

export async function resolveCredential(credential: Credential): Promise<string> {
  return typeof credential === 'function' ? await credential() : credential;
}

function headerFor(scheme: SecurityScheme, value: string): [string, string] {
  switch (scheme.type) {
    case 'apiKey':
      if (scheme.in === 'cookie') return ['Cookie', `${scheme.name}=${encodeURIComponent(value)}`];
      return [scheme.name, value];
    case 'http':
      if (scheme.scheme.toLowerCase() === 'basic') return ['Authorization', `Basic ${base64(value)}`];
      return ['Authorization', `Bearer ${value}`];
    case 'oauth2':
    case 'openIdConnect':
      return ['Authorization', `Bearer ${value}`];
    default:
      throw new Error(`security scheme type "${scheme.type}" is not supported`);
  }
}

/** Everything needed to rebuild a Request with new headers or URL (body stream included). */
function requestInit(request: Request): RequestInit & { duplex?: 'half' } {
  return {
    method: request.method,
    body: request.body,
    signal: request.signal,
    redirect: request.redirect,
    ...(request.body ? { duplex: 'half' as const } : {}),
  };
}
