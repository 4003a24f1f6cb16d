/**
 * The engine every vendor package shares: one openapi-fetch client plus, per call, request
 * validation → send (with timeout and abort) → response validation → typed result or typed error.
 *
 * Order of work for one call (each step's reason in its comment):
 *   1. fill `x-credential` fields   so callers never pass api keys per call
 *   2. validate the request          so a bad call throws before any byte is sent
 *   3. send through openapi-fetch    auth middleware, then user middleware
 *   4. parse + classify the answer   typed errors by status, `x-vendor-error` in 2xx bodies
 *   5. validate a 2xx body           tolerant of new fields (reported), strict on the rest
 * Seams for retries and rate limits: `send()` is the single place a request leaves the client.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { OperationDefinition, VendorDefinition, VendorErrorRule } from './definition.js';
import {
  AbortError,
  ApiError,
  ConfigError,
  ConnectionError,
  RequestValidationError,
  ResponseContractError,
  ResponseFormatError,
  TimeoutError,
  VendorContractsError,
  VendorError,
  type FieldIssue,
} from './errors.js';
import { authMiddleware, resolveCredential } from './middleware/auth.js';
import type { ClientOptions, Credential, RequestEvent, RequestOptions } from './options.js';
import type { OperationMethods } from './types.js';
import { checkAgainst, dottedPath, jsonPointer, unknownKeyPointers } from './validate.js';

/** @default 60 s for one call, headers and body included */
export const DEFAULT_TIMEOUT_MS = 60_000;

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

export type VendorClient<Paths extends {}, Operations> = VendorEngine<Paths> & OperationMethods<Operations>;

export function createVendorClient<Paths extends {}, Operations>(
  definition: VendorDefinition,
  options: ClientOptions = {},
): VendorClient<Paths, Operations> {
  const vendor = definition.vendor;
  const baseUrl = resolveBaseUrl(definition, options);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!(timeout > 0)) throw new ConfigError(`${vendor}: timeout must be a positive number of milliseconds`, { vendor });
  const credentials: Record<string, Credential> = options.credentials ?? {};
  const validateRequests = options.validateRequests ?? true;
  const validateResponses = options.validateResponses ?? true;
  const hooks = options.hooks ?? {};

  const raw = createClient<Paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.headers,
  });
  raw.use(authMiddleware(definition, credentials), ...(options.middleware ?? []));

  async function call(operationId: string, input: CallInput = {}, callOptions: RequestOptions = {}): Promise<unknown> {
    const op = definition.operations[operationId];
    if (!op) throw new ConfigError(`${vendor} has no operation "${operationId}"`, { vendor, operationId });
    const event: RequestEvent = { vendor, operationId, method: op.method, path: op.path };
    try {
      const prepared = await fillCredentials(op, input, credentials);
      if (validateRequests) validateRequest(vendor, op, prepared);
      return await send(op, prepared, callOptions, event);
    } catch (error) {
      const typed = error instanceof VendorContractsError ? error : new ConnectionError(`${vendor}.${operationId} failed`, event, { cause: error });
      hooks.onError?.({ ...event, error: typed });
      throw typed;
    }
  }

  async function send(op: OperationDefinition, input: CallInput, callOptions: RequestOptions, event: RequestEvent): Promise<unknown> {
    const context = { vendor, operationId: op.operationId };
    const ms = callOptions.timeout ?? timeout;
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
    try {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      const result = await raw.request(op.method.toLowerCase() as never, op.path as never, {
        params: { path: input.path, query: input.query, header: input.header },
        body: input.body,
        headers,
        signal,
        // openapi-fetch reads the body under our signal, so the timeout covers the body too.
        parseAs: 'text',
        ...(form ? { bodySerializer: (b: unknown) => new URLSearchParams(b as Record<string, string>).toString() } : {}),
      } as never);
      const r = result as { data?: unknown; error?: unknown; response: Response };
      response = r.response;
      // A 2xx body arrives as text; an error body arrives already JSON-parsed when it is JSON.
      payload = response.ok ? r.data : r.error;
    } catch (error) {
      if (callOptions.signal?.aborted) throw new AbortError(`${vendor}.${op.operationId} was aborted`, context, { cause: error });
      if (timer.signal.aborted) throw new TimeoutError(ms, context, { cause: error });
      // Our own typed errors (e.g. TokenAcquisitionError from a credential function) pass through.
      if (error instanceof VendorContractsError) throw error;
      throw new ConnectionError(`${vendor}.${op.operationId}: no response (${describeCause(error)})`, context, { cause: error });
    } finally {
      clearTimeout(timeoutId);
    }
    hooks.onResponse?.({ ...event, status: response.status, durationMs: performance.now() - started });
    return interpret(op, response, payload, event);
  }

  function interpret(op: OperationDefinition, response: Response, payload: unknown, event: RequestEvent): unknown {
    const status = response.status;
    const context = { vendor, operationId: op.operationId };
    const contentType = response.headers.get('content-type');
    const schema = pickByStatus(op.responses, status);

    if (!response.ok) {
      const check = schema && payload !== undefined ? schema.safeParse(payload) : undefined;
      const body = payload === '' ? undefined : payload;
      throw ApiError.fromResponse({ ...context, status, headers: response.headers, body: check?.success ? check.data : body, bodyMatchesSpec: check?.success ?? false });
    }

    const text = typeof payload === 'string' ? payload : '';
    let body: unknown = text === '' ? undefined : text;
    let parsedJson = false;
    if (text !== '' && (schema || isJson(contentType))) {
      try {
        body = JSON.parse(text);
        parsedJson = true;
      } catch (cause) {
        if (schema) throw new ResponseFormatError({ ...context, status, contentType, cause });
      }
    }

    const rule = pickByStatus(op.responseVendorErrors, status) ?? op.vendorError;
    if (rule && parsedJson && matchesVendorError(rule, body)) {
      throw new VendorError({ ...context, status, code: stringAt(body, rule.code), body }, vendorErrorMessage(rule, body, context, status));
    }

    if (!validateResponses || !schema) return body;
    const result = checkAgainst(schema, body, jsonPointer);
    if (!result.ok) throw new ResponseContractError({ ...context, status, issues: result.issues, body });
    if (hooks.onUnknownFields) {
      const strict = pickByStatus(op.strictResponses, status);
      const strictResult = strict?.safeParse(body);
      const pointers = strictResult && !strictResult.success ? unknownKeyPointers(strictResult.error.issues) : undefined;
      if (pointers?.length) hooks.onUnknownFields({ ...event, status, pointers });
    }
    return result.data;
  }

  const engine: VendorEngine<Paths> = { definition, baseUrl, raw, call };
  const methods = Object.fromEntries(
    Object.keys(definition.operations).map((id) => [id, (input?: CallInput, o?: RequestOptions) => call(id, input, o)]),
  );
  return Object.assign(methods, engine) as VendorClient<Paths, Operations>;
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
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${vendor}: baseUrl must use https (or http)`, { vendor });
  if (parsed.username || parsed.password) throw new ConfigError(`${vendor}: baseUrl must not carry credentials; use the client's auth options`, { vendor });
  return url.replace(/\/+$/, '');
}

async function fillCredentials(op: OperationDefinition, input: CallInput, credentials: Record<string, Credential>): Promise<CallInput> {
  if (op.credentials.length === 0) return input;
  const out: CallInput = { ...input };
  for (const c of op.credentials) {
    const credential = credentials[c.credential];
    if (credential === undefined) continue; // validation reports the missing field
    const value = await resolveCredential(credential);
    if (c.in === 'body') out.body = { ...(out.body as Record<string, unknown>), [c.name]: value };
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

function valueAt(body: unknown, pointer: string | undefined): unknown {
  if (pointer === undefined) return undefined;
  let cur: unknown = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
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

function vendorErrorMessage(rule: VendorErrorRule, body: unknown, context: { vendor: string; operationId: string }, status: number): string {
  const code = stringAt(body, rule.code);
  const raw = valueAt(body, rule.message ?? rule.when.pointer);
  const text = typeof raw === 'string' ? raw : raw && typeof raw === 'object' ? stringAt(raw, '/message') : undefined;
  const detail = [code, text && text !== code ? text : undefined].filter(Boolean).join(': ');
  return `${context.vendor}.${context.operationId} returned an error in a ${status} answer${detail ? `: ${detail.slice(0, 200)}` : ''}`;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error as Error)?.name ?? 'unknown error';
}
