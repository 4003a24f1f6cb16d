/**
 * Credential stage: what each operation's security requirement sends and where (apiKey in a
 * header, the query or a cookie; HTTP bearer/basic; OAuth2/OpenID bearer tokens).
 *
 * Planned once per operation at client creation: a requirement whose credentials are all strings
 * is placed then, once, and every call reuses that placement. A credential function (a token) is
 * resolved per attempt, so a renewed token is picked up by the next attempt. The engine hands the
 * placement to openapi-fetch as parameters, so the one Request openapi-fetch builds already
 * carries it (nothing is rebuilt, no body is re-sent as a stream). `client.raw` gets the same
 * placement through `middleware/auth.ts`.
 */
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

/** Where an attempt's credentials go: header and query entries, and what was used. */
export interface Placement {
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly query: Readonly<Record<string, string>> | undefined;
  readonly used: readonly UsedCredential[];
}

/** How one operation is authenticated. */
export interface AuthPlan {
  /** The placement, when every credential it needs is a string: computed once, shared by every call. */
  readonly fixed: Placement | undefined;
  /** The placement for one attempt (credential functions called now). */
  place(): Promise<Placement>;
}

const NONE: Placement = Object.freeze({ headers: undefined, query: undefined, used: Object.freeze([]) as readonly UsedCredential[] });
const UNAUTHENTICATED: AuthPlan = { fixed: NONE, place: async () => NONE };

/** One plan per operation id. */
export function authPlans(definition: VendorDefinition, credentials: Readonly<Record<string, Credential>>): Map<string, AuthPlan> {
  const plans = new Map<string, AuthPlan>();
  for (const op of Object.values(definition.operations)) plans.set(op.operationId, authPlan(definition, op, credentials));
  return plans;
}

export function authPlan(definition: VendorDefinition, op: OperationDefinition, credentials: Readonly<Record<string, Credential>>): AuthPlan {
  // The first requirement whose every scheme has a credential wins (OpenAPI: any one suffices).
  const requirement = op.security.find((req) => Object.keys(req).every((name) => credentialFor(name, credentials) !== undefined));
  if (!requirement) return UNAUTHENTICATED;
  const entries = Object.keys(requirement).map((name) => ({ name, scheme: definition.securitySchemes[name], credential: credentialFor(name, credentials)! }));
  const place = async (): Promise<Placement> => placement(await Promise.all(entries.map(async (e) => ({ ...e, value: await resolveCredential(e.credential) }))));
  const fixed = entries.every((e) => typeof e.credential === 'string') ? fixedPlacement(entries.map((e) => ({ ...e, value: e.credential as string }))) : undefined;
  return { fixed, place: fixed ? async () => fixed : place };
}

/**
 * The credential configured for a security scheme. A credential the spec itself describes how to
 * obtain (an OAuth2 password flow from the scheme's `flows.password`) would be derived here, as a
 * credential function, so every stage after this one treats it like any other token.
 */
function credentialFor(name: string, credentials: Readonly<Record<string, Credential>>): Credential | undefined {
  return credentials[name];
}

export async function resolveCredential(credential: Credential): Promise<string> {
  return typeof credential === 'function' ? await credential() : credential;
}

/** A placement of strings only; undefined when it cannot be made (an unsupported scheme fails each call instead, before sending). */
function fixedPlacement(entries: Parameters<typeof placement>[0]): Placement | undefined {
  try {
    return placement(entries);
  } catch {
    return undefined;
  }
}

function placement(entries: ReadonlyArray<{ name: string; scheme: SecurityScheme | undefined; credential: Credential; value: string }>): Placement {
  let headers: Record<string, string> | undefined;
  let query: Record<string, string> | undefined;
  const used: UsedCredential[] = [];
  for (const { name, scheme, credential, value } of entries) {
    const u: UsedCredential = { name, value, credential };
    used.push(u);
    if (!scheme) continue;
    if (scheme.type === 'apiKey' && scheme.in === 'query') {
      (query ??= {})[scheme.name] = value;
    } else {
      const [header, headerValue] = headerFor(scheme, value);
      u.header = headerValue;
      (headers ??= {})[header] = headerValue;
    }
  }
  return Object.freeze({ headers, query, used });
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

/** Credentials the engine can renew once after a 401: those whose function has `invalidate` (`cachedToken`). */
export function renewable(used: readonly UsedCredential[]): Array<{ invalidate(rejected: string): void; value: string }> {
  const out: Array<{ invalidate(rejected: string): void; value: string }> = [];
  for (const u of used) {
    const invalidate = typeof u.credential === 'function' ? (u.credential as { invalidate?: unknown }).invalidate : undefined;
    if (typeof invalidate === 'function') out.push({ invalidate: (rejected) => (invalidate as (r: string) => void).call(u.credential, rejected), value: u.value });
  }
  return out;
}
