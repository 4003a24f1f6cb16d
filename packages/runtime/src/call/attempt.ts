/**
 * Attempt stage: send the prepared request once through openapi-fetch, within the attempt's
 * timeout (headers and body included), and turn whatever happens into the result or one typed
 * error: `AbortError`, `TimeoutError`, `ResponseTooLargeError`, a `ConfigError` for a request that
 * could not be built (nothing sent), a `ResponseFormatError` for an answer that is not HTTP, a
 * `ConnectionError`, an `UnexpectedRedirectError` (redirects are never followed), or what the
 * response stage makes of the answer.
 */
import type { Client } from 'openapi-fetch';
import type { OperationDefinition } from '../definition.js';
import { AbortError, ConfigError, ConnectionError, ResponseFormatError, ResponseTooLargeError, TimeoutError, UnexpectedRedirectError, VendorContractsError } from '../errors.js';
import { BodyLimitExceeded, limitBody } from '../middleware/body-limit.js';
import { abortable } from '../limits/wait.js';
import type { ClientHooks, RequestEvent, RequestOptions } from '../options.js';
import { causeCode, unreadableResponseCode } from '../retry/classify.js';
import type { Placement } from './credentials.js';
import type { PreparedRequest } from './request.js';
import { interpretResponse, type ResponseStageOptions } from './response.js';
import type { CallSignal } from './signal.js';
import type { PathSerializer } from './url.js';

export interface AttemptStageOptions extends ResponseStageOptions {
  /** Named in connection errors. */
  readonly origin: string;
  readonly hooks: ClientHooks;
  readonly maxResponseBytes: number;
  /** The openapi-fetch client the engine sends with (its middleware: the user's only). */
  readonly client: Client<any>;
  /**
   * What sends the Request openapi-fetch built (the `fetch` option, else `globalThis.fetch`).
   * `init` carries the attempt's signal only when `signalAtTransport` is set.
   */
  readonly transport: (request: Request, init?: RequestInit) => Promise<Response>;
  /**
   * Hand the attempt's signal to the transport (`fetch(request, { signal })`) instead of to the
   * Request openapi-fetch builds. Set when nothing but `globalThis.fetch` sees that Request (no
   * user middleware, no `fetch` option): fetch copies the Request into one of its own, and a
   * Request made with a signal follows it (a listener, a WeakRef and a FinalizationRegistry entry
   * per Request in undici). Given to the transport, only fetch's copy follows it, as with
   * openapi-fetch alone; on the Request, both copies would, one per link of the chain.
   * Asked per attempt: a `globalThis.fetch` replaced by a wrapper that may drop `init` gets the
   * signal on the Request again.
   */
  readonly signalAtTransport: () => boolean;
  /**
   * Race each attempt with its signal too: set when user middleware may rebuild the Request,
   * whose signal would then follow ours only weakly (a collected one no longer aborts fetch).
   */
  readonly raceSignal: boolean;
}

/** One call's fixed parts, the same for every attempt. */
export interface AttemptTarget {
  readonly op: OperationDefinition;
  readonly prepared: PreparedRequest;
  readonly pathSerializer: PathSerializer;
  readonly event: RequestEvent;
  readonly callOptions: RequestOptions;
  readonly signal: CallSignal;
}

/** `attempt` counts from 1 within the call (named in `onRequest` / `onResponse`). */
export async function attemptOnce(stage: AttemptStageOptions, target: AttemptTarget, auth: Placement, ms: number, attempt = 1): Promise<{ status: number; body: unknown }> {
  const { op, prepared, event, callOptions } = target;
  const vendor = stage.vendor;
  const context = { vendor, operationId: op.operationId };
  const input = prepared.input;
  stage.hooks.onRequest?.({ ...event, attempt });
  const started = stage.hooks.onResponse ? performance.now() : 0;
  let response: Response;
  let payload: unknown;
  // Set once fetch is handed the request: whatever fails before that was not sent.
  let sent = false;
  const signal = target.signal.arm(ms);
  const signalAtTransport = signal !== undefined && stage.signalAtTransport();
  try {
    if (callOptions.signal?.aborted) throw callOptions.signal.reason;
    const pending = stage.client.request(
      op.method.toLowerCase() as never,
      op.path as never,
      {
        params: {
          path: input.path,
          // Credentials last: nothing the caller passes replaces them.
          query: auth.query ? { ...input.query, ...auth.query } : input.query,
          header: auth.headers ? { ...input.header, ...auth.headers } : input.header,
        },
        body: input.body,
        headers: prepared.headers,
        signal: signalAtTransport ? undefined : signal,
        pathSerializer: target.pathSerializer,
        fetch: async (request: Request) => {
          sent = true;
          const response = signalAtTransport ? await stage.transport(request, { signal }) : await stage.transport(request);
          return limitBody(response, stage.maxResponseBytes);
        },
        // openapi-fetch reads the body under our signal, so the timeout covers the body too.
        parseAs: 'text',
        ...(prepared.form ? { bodySerializer: formBody } : {}),
      } as never,
    ) as Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const result = stage.raceSignal ? await abortable(pending, signal) : await pending;
    response = result.response;
    // A 2xx body arrives as text; an error body arrives already JSON-parsed when it is JSON.
    payload = response.ok ? result.data : result.error;
  } catch (error) {
    if (callOptions.signal?.aborted) throw new AbortError(`${vendor}.${op.operationId} was aborted`, context, { cause: error });
    const overLimit =
      error instanceof BodyLimitExceeded ? error : (error as { cause?: unknown })?.cause instanceof BodyLimitExceeded ? (error as { cause: BodyLimitExceeded }).cause : undefined;
    if (overLimit) throw new ResponseTooLargeError({ ...context, status: overLimit.status, limitBytes: overLimit.limitBytes, bytesRead: overLimit.bytesRead });
    if (target.signal.timedOut) throw new TimeoutError(ms, context, { cause: error });
    // Our own errors (e.g. TokenAcquisitionError from a credential function) keep their type.
    if (error instanceof VendorContractsError) throw error;
    // Thrown while building the request (a serialiser, a Headers check, a middleware): nothing
    // left the client, so it is final and never "maybe applied". Its text may quote a value.
    if (!sent)
      throw new ConfigError(`${vendor}.${op.operationId}: the request could not be built (${(error as Error)?.name ?? 'error'}); nothing was sent`, context, { cause: error });
    // An answer that is not HTTP would be just as unreadable next time: final, not a network blip.
    const unreadable = unreadableResponseCode(error);
    if (unreadable) {
      const malformed = new ResponseFormatError({ ...context, status: 0, contentType: null, reason: 'http', code: unreadable, cause: error });
      setMaybeApplied(malformed, true); // the request reached the vendor; what it did is unknown
      throw malformed;
    }
    throw new ConnectionError(`${vendor}.${op.operationId}: no response from ${stage.origin} (${describeCause(error)})`, context, { cause: error });
  } finally {
    target.signal.disarm();
  }
  // The token this attempt sent is a secret from now on (the answer may echo it).
  for (const u of auth.used) {
    stage.scrubber.add(u.value);
    stage.scrubber.add(u.header);
  }
  stage.hooks.onResponse?.({ ...event, attempt, status: response.status, durationMs: performance.now() - started });
  if (response.status >= 300 && response.status < 400) {
    throw new UnexpectedRedirectError({ ...context, status: response.status, locationHost: locationHost(response) });
  }
  // A promise only while zod loads (validate.ts `verdictOf`): the hot path does not wait a tick.
  const body = interpretResponse(stage, op, response, payload, event);
  return { status: response.status, body: body instanceof Promise ? await body : body };
}

function formBody(body: unknown): string {
  return new URLSearchParams(body as Record<string, string>).toString();
}

/** Record whether a failed request may have been applied (see `VendorContractsError.maybeApplied`). */
export function setMaybeApplied(error: VendorContractsError, value: boolean): void {
  Object.defineProperty(error, 'maybeApplied', { value, enumerable: true, configurable: true, writable: false });
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
