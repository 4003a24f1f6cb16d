/**
 * Totalmobile's authentication quirks, kept out of the runtime:
 *
 * - the OAuth2 password grant: the token comes from the API's own `POST /token` operation on the
 *   same base URL (`getToken`, `security: []`), so it is fetched through the client itself
 *   (validated, typed, same fetch/timeout/hooks) and shared by every call via `cachedToken`;
 * - a failed grant surfaces as `TokenAcquisitionError`, to callers and to `hooks.onError`; a
 *   rejected grant (4xx, e.g. `invalid_grant`) starts a 30 s cooldown in which no new `/token`
 *   request is made; a 401 from a vendor call renews the token once (the engine does that);
 * - the username and password never appear in what a failed grant throws, even when the token
 *   endpoint echoes them back.
 */
import {
  type AcquiredToken,
  ApiError,
  type ApiErrorInit,
  type CachedToken,
  type CallInput,
  cachedToken,
  type ClientHooks,
  ConnectionError,
  type RequestOptions,
  ResponseContractError,
  TokenAcquisitionError,
  type TokenStore,
} from '@vendor-contracts/runtime';

/** What `acquire` needs from the client: its own `getToken` operation. */
export interface TokenOperation {
  getToken(input: { body: { grant_type: 'password' } }): Promise<{ access_token: string; expires_in: number }>;
}

/**
 * A shared, single-flight bearer token for the password grant. `client()` is read lazily because the
 * token function must exist before the client that uses it (as its `oauth2` credential) is built.
 */
export interface PasswordGrantSharing {
  /** The client's monotonic clock, so expiry, renewal and the cooldown after a rejected grant follow it. */
  monotonicNow?: () => number;
  /** Shares the token between processes (the client option `tokenStore`). */
  store?: TokenStore;
  /** The account's identity in the store: base URL + username, hashed (never the password). */
  storeKey?: () => Promise<string>;
  onStoreError?: (operation: string, error: unknown) => void;
}

export function passwordGrantToken(client: () => TokenOperation, secrets: readonly string[], vendor: string, sharing: PasswordGrantSharing = {}): CachedToken {
  return cachedToken({
    vendor,
    ...(sharing.monotonicNow ? { monotonicNow: sharing.monotonicNow } : {}),
    ...(sharing.store ? { store: sharing.store, storeKey: sharing.storeKey, onStoreError: sharing.onStoreError } : {}),
    async acquire(): Promise<AcquiredToken> {
      try {
        // username and password are `x-credential` fields: the engine fills them from `credentials`.
        const token = await client().getToken({ body: { grant_type: 'password' } });
        // A missing or non-numeric lifetime becomes NaN: the token is used once, never cached.
        return { accessToken: token.access_token, expiresIn: typeof token.expires_in === 'number' ? token.expires_in : Number.NaN };
      } catch (error) {
        throw withoutSecrets(error, secrets);
      }
    },
  });
}

/**
 * The same error with every occurrence of a secret replaced by `[redacted]` in its message and
 * body. The token endpoint's answer (OAuth2 `error_description`, `user_name`) may quote the
 * username; the cached-token error repeats the cause's message.
 */
export function withoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  const present = secrets.filter((s) => s.length > 0);
  const leaks = (value: unknown) => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    return present.some((s) => text.includes(s));
  };
  const scrub = <T>(value: T): T => {
    if (typeof value === 'string') return present.reduce<string>((t, s) => t.split(s).join('[redacted]'), value) as T;
    if (Array.isArray(value)) return value.map(scrub) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrub(v)])) as T;
    return value;
  };
  if (error instanceof ApiError && (leaks(error.message) || leaks(error.body) || leaks(error.headers))) {
    const Class = error.constructor as new (init: ApiErrorInit, message?: string) => ApiError;
    const init: ApiErrorInit = {
      vendor: error.vendor,
      operationId: error.operationId,
      status: error.status,
      headers: new Headers(scrub(error.headers)),
      body: scrub(error.body),
      bodyMatchesSpec: error.bodyMatchesSpec,
      ...(error.code === undefined ? {} : { code: scrub(error.code) }),
    };
    return new Class(init, scrub(error.message));
  }
  if (error instanceof ResponseContractError && (leaks(error.message) || leaks(error.body))) {
    return new ResponseContractError({
      vendor: error.vendor,
      operationId: error.operationId,
      status: error.status,
      issues: scrub(error.issues),
      body: scrub(error.body),
    });
  }
  return error;
}

type Method = (input?: CallInput, options?: RequestOptions) => Promise<unknown>;

/** The `TokenAcquisitionError` an engine error stands for, if it is a failed grant. */
export function tokenFailureOf(error: unknown): TokenAcquisitionError | undefined {
  if (error instanceof TokenAcquisitionError) return error;
  return error instanceof ConnectionError && error.cause instanceof TokenAcquisitionError ? error.cause : undefined;
}

/**
 * The engine resolves the token inside its auth middleware, after validating the request (so an
 * invalid call sends nothing, not even `/token`), and reports anything thrown there as a
 * `ConnectionError` whose `cause` is the real error. A failed grant is not a connection problem:
 * these two wrappers hand callers and `hooks.onError` the `TokenAcquisitionError` itself.
 */
export function hooksSeeingTokenFailures(hooks: ClientHooks | undefined): ClientHooks | undefined {
  const onError = hooks?.onError;
  if (!onError) return hooks;
  return { ...hooks, onError: (event) => onError.call(hooks, { ...event, error: tokenFailureOf(event.error) ?? event.error }) };
}

/** See `hooksSeeingTokenFailures`: every operation method and `call` rethrow a failed grant as itself. */
export function callsRejectingWithTokenFailures<C extends object>(client: C, operationIds: readonly string[]): C {
  const methods = client as unknown as Record<string, Method>;
  const rethrow = (error: unknown): never => {
    throw tokenFailureOf(error) ?? error;
  };
  for (const id of [...operationIds, 'call']) {
    const method = methods[id];
    if (typeof method !== 'function') continue;
    methods[id] = (...args: unknown[]) => (method as (...a: unknown[]) => Promise<unknown>)(...args).catch(rethrow);
  }
  return client;
}
