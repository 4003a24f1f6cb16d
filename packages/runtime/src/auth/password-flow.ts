/**
 * The OAuth2 resource-owner password flow, read from the spec: a security scheme with
 * `flows.password.tokenUrl` gets its bearer token from the vendor's token operation (the spec's
 * operation at that path), called through the client itself, so the grant is validated, typed,
 * timed out and hooked like any call, and its failures are `TokenAcquisitionError`s. The token is
 * a `cachedToken`: fetched once, shared (also through `tokenStore`), renewed before expiry and
 * once after a 401, with a cooldown after a rejected grant.
 *
 * A vendor gets it by configuration: `credentials: { username, password }` (the names OAuth2
 * gives the grant's fields). A credential given for the scheme itself (a token, or a function
 * returning one) wins; the flow is then not used.
 */
import type { OperationDefinition, VendorDefinition } from '../definition.js';
import { ConfigError } from '../errors.js';
import { credentialKey } from '../limits/credential-key.js';
import type { ClientOptions, Credential } from '../options.js';
import { type CachedToken, cachedToken } from './cached-token.js';

/** The flow of one scheme: its name and the spec operation its tokenUrl names. */
export interface PasswordFlow {
  readonly scheme: string;
  readonly tokenOperation: OperationDefinition;
}

/** Calls an operation of the client being built (its `call`). */
type Call = (operationId: string, input: { body: Record<string, unknown> }) => Promise<unknown>;

/** The client a password flow fetches its token through (read lazily). */
export type PasswordFlowClient = () => { baseUrl: string; call: Call };

/**
 * Every scheme of `definition` with a password flow, paired with its token operation: the POST
 * whose path is the flow's `tokenUrl`. A relative tokenUrl is relative to the server URL, as an
 * operation path is (an absolute one must name one of the spec's servers).
 */
export function passwordFlows(definition: VendorDefinition): PasswordFlow[] {
  const flows: PasswordFlow[] = [];
  for (const [scheme, declared] of Object.entries(definition.securitySchemes)) {
    if (declared.type !== 'oauth2') continue;
    const tokenUrl = (declared.flows.password as { tokenUrl?: unknown } | undefined)?.tokenUrl;
    if (typeof tokenUrl !== 'string') continue;
    const path = relativeToServers(definition, tokenUrl);
    const tokenOperation = Object.values(definition.operations).find((op) => op.method === 'POST' && op.path === path);
    if (!tokenOperation) {
      throw new ConfigError(`${definition.vendor}: the password flow of "${scheme}" needs its tokenUrl (${tokenUrl}) declared as a POST operation of the spec`, {
        vendor: definition.vendor,
      });
    }
    flows.push({ scheme, tokenOperation });
  }
  return flows;
}

/**
 * `credentials` with a password-flow token added for each scheme that has a flow, no credential
 * of its own, and `username` and `password` credentials. `call` is read lazily: the token
 * function exists before the client that uses it.
 */
export function withPasswordFlowTokens(
  definition: VendorDefinition,
  credentials: Record<string, Credential>,
  options: Pick<ClientOptions, 'monotonicNow' | 'tokenStore' | 'hooks'>,
  client: PasswordFlowClient,
): Record<string, Credential> {
  const { username, password } = credentials;
  if (typeof username !== 'string' || typeof password !== 'string') return credentials;
  const flows = passwordFlows(definition).filter((flow) => credentials[flow.scheme] === undefined);
  if (flows.length === 0) return credentials;
  const added: Record<string, Credential> = {};
  for (const flow of flows) added[flow.scheme] = passwordFlowToken(definition, flow, username, password, options, client);
  return { ...credentials, ...added };
}

function passwordFlowToken(
  definition: VendorDefinition,
  flow: PasswordFlow,
  username: string,
  password: string,
  options: Pick<ClientOptions, 'monotonicNow' | 'tokenStore' | 'hooks'>,
  client: PasswordFlowClient,
): CachedToken {
  const vendor = definition.vendor;
  return cachedToken({
    vendor,
    ...(options.monotonicNow ? { monotonicNow: options.monotonicNow } : {}),
    ...(options.tokenStore
      ? {
          store: options.tokenStore,
          // The account's identity: base URL + username, hashed (never the password).
          storeKey: () => credentialKey('token', vendor, [client().baseUrl, username]),
          onStoreError: (operation: string, error: unknown) => options.hooks?.onStoreError?.({ vendor, store: 'token', operation, error, fallback: 'local' }),
        }
      : {}),
    async acquire() {
      // RFC 6749 §4.3.2: grant_type=password, username, password (fields the spec may also mark
      // `x-credential`; the engine then fills the same values).
      const token = (await client().call(flow.tokenOperation.operationId, { body: { grant_type: 'password', username, password } })) as {
        access_token?: unknown;
        expires_in?: unknown;
      };
      // The token operation's response schema checks these when response validation is on.
      if (typeof token?.access_token !== 'string') throw new Error(`${vendor}.${flow.tokenOperation.operationId} answered without an access_token`);
      // A missing or non-numeric lifetime becomes NaN: the token is used once, never cached.
      return { accessToken: token.access_token, expiresIn: typeof token.expires_in === 'number' ? token.expires_in : Number.NaN };
    },
  });
}

/** A tokenUrl as an operation path: itself when relative, else its path below the server it names. */
function relativeToServers(definition: VendorDefinition, tokenUrl: string): string {
  if (tokenUrl.startsWith('/')) return tokenUrl;
  for (const server of Object.values(definition.servers)) {
    const base = server.replace(/\/+$/, '');
    if (tokenUrl.startsWith(`${base}/`)) return tokenUrl.slice(base.length);
  }
  return tokenUrl;
}
