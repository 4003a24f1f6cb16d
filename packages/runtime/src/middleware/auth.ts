/**
 * Authenticates `client.raw`: the openapi-fetch client callers use for what the methods do not
 * cover. Its placement is the engine's (`call/credentials.ts`), found by the request's route. The
 * engine's own calls do not come through here: they hand the placement to openapi-fetch as
 * parameters, so the Request it builds already carries it.
 *
 * Headers are set on the Request openapi-fetch built (its headers are mutable, and nothing is
 * rebuilt); only an apiKey in the query needs a new URL, and so a new Request, whose body is
 * passed as bytes: a body re-sent as a stream (`duplex: 'half'`) is refused by Chromium over HTTP/1.1.
 */
import type { Middleware } from 'openapi-fetch';
import type { VendorDefinition } from '../definition.js';
import type { Credential } from '../options.js';
import { type AuthPlan, authPlans } from '../call/credentials.js';

export function authMiddleware(definition: VendorDefinition, credentials: Readonly<Record<string, Credential>>): Middleware {
  const plans = authPlans(definition, credentials);
  const byRoute = new Map<string, AuthPlan>();
  for (const op of Object.values(definition.operations)) byRoute.set(`${op.method} ${op.path}`, plans.get(op.operationId)!);

  return {
    async onRequest({ request, schemaPath }) {
      const plan = byRoute.get(`${request.method} ${schemaPath}`);
      if (!plan) return undefined;
      const placement = plan.fixed ?? (await plan.place());
      for (const [name, value] of Object.entries(placement.headers ?? {})) request.headers.set(name, value);
      if (!placement.query) return undefined;
      const url = new URL(request.url);
      for (const [name, value] of Object.entries(placement.query)) url.searchParams.set(name, value);
      return new Request(url, {
        method: request.method,
        headers: request.headers,
        body: request.body ? await request.arrayBuffer() : undefined,
        signal: request.signal,
        redirect: request.redirect,
      });
    },
  };
}
