/**
 * Response stage: one answer → the typed result, or a typed error. In order: an error status is an
 * `ApiError` (by status; its body and headers scrubbed first), a body that is not the JSON the spec
 * promises a `ResponseFormatError`, a 2xx body the spec declares an error (`x-vendor-error`) a
 * `VendorError`, and a 2xx body is checked against the spec (`validateResponses`): a break is a
 * `ResponseContractError` naming its pointers, fields the spec does not declare are reported
 * (`onUnknownFields`) and kept.
 *
 * A vendor that wraps every answer in an envelope would be unwrapped here, after the vendor-error
 * check (which reads the envelope) and before validation (which checks what is inside).
 */
import type { OperationDefinition } from '../definition.js';
import { ApiError, ResponseContractError, ResponseFormatError, VendorError } from '../errors.js';
import type { ClientHooks, RequestEvent } from '../options.js';
import type { SecretScrubber } from '../redact.js';
import { retryAfterMs } from '../retry/classify.js';
import { shapeAt } from '../drift/shape.js';
import { after, type Eventually, jsonPointer, MAX_UNKNOWN_FIELD_POINTERS, schemasOf, unknownKeyPointers, type Verdict, verdictOf } from '../validate.js';
import { firstStringAt, matchesVendorError, pickByStatus, vendorErrorCode, vendorErrorMessage } from '../vendor-errors.js';

export interface ResponseStageOptions {
  readonly vendor: string;
  readonly validateResponses: boolean;
  readonly hooks: Pick<ClientHooks, 'onUnknownFields'>;
  readonly scrubber: SecretScrubber;
  /** The wall clock, for an HTTP-date Retry-After. */
  readonly now: () => number;
}

/**
 * `payload` is what openapi-fetch read: a 2xx body as text (`parseAs: 'text'`), an error body
 * already JSON-parsed when it is JSON. Synchronous unless zod must load (see `verdictOf`).
 */
export function interpretResponse(stage: ResponseStageOptions, op: OperationDefinition, response: Response, payload: unknown, event: RequestEvent): Eventually<unknown> {
  const { checks } = op;
  // Which statuses have a JSON body: the compiled checks say so without loading zod.
  if (checks) return interpretWith(stage, op, response, payload, event, checks.responses);
  return after(schemasOf(op), (s) => interpretWith(stage, op, response, payload, event, s.responses));
}

function interpretWith(
  stage: ResponseStageOptions,
  op: OperationDefinition,
  response: Response,
  payload: unknown,
  event: RequestEvent,
  sites: Readonly<Record<string, unknown>>,
): Eventually<unknown> {
  const { scrubber } = stage;
  const status = response.status;
  const context = { vendor: stage.vendor, operationId: op.operationId };
  const contentType = response.headers.get('content-type');
  const key = siteKey(sites, status);
  const schema = key !== undefined;
  const verdict = (body: unknown) =>
    verdictOf(body, jsonPointer, key ? op.checks?.responses[key] : undefined, !!key && !!op.checks?.rewrites?.includes(key), () =>
      after(schemasOf(op), (s) => (key ? s.responses[key] : undefined)),
    );

  // Error bodies and headers are scrubbed of our credentials before anything (a message cut to
  // 200 characters, say) is built from them: scrubbing afterwards would miss a cut-off secret.
  if (!response.ok) {
    const fail = (check: Verdict | undefined) => {
      const body = scrubber.value(payload === '' ? undefined : payload);
      throw ApiError.fromResponse({
        ...context,
        status,
        // Values only: a scrubbed name would no longer be a valid header name (a short secret can match anywhere).
        headers: new Headers([...response.headers].map(([name, value]): [string, string] => [name, scrubber.text(value)])),
        body: check?.ok ? scrubber.value(check.data) : body,
        bodyMatchesSpec: check?.ok ?? false,
        retryAfterMs: retryAfterMs(Object.fromEntries(response.headers), stage.now()),
        code: firstStringAt(body, op.errorFields?.code),
        vendorMessage: firstStringAt(body, op.errorFields?.message),
      });
    };
    return after(schema && payload !== undefined ? verdict(payload) : undefined, fail);
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
    const code = vendorErrorCode(rule, op.errorFields, safe);
    throw new VendorError({ ...context, status, code, body: safe }, vendorErrorMessage(rule, op.errorFields, safe, context, status, code));
  }

  if (!stage.validateResponses || !schema) return body;
  const parsed = body;
  return after(verdict(parsed), (result) => {
    if (!result.ok) throw new ResponseContractError({ ...context, status, issues: result.issues, body: scrubber.value(parsed) });
    const onUnknownFields = stage.hooks.onUnknownFields;
    if (!onUnknownFields) return result.data;
    // Reported by the strict zod schema: loaded only for a client that asks (`onUnknownFields`).
    return after(schemasOf(op), (s) => {
      const strict = key ? s.strictResponses[key] : undefined;
      const strictResult = strict?.safeParse(parsed);
      const pointers = strictResult && !strictResult.success ? unknownKeyPointers(strictResult.error.issues) : undefined;
      // Bounded: a body with 10,000 new keys must not make a 10,000-entry event (and log line).
      // A key may echo a credential: pointers and shapes go through the scrubber like errors do.
      if (pointers?.length) {
        const listed = pointers.slice(0, MAX_UNKNOWN_FIELD_POINTERS);
        const shapes = listed.map((p) => shapeAt(parsed, p, (k) => scrubber.text(k)) ?? null);
        onUnknownFields({ ...event, status, pointers: listed.map((p) => scrubber.text(p)), shapes, omitted: Math.max(0, pointers.length - MAX_UNKNOWN_FIELD_POINTERS) });
      }
      return result.data;
    });
  });
}

/** The key `pickByStatus` would pick (exact status, `4XX`, `default`): a null entry means no JSON body. */
function siteKey(sites: Readonly<Record<string, unknown>>, status: number): string | undefined {
  const code = String(status);
  for (const k of [code, `${code[0]}XX`, 'default']) if (sites[k] !== undefined && sites[k] !== null) return k;
  return undefined;
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /\bjson\b/i.test(contentType);
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
