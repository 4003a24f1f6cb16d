/**
 * The engine every vendor package shares: one openapi-fetch client plus, per call, request
 * validation → send (with timeout and abort) → response validation → typed result or typed error.
 *
 * Order of work for one call (each step's reason in its comment):
 *   1. fill `x-credential` fields   so callers never pass api keys per call
 *   2. validate the request          so a bad call throws before any byte is sent
 *      and check it can be built     path segments, URL and header text (`request-build.ts`), spec or not
 *   3. send through openapi-fetch    auth middleware, then user middleware
 *   4. parse + classify the answer   typed errors by status, `x-vendor-error` in 2xx bodies
 *   5. validate a 2xx body           tolerant of new fields (reported), strict on the rest
 * `send()` is the single place requests leave the client: there each attempt waits for a
 * concurrency slot (`maxConcurrency`) and the rate limiter (`x-rate-limit`, counted in the
 * `rateLimitStore`); failed attempts are retried as `retry/classify.ts` decides and the retry
 * budget allows, a 401 renews a cached token once, and one deadline bounds the whole
 * call. Redirects are never followed, bodies are read up to `maxResponseBytes`, and every
 * credential the client sent is scrubbed from errors (`redact.ts`) before a hook or caller sees them.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { ErrorFieldsRule, OperationDefinition, VendorDefinition, VendorErrorRule } from './definition.js';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConfigError,
  ConnectionError,
  RequestValidationError,
  ResponseContractError,
  ResponseFormatError,
  ResponseTooLargeError,
  TimeoutError,
  UnexpectedRedirectError,
  VendorContractsError,
  VendorError,
  excerpt,
  type FieldIssue,
} from './errors.js';
import { RetryBudget } from './retry/budget.js';
import { backoffDelay, causeCode, defaultClassify, type RetryContext, retryAfterMs, unreadableResponseCode } from './retry/classify.js';
import { ConcurrencyLimiter, ConcurrencyWaitExceedsDeadline } from './limits/concurrency.js';
import { credentialKey } from './limits/credential-key.js';
import { type Permit, RateLimiter, RateLimitWaitExceedsDeadline } from './limits/rate-limiter.js';
import { abortable, defaultSleep } from './limits/wait.js';
import { BodyLimitExceeded, bodyLimitMiddleware } from './middleware/body-limit.js';
import { attemptRecord, authMiddleware, resolveCredential, type AttemptRecord, type UsedCredential } from './middleware/auth.js';
import type { ClientOptions, Credential, RequestEvent, RequestOptions, RetryOptions } from './options.js';
import type { OperationMethods } from './types.js';
import { valueAtPointer as valueAt } from './pointer.js';
import { checkAgainst, dottedPath, jsonPointer, MAX_UNKNOWN_FIELD_POINTERS, unknownKeyPointers } from './validate.js';
import { SecretScrubber } from './redact.js';
import { headerOptionProblem, requestBuildIssues } from './request-build.js';
import { unwrapEnvelope } from './response/envelope.js';
import { withPasswordFlowTokens } from './auth/password-flow.js';

/** @default 60 s for one attempt, headers and body included */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** @default 120 s for a whole call: every attempt and wait */
export const DEFAULT_DEADLINE_MS = 120_000;
/** @default 2 retries after the first attempt */
export const DEFAULT_MAX_RETRIES = 2;
/** @default 10 MiB: the largest response body read */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** @default 16 attempts of one client in flight at once */
export const DEFAULT_MAX_CONCURRENCY = 16;
/** @default 60 s: the longest wait a Retry-After hint can cause */
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/** The input every operation method takes (typed per operation by `OperationInput`). */
export interface CallInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

export interface VendorEngine<Paths extends {}> {
  /** The vendor definition this client was built from (servers, operations, …). */
  readonly definition: VendorDefinition;
  /** The base URL in use. */
  readonly baseUrl: string;
  /** The underlying openapi-fetch client, authenticated, for anything the methods do not cover. */
  readonly raw: Client<Paths>;
  /** Call an operation by id (what each method does). */
  call(operationId: string, input?: CallInput, options?: RequestOptions): Promise<unknown>;
}

/** The engine plus one method per operation; `Envelope` is the `x-envelope` payload pointer, if the vendor declares one. */
export type VendorClient<Paths extends {}, Operations, Envelope extends string = ''> = VendorEngine<Paths> & OperationMethods<Operations, Envelope>;

export function createVendorClient<Paths extends {}, Operations, Envelope extends string = ''>(
  definition: VendorDefinition,
  options: ClientOptions = {},
): VendorClient<Paths, Operations, Envelope> {
  const vendor = definition.vendor;
  const baseUrl = resolveBaseUrl(definition, options);
  // Named in connection errors: where the client tried to connect, never the path or a query.
  const origin = originOf(baseUrl);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!(timeout > 0)) throw new ConfigError(`${vendor}: timeout must be a positive number of milliseconds`, { vendor });
  // A spec'd OAuth2 password flow turns `username`/`password` credentials into a bearer token (read lazily: `engine` is built below).
  const credentials: Record<string, Credential> = withPasswordFlowTokens(definition, options.credentials ?? {}, options, () => engine);
  const validateRequests = options.validateRequests ?? true;
  const validateResponses = options.validateResponses ?? true;
  const hooks = options.hooks ?? {};
  const deadline = options.deadline ?? DEFAULT_DEADLINE_MS;
  if (!(deadline > 0)) throw new ConfigError(`${vendor}: deadline must be a positive number of milliseconds`, { vendor });
  const retry: RetryOptions = options.retry ?? {};
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  // Wall-clock time only for HTTP dates (Retry-After); every interval on the monotonic clock, so a
  // wall-clock step (NTP, DST bugs, a VM resumed) neither stalls nor fails a call.
  const now = options.now ?? Date.now;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  if (!(maxConcurrency >= 1)) throw new ConfigError(`${vendor}: maxConcurrency must be at least 1`, { vendor });
  const concurrency = new ConcurrencyLimiter(Math.floor(maxConcurrency));
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? definition.rateLimit);
  if (rateLimit && !(rateLimit.limit >= 1 && rateLimit.windowSeconds > 0)) {
    throw new ConfigError(`${vendor}: rateLimit needs limit ≥ 1 and windowSeconds > 0`, { vendor });
  }
  const budget = retry.budget === false ? undefined : new RetryBudget(retry.budget);
  const limiter = rateLimit
    ? new RateLimiter({
        store: options.rateLimitStore,
        // The quota belongs to the credential: clients (and processes) with the same key share it.
        key: () => credentialKey('rate-limit', vendor, [baseUrl, ...Object.values(credentials).filter((v): v is string => typeof v === 'string').sort()]),
        limit: Math.floor(rateLimit.limit),
        windowMs: rateLimit.windowSeconds * 1000,
        monotonicNow,
        sleep,
        onStoreError: (operation, error) => hooks.onStoreError?.({ vendor, store: 'rate-limit', operation, error, fallback: 'local' }),
      })
    : undefined;

  // Every credential value this client sends, so errors and hook events never carry one back.
  const scrubber = new SecretScrubber([vendor, ...Object.keys(definition.operations), ...(definition.publishedWords ?? [])]);
  for (const value of Object.values(credentials)) if (typeof value === 'string') scrubber.add(value);

  const clientHeaderProblem = headerOptionProblem(options.headers);
  if (clientHeaderProblem) throw new ConfigError(`${vendor}: ${clientHeaderProblem}`, { vendor });
  // What openapi-fetch would use; each attempt wraps it to learn whether anything was sent.
  const userFetch = options.fetch;
  const transport = userFetch ? (request: Request) => userFetch(request) : (request: Request, init?: RequestInit) => globalThis.fetch(request, init);

  const raw = createClient<Paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.headers,
    // Never follow redirects: fetch would re-send our credentials to the new location (S3).
    redirect: 'manual',
  });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(maxResponseBytes > 0)) throw new ConfigError(`${vendor}: maxResponseBytes must be a positive number`, { vendor });
  raw.use(authMiddleware(definition, credentials), ...(options.middleware ?? []), bodyLimitMiddleware(maxResponseBytes));

  async function call(operationId: string, input: CallInput = {}, callOptions: RequestOptions = {}): Promise<unknown> {
    const op = definition.operations[operationId];
    if (!op) throw new ConfigError(`${vendor} has no operation "${operationId}"`, { vendor, operationId });
    const event: RequestEvent = { vendor, operationId, method: op.method, path: op.path };
    try {
      const prepared = await fillCredentials(op, input, credentials, (value) => scrubber.add(value));
      if (validateRequests) validateRequest(vendor, op, prepared);
      checkBuildable(vendor, op, prepared, callOptions);
      return await send(op, prepared, callOptions, event);
    } catch (error) {
      const typed = scrubber.error(error instanceof VendorContractsError ? error : new ConnectionError(`${vendor}.${operationId} failed`, event, { cause: error }));
      hooks.onError?.({ ...event, error: typed });
      throw typed;
    }
  }

  /**
   * One call: attempts, retries and waits, all within one deadline. Every attempt passes the
   * rate limiter first, so retries count against the limit too.
   */
  async function send(op: OperationDefinition, input: CallInput, callOptions: RequestOptions, event: RequestEvent): Promise<unknown> {
    const context = { vendor, operationId: op.operationId };
    const signal = callOptions.signal;
    const deadlineMs = callOptions.deadline ?? deadline;
    if (!(deadlineMs > 0)) throw new ConfigError(`${vendor}: deadline must be a positive number of milliseconds`, context);
    const policy = { ...retry, ...callOptions.retry };
    const maxRetries = Math.max(0, Math.floor(policy.maxRetries ?? DEFAULT_MAX_RETRIES));
    const maxRetryWait = policy.maxRetryWait ?? DEFAULT_MAX_RETRY_WAIT_MS;
    const deadlineAt = monotonicNow() + deadlineMs;
    const aborted = (cause: unknown) => new AbortError(`${vendor}.${op.operationId} was aborted`, context, { cause });
    const pastDeadline = (cause?: unknown) => new TimeoutError(deadlineMs, context, { cause });

    let reauthenticated = false;
    // Bounded: at most maxRetries + 1 attempts, plus one after renewing a rejected token.
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      if (signal?.aborted) throw aborted(signal.reason);
      // A concurrency slot first, then the rate-limit slot, then send at once: a rate-limit slot
      // taken while still queued for a connection would count the request before it leaves.
      // A call made inside one of our attempts (the token request a credential function makes)
      // uses that attempt's slot: waiting for another could deadlock a full client.
      const nested = attemptRecord.getStore() !== undefined;
      const slot = nested ? () => undefined : await waitInQueue(() => concurrency.acquire(signal, deadlineAt - monotonicNow()));
      let permit: Permit | undefined;
      try {
        if (limiter) permit = await waitInQueue(() => limiter.acquire({ signal, deadlineAt, onWait: (delayMs) => hooks.onWait?.({ ...event, delayMs, reason: 'rate-limit' }) }));
      } catch (error) {
        slot();
        throw error;
      }
      const outcome = await attemptWithin(attempt).finally(() => {
        permit?.settle();
        // On the next turn: fetch hands the connection back to its pool only after the body has
        // been read, and a request sent before that would open a new one past the cap.
        setTimeout(slot, 0);
      });
      if (outcome.ok) return unwrapEnvelope(definition.envelope, outcome.body);
      const { failure, used } = outcome;

      // A 401 with a renewable token: forget that token and send once more with a fresh one (a
      // 401 is refused before processing, so this is safe for every method). A second 401 is final.
      const renewable = failure instanceof AuthenticationError && !reauthenticated ? used.filter((u) => renewableCredential(u.credential)) : [];
      if (renewable.length > 0) {
        reauthenticated = true;
        for (const u of renewable) renewableCredential(u.credential)?.invalidate(u.value);
        hooks.onRetry?.({ ...event, attempt, delayMs: 0, reason: 'HTTP 401: renewing the token', error: failure });
        attempt--; // the renewal attempt does not use up a retry
        continue;
      }

      const retryContext: RetryContext = { vendor, operationId: op.operationId, method: op.method, idempotent: op.idempotent, attempt };
      const custom = policy.classify?.(failure, retryContext);
      const { retryClass, reason } = typeof custom === 'string' ? { retryClass: custom, reason: defaultClassify(failure).reason } : (custom ?? defaultClassify(failure));
      if (retryClass !== 'never') setMaybeApplied(failure, retryClass === 'maybe-applied');
      const retryable = retryClass === 'not-applied' || (retryClass === 'maybe-applied' && op.idempotent);
      if (!retryable || attempt > maxRetries) throw failure;

      let delayMs = backoffDelay(attempt - 1, random);
      const hint = failure instanceof ApiError ? retryAfterMs(failure.headers, now()) : undefined;
      const left = deadlineAt - monotonicNow();
      // A hint past the deadline means the vendor will still refuse: fail now, without sleeping.
      if (hint !== undefined) {
        if (hint > left) throw failure;
        delayMs = Math.min(hint, maxRetryWait);
      }
      if (delayMs >= left) throw failure;
      // An empty budget means many calls are failing at once: stop adding load (R7).
      if (budget && !budget.tryAcquire()) throw failure;
      hooks.onRetry?.({ ...event, attempt, delayMs, reason, error: failure });
      try {
        await abortable(sleep(delayMs, signal), signal);
      } catch (error) {
        if (signal?.aborted) throw aborted(signal.reason);
        throw error;
      }
    }
    throw new Error('unreachable: the retry loop always returns or throws');

    /** A queue wait, with its deadline and abort turned into the call's typed errors. */
    async function waitInQueue<T>(wait: () => Promise<T>): Promise<T> {
      try {
        return await wait();
      } catch (error) {
        if (signal?.aborted) throw aborted(signal.reason);
        if (error instanceof RateLimitWaitExceedsDeadline || error instanceof ConcurrencyWaitExceedsDeadline) throw pastDeadline();
        throw error;
      }
    }

    /** One attempt within what is left of the deadline; its failure typed and scrubbed. */
    async function attemptWithin(attempt: number) {
      const remaining = deadlineAt - monotonicNow();
      if (remaining <= 0) throw pastDeadline();
      const perAttempt = callOptions.timeout ?? timeout;
      const limitedByDeadline = remaining < perAttempt;
      let failure: VendorContractsError;
      const record: AttemptRecord = { credentials: [], retained: [] };
      const used: UsedCredential[] = record.credentials;
      try {
        const { status, body } = await attemptRecord.run(record, () => attemptOnce(op, input, callOptions, event, limitedByDeadline ? remaining : perAttempt));
        hooks.onSuccess?.({ ...event, status, attempts: attempt });
        budget?.onSuccess(attempt - 1);
        return { ok: true as const, body };
      } catch (error) {
        failure = error instanceof VendorContractsError ? error : new ConnectionError(`${vendor}.${op.operationId} failed`, context, { cause: error });
      }
      for (const u of used) {
        scrubber.add(u.value);
        scrubber.add(u.header);
      }
      scrubber.error(failure); // before any hook sees it
      if (failure instanceof TimeoutError && limitedByDeadline) throw pastDeadline(failure);
      return { ok: false as const, failure, used };
    }
  }

  /** One attempt: send once (with its own timeout, headers and body included) and interpret the answer. */
  async function attemptOnce(
    op: OperationDefinition,
    input: CallInput,
    callOptions: RequestOptions,
    event: RequestEvent,
    ms: number,
  ): Promise<{ status: number; body: unknown }> {
    const context = { vendor, operationId: op.operationId };
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), ms);
    const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timer.signal]) : timer.signal;
    const headers: Record<string, string> = { ...callOptions.headers };
    const version = apiVersionFor(op, callOptions.apiVersion, vendor);
    if (version !== undefined) headers.Accept = `application/json; version=${version}`;
    const form = op.bodyMediaType === 'application/x-www-form-urlencoded';
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';

    hooks.onRequest?.(event);
    const started = performance.now();
    let response: Response;
    let payload: unknown;
    // Set once fetch is handed the request: whatever fails before that was not sent.
    let sent = false;
    try {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      // Raced with the signal as well, so an attempt ends when its timeout fires even if fetch
      // fails to reject (see AttemptRecord.retained for the one case found).
      const result = await abortable(raw.request(op.method.toLowerCase() as never, op.path as never, {
        params: { path: input.path, query: input.query, header: input.header },
        body: input.body,
        headers,
        signal,
        fetch: (request: Request, init?: RequestInit) => {
          sent = true;
          return transport(request, init);
        },
        // openapi-fetch reads the body under our signal, so the timeout covers the body too.
        parseAs: 'text',
        ...(form ? { bodySerializer: (b: unknown) => new URLSearchParams(b as Record<string, string>).toString() } : {}),
      } as never), signal);
      const r = result as { data?: unknown; error?: unknown; response: Response };
      response = r.response;
      // A 2xx body arrives as text; an error body arrives already JSON-parsed when it is JSON.
      payload = response.ok ? r.data : r.error;
    } catch (error) {
      if (callOptions.signal?.aborted) throw new AbortError(`${vendor}.${op.operationId} was aborted`, context, { cause: error });
      const overLimit = error instanceof BodyLimitExceeded ? error : (error as { cause?: unknown })?.cause instanceof BodyLimitExceeded ? ((error as { cause: BodyLimitExceeded }).cause) : undefined;
      if (overLimit) throw new ResponseTooLargeError({ ...context, status: overLimit.status, limitBytes: overLimit.limitBytes, bytesRead: overLimit.bytesRead });
      if (timer.signal.aborted) throw new TimeoutError(ms, context, { cause: error });
      // Our own errors (e.g. TokenAcquisitionError from a credential function) keep their type.
      if (error instanceof VendorContractsError) throw error;
      // Thrown while building the request (a serialiser, a Headers check, a middleware): nothing
      // left the client, so it is final and never "maybe applied". Its text may quote a value.
      if (!sent) throw new ConfigError(`${vendor}.${op.operationId}: the request could not be built (${(error as Error)?.name ?? 'error'}); nothing was sent`, context, { cause: error });
      // An answer that is not HTTP would be just as unreadable next time: final, not a network blip.
      const unreadable = unreadableResponseCode(error);
      if (unreadable) {
        const malformed = new ResponseFormatError({ ...context, status: 0, contentType: null, reason: 'http', code: unreadable, cause: error });
        setMaybeApplied(malformed, true); // the request reached the vendor; what it did is unknown
        throw malformed;
      }
      throw new ConnectionError(`${vendor}.${op.operationId}: no response from ${origin} (${describeCause(error)})`, context, { cause: error });
    } finally {
      clearTimeout(timeoutId);
    }
    // The token this attempt sent is a secret from now on (the answer may echo it).
    for (const u of attemptRecord.getStore()?.credentials ?? []) {
      scrubber.add(u.value);
      scrubber.add(u.header);
    }
    hooks.onResponse?.({ ...event, status: response.status, durationMs: performance.now() - started });
    if (response.status >= 300 && response.status < 400) {
      throw new UnexpectedRedirectError({ ...context, status: response.status, locationHost: locationHost(response) });
    }
    return { status: response.status, body: interpret(op, response, payload, event) };
  }

  function interpret(op: OperationDefinition, response: Response, payload: unknown, event: RequestEvent): unknown {
    const status = response.status;
    const context = { vendor, operationId: op.operationId };
    const contentType = response.headers.get('content-type');
    const schema = pickByStatus(op.responses, status);

    // Error bodies and headers are scrubbed of our credentials before anything (a message cut to
    // 200 characters, say) is built from them: scrubbing afterwards would miss a cut-off secret.
    if (!response.ok) {
      const check = schema && payload !== undefined ? schema.safeParse(payload) : undefined;
      const body = scrubber.value(payload === '' ? undefined : payload);
      throw ApiError.fromResponse({
        ...context,
        status,
        // Values only: a scrubbed name would no longer be a valid header name (a short secret can match anywhere).
        headers: new Headers([...response.headers].map(([name, value]): [string, string] => [name, scrubber.text(value)])),
        body: check?.success ? scrubber.value(check.data) : body,
        bodyMatchesSpec: check?.success ?? false,
        retryAfterMs: retryAfterMs(Object.fromEntries(response.headers), now()),
        code: firstStringAt(body, op.errorFields?.code),
        vendorMessage: firstStringAt(body, op.errorFields?.message),
      });
    }

    const text = typeof payload === 'string' ? payload : '';
    let body: unknown = text === '' ? undefined : text;
    let parsedJson = false;
    // The spec promises JSON here: a body labelled as something else (an HTML page from a proxy,
    // text/plain from a misrouted server) is not the answer we asked for, even if it happens to
    // parse. A missing content-type stays tolerated (the body decides).
    if (schema && text !== '' && contentType !== null && !isJson(contentType)) {
      throw new ResponseFormatError({ ...context, status, contentType, reason: 'content-type' });
    }
    if (text !== '' && (schema || isJson(contentType))) {
      try {
        body = JSON.parse(text);
        parsedJson = true;
      } catch (cause) {
        // JSON.parse quotes the text around the fault; let it quote the scrubbed text instead.
        if (schema) throw new ResponseFormatError({ ...context, status, contentType, reason: 'syntax', cause: parseFailure(scrubber.text(text)) ?? cause });
      }
    }

    const rule = pickByStatus(op.responseVendorErrors, status) ?? op.vendorError;
    if (rule && parsedJson && matchesVendorError(rule, body)) {
      const safe = scrubber.value(body);
      const code = stringAt(safe, rule.code) ?? firstStringAt(safe, op.errorFields?.code);
      throw new VendorError({ ...context, status, code, body: safe }, vendorErrorMessage(rule, op.errorFields, safe, context, status, code));
    }

    if (!validateResponses || !schema) return body;
    const result = checkAgainst(schema, body, jsonPointer);
    if (!result.ok) throw new ResponseContractError({ ...context, status, issues: result.issues, body: scrubber.value(body) });
    if (hooks.onUnknownFields) {
      const strict = pickByStatus(op.strictResponses, status);
      const strictResult = strict?.safeParse(body);
      const pointers = strictResult && !strictResult.success ? unknownKeyPointers(strictResult.error.issues) : undefined;
      // Bounded: a body with 10,000 new keys must not make a 10,000-entry event (and log line).
      if (pointers?.length) hooks.onUnknownFields({ ...event, status, pointers: pointers.slice(0, MAX_UNKNOWN_FIELD_POINTERS), omitted: Math.max(0, pointers.length - MAX_UNKNOWN_FIELD_POINTERS) });
    }
    return result.data;
  }

  const engine: VendorEngine<Paths> = { definition, baseUrl, raw, call };
  const methods = Object.fromEntries(
    Object.keys(definition.operations).map((id) => [id, (input?: CallInput, o?: RequestOptions) => call(id, input, o)]),
  );
  return Object.assign(methods, engine) as VendorClient<Paths, Operations, Envelope>;
}

function resolveBaseUrl(definition: VendorDefinition, options: ClientOptions): string {
  const vendor = definition.vendor;
  const environments = Object.keys(definition.servers);
  let url = options.baseUrl;
  if (!url) {
    const env = options.environment ?? environments[0];
    url = env === undefined ? undefined : definition.servers[env];
    if (!url) {
      throw new ConfigError(
        `${vendor}: ${options.environment ? `unknown environment "${options.environment}"` : 'no server in the spec'}; pass baseUrl or one of: ${environments.join(', ') || '(none)'}`,
        { vendor },
      );
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${vendor}: baseUrl must be an absolute http(s) URL`, { vendor });
  }
  if (/%7B|%7D|[{}]/i.test(url)) throw new ConfigError(`${vendor}: baseUrl still has a {variable}; pass the real baseUrl`, { vendor });
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${vendor}: baseUrl must use https`, { vendor });
  // Credentials must not cross a network in clear text (S4); plain http is for local test servers.
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new ConfigError(`${vendor}: baseUrl must use https; http is allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1])`, { vendor });
  }
  if (parsed.username || parsed.password) throw new ConfigError(`${vendor}: baseUrl must not carry credentials; use the client's auth options`, { vendor });
  return url.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

async function fillCredentials(op: OperationDefinition, input: CallInput, credentials: Record<string, Credential>, remember: (value: string) => void): Promise<CallInput> {
  if (op.credentials.length === 0) return input;
  const out: CallInput = { ...input };
  for (const c of op.credentials) {
    const credential = credentials[c.credential];
    if (credential === undefined) continue; // validation reports the missing field
    const value = await resolveCredential(credential);
    remember(value);
    if (c.in === 'body') {
      // Only into an object body: anything else is left for validation to reject as it is.
      if (out.body === undefined || (typeof out.body === 'object' && out.body !== null && !Array.isArray(out.body))) {
        out.body = { ...(out.body as Record<string, unknown> | undefined), [c.name]: value };
      }
    }
    else if (c.in === 'query' || c.in === 'header' || c.in === 'path') out[c.in] = { ...out[c.in], [c.name]: value };
  }
  return out;
}

function validateRequest(vendor: string, op: OperationDefinition, input: CallInput): void {
  const issues: FieldIssue[] = [];
  for (const part of ['path', 'query', 'header', 'body'] as const) {
    const schema = op.request[part];
    const value = input[part];
    if (!schema) {
      if (value !== undefined) issues.push({ path: part, rule: 'not allowed', message: `${op.operationId} takes no ${part}` });
      continue;
    }
    // Parameter groups may be omitted when none of their members is required.
    const result = checkAgainst(schema, part === 'body' ? value : (value ?? {}), (p) => dottedPath(part, p));
    if (!result.ok) issues.push(...result.issues);
  }
  if (issues.length) throw new RequestValidationError(issues, { vendor, operationId: op.operationId });
}

/**
 * What fetch could not send as written (`request-build.ts`), before any attempt: a caller's value
 * is a RequestValidationError, a client option (per-call headers, a configured credential) a ConfigError.
 */
function checkBuildable(vendor: string, op: OperationDefinition, input: CallInput, callOptions: RequestOptions): void {
  const context = { vendor, operationId: op.operationId };
  const headerProblem = headerOptionProblem(callOptions.headers);
  if (headerProblem) throw new ConfigError(`${vendor}.${op.operationId}: ${headerProblem}; nothing was sent`, context);
  const issues = requestBuildIssues(op, input);
  const filled = issues.map((i) => op.credentials.find((c) => i.path === `${c.in}.${c.name}`)).find((c) => c !== undefined);
  if (filled) throw new ConfigError(`${vendor}.${op.operationId}: credentials.${filled.credential} cannot be sent in ${filled.in}.${filled.name}; nothing was sent`, context);
  if (issues.length) throw new RequestValidationError(issues, context);
}

function apiVersionFor(op: OperationDefinition, wanted: number | undefined, vendor: string): number | undefined {
  if (!op.apiVersions?.length) {
    if (wanted !== undefined) throw new ConfigError(`${vendor}.${op.operationId} has no API versions`, { vendor, operationId: op.operationId });
    return undefined;
  }
  if (wanted === undefined) return Math.max(...op.apiVersions);
  if (!op.apiVersions.includes(wanted)) {
    throw new ConfigError(`${vendor}.${op.operationId} accepts API versions ${op.apiVersions.join(', ')}, not ${wanted}`, { vendor, operationId: op.operationId });
  }
  return wanted;
}

/** Exact status, then its class (`4XX`), then `default`. */
function pickByStatus<T>(table: Readonly<Record<string, T>>, status: number): T | undefined {
  return table[String(status)] ?? table[`${String(status)[0]}XX`] ?? table.default;
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /\bjson\b/i.test(contentType);
}

function stringAt(body: unknown, pointer: string | undefined): string | undefined {
  const v = valueAt(body, pointer);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function matchesVendorError(rule: VendorErrorRule, body: unknown): boolean {
  const v = valueAt(body, rule.when.pointer);
  if (rule.when.pattern !== undefined) return typeof v === 'string' && new RegExp(rule.when.pattern, 'u').test(v);
  if (rule.when.present) return v !== undefined && v !== null && v !== false && v !== '';
  return false;
}

function vendorErrorMessage(
  rule: VendorErrorRule,
  fields: ErrorFieldsRule | undefined,
  body: unknown,
  context: { vendor: string; operationId: string },
  status: number,
  code: string | undefined,
): string {
  const raw = valueAt(body, rule.message ?? rule.when.pointer);
  const text = firstStringAt(body, fields?.message) ?? (typeof raw === 'string' ? raw : raw && typeof raw === 'object' ? stringAt(raw, '/message') : undefined);
  return `${context.vendor}.${context.operationId} returned an error in a ${status} answer${excerpt(code, text)}`;
}

/** The first pointer that holds a string (or number) in `body`. */
function firstStringAt(body: unknown, pointers: readonly string[] | undefined): string | undefined {
  for (const pointer of pointers ?? []) {
    const value = stringAt(body, pointer);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The error JSON.parse throws for `text`, or undefined when it parses. */
function parseFailure(text: string): unknown {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The cause's code (`ECONNREFUSED`), else the innermost cause's short message (`bad port`), else the error's name. */
function describeCause(error: unknown): string {
  const code = causeCode(error);
  if (code) return code;
  let innermost: unknown = error;
  for (let depth = 0; depth < 8 && (innermost as { cause?: unknown })?.cause instanceof Error; depth++) innermost = (innermost as { cause: unknown }).cause;
  const message = innermost !== error ? (innermost as Error).message : undefined;
  return message && /^[\w .,:'-]{1,80}$/.test(message) ? message : ((error as Error)?.name ?? 'unknown error');
}

/** `scheme://host:port` of a URL, the port spelled out even when it is the default. */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/** A credential function that can forget a rejected value (`cachedToken`), else undefined. */
function renewableCredential(credential: Credential): { invalidate(rejected: string): void } | undefined {
  const invalidate = typeof credential === 'function' ? (credential as { invalidate?: unknown }).invalidate : undefined;
  return typeof invalidate === 'function' ? (credential as unknown as { invalidate(rejected: string): void }) : undefined;
}

/** Record whether a failed request may have been applied (see `VendorContractsError.maybeApplied`). */
function setMaybeApplied(error: VendorContractsError, value: boolean): void {
  Object.defineProperty(error, 'maybeApplied', { value, enumerable: true, configurable: true, writable: false });
}

/** The host of a redirect's Location (never its path or query, which may hold secrets). */
function locationHost(response: Response): string | undefined {
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, response.url || undefined).host || undefined;
  } catch {
    return '(unparseable location)';
  }
}
