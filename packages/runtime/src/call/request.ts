/**
 * Request stage: the caller's input → what every attempt sends, or a typed error before anything
 * is sent. In order: fill `x-credential` fields (callers never pass api keys per call), validate
 * against the spec (`validateRequests`), check that fetch can send it exactly as written
 * (`request-build.ts`, spec or not), and settle the per-call headers (API version, form type).
 */
import type { OperationDefinition } from '../definition.js';
import { ConfigError, type FieldIssue, RequestValidationError } from '../errors.js';
import type { Credential, RequestOptions } from '../options.js';
import { headerOptionProblem, requestBuildIssues } from '../request-build.js';
import { after, dottedPath, type Eventually, schemasOf, type Verdict, verdictOf } from '../validate.js';
import { resolveCredential } from './credentials.js';

/** The input every operation method takes (typed per operation by `OperationInput`). */
export interface CallInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** A request ready to send: the same for every attempt of the call. */
export interface PreparedRequest {
  readonly input: CallInput;
  /** Per-call headers: the caller's, `Accept` with the API version, the form content type. */
  readonly headers: Record<string, string> | undefined;
  /** The body goes as `application/x-www-form-urlencoded`. */
  readonly form: boolean;
}

export interface RequestStageOptions {
  readonly vendor: string;
  readonly credentials: Readonly<Record<string, Credential>>;
  readonly validateRequests: boolean;
  /** Each credential value filled into the request: a secret from now on. */
  remember(value: string): void;
}

export async function prepareRequest(stage: RequestStageOptions, op: OperationDefinition, input: CallInput, callOptions: RequestOptions): Promise<PreparedRequest> {
  const filled = op.credentials.length === 0 ? input : await fillCredentialFields(op, input, stage);
  if (stage.validateRequests) {
    const pending = validateRequest(stage.vendor, op, filled);
    if (pending) await pending;
  }
  checkBuildable(stage.vendor, op, filled, callOptions);
  return { input: filled, headers: callHeaders(stage.vendor, op, callOptions), form: op.bodyMediaType === 'application/x-www-form-urlencoded' };
}

/** `x-credential` fields: request fields the client fills from its configuration. */
export async function fillCredentialFields(op: OperationDefinition, input: CallInput, stage: Pick<RequestStageOptions, 'credentials' | 'remember'>): Promise<CallInput> {
  const out: CallInput = { ...input };
  for (const c of op.credentials) {
    const credential = stage.credentials[c.credential];
    if (credential === undefined) continue; // validation reports the missing field
    const value = await resolveCredential(credential);
    stage.remember(value);
    if (c.in === 'body') {
      // Only into an object body: anything else is left for validation to reject as it is.
      if (out.body === undefined || (typeof out.body === 'object' && out.body !== null && !Array.isArray(out.body))) {
        out.body = { ...(out.body as Record<string, unknown> | undefined), [c.name]: value };
      }
    } else if (c.in === 'query' || c.in === 'header' || c.in === 'path') out[c.in] = { ...out[c.in], [c.name]: value };
  }
  return out;
}

/**
 * The request against the spec: every issue of every part, or nothing. Synchronous when the
 * compiled checks decide alone (always, for a generated definition without `x-alias-of` requests).
 */
export function validateRequest(vendor: string, op: OperationDefinition, input: CallInput): Eventually<void> {
  const checks = op.checks;
  // Which parts the operation takes: its checks say so without loading zod; without checks, zod does.
  return after(checks ? checks.request : after(schemasOf(op), (s) => s.request), (parts) => {
    // Each part's issues, in part order (a part whose zod schemas must load answers later).
    const found: Array<Eventually<readonly FieldIssue[]>> = [];
    for (const part of ['path', 'query', 'header', 'body'] as const) {
      const value = input[part];
      if (!parts[part]) {
        if (value !== undefined) found.push([{ path: part, rule: 'not allowed', message: `${op.operationId} takes no ${part}` }]);
        continue;
      }
      // Parameter groups may be omitted when none of their members is required.
      const zod = () => after(schemasOf(op), (s) => s.request[part]);
      // A rewrite (`x-alias-of`) does not matter here: what is sent is the caller's value.
      const verdict = verdictOf(part === 'body' ? value : (value ?? {}), (p) => dottedPath(part, p), checks?.request[part], false, zod);
      found.push(after(verdict, (v: Verdict) => (v.ok ? [] : v.issues)));
    }
    const report = (all: ReadonlyArray<readonly FieldIssue[]>) => {
      const issues = all.flat();
      if (issues.length) throw new RequestValidationError(issues, { vendor, operationId: op.operationId });
    };
    return found.some((f) => f instanceof Promise) ? Promise.all(found).then(report) : report(found as Array<readonly FieldIssue[]>);
  });
}

/**
 * What fetch could not send as written (`request-build.ts`), before any attempt: a caller's value
 * is a RequestValidationError, a client option (per-call headers, a configured credential) a ConfigError.
 */
export function checkBuildable(vendor: string, op: OperationDefinition, input: CallInput, callOptions: RequestOptions): void {
  const context = { vendor, operationId: op.operationId };
  const headerProblem = headerOptionProblem(callOptions.headers);
  if (headerProblem) throw new ConfigError(`${vendor}.${op.operationId}: ${headerProblem}; nothing was sent`, context);
  const issues = requestBuildIssues(op, input);
  const filled = issues.map((i) => op.credentials.find((c) => i.path === `${c.in}.${c.name}`)).find((c) => c !== undefined);
  if (filled) throw new ConfigError(`${vendor}.${op.operationId}: credentials.${filled.credential} cannot be sent in ${filled.in}.${filled.name}; nothing was sent`, context);
  if (issues.length) throw new RequestValidationError(issues, context);
}

function callHeaders(vendor: string, op: OperationDefinition, callOptions: RequestOptions): Record<string, string> | undefined {
  const version = apiVersionFor(op, callOptions.apiVersion, vendor);
  const form = op.bodyMediaType === 'application/x-www-form-urlencoded';
  if (version === undefined && !form) return callOptions.headers;
  const headers: Record<string, string> = { ...callOptions.headers };
  if (version !== undefined) headers.Accept = `application/json; version=${version}`;
  if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return headers;
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
