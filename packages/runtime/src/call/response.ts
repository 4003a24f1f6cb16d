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
import { checkAgainst, jsonPointer, MAX_UNKNOWN_FIELD_POINTERS, unknownKeyPointers } from '../validate.js';
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
 * already JSON-parsed when it is JSON.
 */
export function interpretResponse(stage: ResponseStageOptions, op: OperationDefinition, response: Response, payload: unknown, event: RequestEvent): unknown {
  const { scrubber } = stage;
  const status = response.status;
  const context = { vendor: stage.vendor, operationId: op.operationId };
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
      retryAfterMs: retryAfterMs(Object.fromEntries(response.headers), stage.now()),
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
    const code = vendorErrorCode(rule, op.errorFields, safe);
    throw new VendorError({ ...context, status, code, body: safe }, vendorErrorMessage(rule, op.errorFields, safe, context, status, code));
  }

  if (!stage.validateResponses || !schema) return body;
  const result = checkAgainst(schema, body, jsonPointer, pickByStatus(op.checks?.responses ?? {}, status));
  if (!result.ok) throw new ResponseContractError({ ...context, status, issues: result.issues, body: scrubber.value(body) });
  const onUnknownFields = stage.hooks.onUnknownFields;
  if (onUnknownFields) {
    const strict = pickByStatus(op.strictResponses, status);
    const strictResult = strict?.safeParse(body);
    const pointers = strictResult && !strictResult.success ? unknownKeyPointers(strictResult.error.issues) : undefined;
    // Bounded: a body with 10,000 new keys must not make a 10,000-entry event (and log line).
    // A key may echo a credential: pointers and shapes go through the scrubber like errors do.
    if (pointers?.length) {
      const listed = pointers.slice(0, MAX_UNKNOWN_FIELD_POINTERS);
      const shapes = listed.map((p) => shapeAt(body, p, (key) => scrubber.text(key)) ?? null);
      onUnknownFields({ ...event, status, pointers: listed.map((p) => scrubber.text(p)), shapes, omitted: Math.max(0, pointers.length - MAX_UNKNOWN_FIELD_POINTERS) });
    }
  }
  return result.data;
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
