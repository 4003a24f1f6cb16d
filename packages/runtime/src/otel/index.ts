/**
 * `@vendor-contracts/runtime/otel`: OpenTelemetry spans from a client's hooks. Opt-in and
 * web-standard: only this entry imports `@opentelemetry/api` (an optional peer dependency), so
 * the main entry works without it.
 *
 * One span per call (kind INTERNAL: the logical operation, which may send several requests) and
 * one CLIENT span per attempt under it, as the HTTP client semantic conventions ask for resends.
 * Attributes come only from the hook events, which carry the path template, never a filled URL,
 * query or body: no value a caller passed can reach a span. Drift (undeclared fields in a 2xx
 * answer) is a `drift` event on a successful span, never an error.
 */
import { context, type Attributes, type Span, SpanKind, SpanStatusCode, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { VendorContractsError } from '../errors.js';
import type { CallEvent, ClientHooks, ClientOptions, RequestEvent } from '../options.js';

/** The instrumentation scope spans are created under. */
export const TRACER_NAME = '@vendor-contracts/runtime';

/** Attribute names of our own (namespaced, as the conventions ask of non-standard attributes). */
export const ATTR = {
  vendor: 'vendor_contracts.vendor',
  operationId: 'vendor_contracts.operation_id',
  attempt: 'vendor_contracts.attempt',
  attempts: 'vendor_contracts.attempts',
  delayMs: 'vendor_contracts.delay_ms',
  reason: 'vendor_contracts.reason',
  driftPointers: 'vendor_contracts.drift.pointers',
  driftOmitted: 'vendor_contracts.drift.omitted',
} as const;

export interface TracingOptions {
  /** The tracer to create spans with. @default `tracerProvider.getTracer('@vendor-contracts/runtime')` */
  tracer?: Tracer;
  /** Where to get the tracer when `tracer` is not given. @default the global provider (`trace.getTracerProvider()`) */
  tracerProvider?: TracerProvider;
}

interface CallState {
  readonly span: Span;
  readonly base: Attributes;
  attempt?: Span;
  attempts: number;
}

/**
 * Hooks that trace every call of the clients they are given to. Calls are told apart by the
 * events' `callId`; a call's spans end with its `onSuccess` or `onError`.
 */
export function otelHooks(options: TracingOptions = {}): ClientHooks {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  const calls = new Map<number, CallState>();
  const stateOf = (e: RequestEvent) => (e.callId === undefined ? undefined : calls.get(e.callId));

  const endAttempt = (state: CallState, error?: VendorContractsError) => {
    const span = state.attempt;
    if (!span) return;
    state.attempt = undefined;
    if (error) markFailed(span, error);
    span.end();
  };

  return {
    onCall(e: CallEvent) {
      const server = serverOf(e.origin);
      const base: Attributes = {
        'http.request.method': e.method.toUpperCase(),
        'url.template': e.path,
        ...server,
        [ATTR.vendor]: e.vendor,
        [ATTR.operationId]: e.operationId,
      };
      // Started in the caller's context, so the call span joins the caller's trace.
      const span = tracer.startSpan(`${e.method.toUpperCase()} ${e.path}`, { kind: SpanKind.INTERNAL, attributes: base });
      calls.set(e.callId, { span, base, attempts: 0 });
    },
    onWait(e) {
      stateOf(e)?.span.addEvent('rate_limit_wait', { [ATTR.delayMs]: e.delayMs, ...(e.attempt ? { [ATTR.attempt]: e.attempt } : {}) });
    },
    onRequest(e) {
      const state = stateOf(e);
      if (!state) return;
      endAttempt(state); // defensive: an attempt span never outlives the next attempt
      const attempt = e.attempt ?? state.attempts + 1;
      state.attempts = Math.max(state.attempts, attempt);
      const attributes: Attributes = { ...state.base, [ATTR.attempt]: attempt };
      if (attempt > 1) attributes['http.request.resend_count'] = attempt - 1;
      state.attempt = tracer.startSpan(`${e.method.toUpperCase()} ${e.path}`, { kind: SpanKind.CLIENT, attributes }, trace.setSpan(context.active(), state.span));
    },
    onResponse(e) {
      stateOf(e)?.attempt?.setAttribute('http.response.status_code', e.status);
    },
    onUnknownFields(e) {
      // Counts only: the pointers name the vendor's fields, and stay in the drift recorder.
      stateOf(e)?.span.addEvent('drift', { [ATTR.driftPointers]: e.pointers.length, [ATTR.driftOmitted]: e.omitted });
    },
    onRetry(e) {
      const state = stateOf(e);
      if (!state) return;
      endAttempt(state, e.error);
      state.span.addEvent('retry', { [ATTR.attempt]: e.attempt, [ATTR.delayMs]: e.delayMs, [ATTR.reason]: e.reason, 'error.type': errorType(e.error) });
    },
    onSuccess(e) {
      const state = stateOf(e);
      if (!state) return;
      calls.delete(e.callId!);
      endAttempt(state);
      state.span.setAttributes({ 'http.response.status_code': e.status, [ATTR.attempts]: e.attempts });
      state.span.end();
    },
    onError(e) {
      const state = stateOf(e);
      if (!state) return;
      calls.delete(e.callId!);
      endAttempt(state, e.error);
      const status = (e.error as { status?: unknown }).status;
      if (typeof status === 'number' && status > 0) state.span.setAttribute('http.response.status_code', status);
      state.span.setAttribute(ATTR.attempts, state.attempts);
      markFailed(state.span, e.error);
      state.span.end();
    },
  };
}

/** `options` with tracing hooks added after its own hooks (which keep working). */
export function withTracing<T extends object>(options: T & Pick<ClientOptions, 'hooks'>, tracing: TracingOptions = {}): T & { hooks: ClientHooks } {
  return { ...options, hooks: mergeHooks(options.hooks ?? {}, otelHooks(tracing)) };
}

/**
 * Both sets of hooks, called in order for every event. The second always runs, so a throwing
 * hook of yours cannot leave a span open; the first one's error is rethrown after.
 */
export function mergeHooks(first: ClientHooks, second: ClientHooks): ClientHooks {
  const merged: Record<string, (event: never) => void> = {};
  for (const name of new Set([...Object.keys(first), ...Object.keys(second)]) as Set<keyof ClientHooks>) {
    const a = first[name] as ((event: never) => void) | undefined;
    const b = second[name] as ((event: never) => void) | undefined;
    if (!a || !b) {
      if (a || b) merged[name] = a ? a.bind(first) : b!.bind(second);
      continue;
    }
    merged[name] = (event: never) => {
      try {
        a.call(first, event);
      } finally {
        b.call(second, event);
      }
    };
  }
  return merged as ClientHooks;
}

/**
 * The conventions' `error.type`: the status code for an HTTP error answer, else the error's
 * class name. The message is never used: it may quote what the vendor sent.
 */
export function errorType(error: VendorContractsError): string {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 ? String(status) : error.name;
}

function markFailed(span: Span, error: VendorContractsError): void {
  const type = errorType(error);
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/** `server.address` and `server.port` of the client's `scheme://host:port` origin (its port always spelled out). */
function serverOf(origin: string): Attributes {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^:/]*):(\d+)$/i.exec(origin);
  if (!match) return {};
  return { 'server.address': match[1]!.replace(/^\[|\]$/g, ''), 'server.port': Number(match[2]) };
}
