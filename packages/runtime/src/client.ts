/**
 * The engine every vendor package shares: one openapi-fetch client and the stages of a call,
 * wired here and nowhere else. Each stage is a module of `call/` that can be imported and tested
 * alone.
 *
 * The stages of one call, in order:
 *   1. request    `call/request.ts`     fill `x-credential` fields, validate against the spec, check
 *                                       fetch can send it as written: a bad call throws before any byte
 *   2. send       `call/send.ts`        the attempts within one deadline; per attempt:
 *      a. credentials `call/credentials.ts`  placed once at creation when static; a token per attempt
 *      b. queue                         a concurrency slot (`maxConcurrency`), then the rate limiter
 *      c. attempt  `call/attempt.ts`    openapi-fetch sends once (user middleware runs here), one
 *                                       timeout for headers and body, redirects never followed,
 *                                       the body read up to `maxResponseBytes`
 *      d. response `call/response.ts`  typed error by status, `x-vendor-error`, 2xx body validated
 *                                       (tolerant of new fields: reported, never fatal)
 *      e. retry    `retry/classify.ts`  retried as classified, within the budget; a 401 renews a
 *                                       cached token once
 *   3. errors      every failure is a `VendorContractsError`, scrubbed of every credential the
 *                  client sent (`redact.ts`) before a hook or the caller sees it.
 *
 * Web-standard only (fetch, URL, AbortSignal, timers inside calls): the same build runs on Node,
 * Bun, Deno, Cloudflare Workers and browsers. Nothing is shared across calls but the client's own
 * state (limits, budget, scrubber), so no per-request context store is needed.
 *
 * No `eval` of ours. zod 4 compiles each object schema with `new Function` on its first parse,
 * where it may: it probes first and interprets instead under a CSP without 'unsafe-eval' and on
 * Workers. Forcing its `jitless` mode here would make validation about 2.4× slower (1,000-device
 * body) and, since zod's config is global, change the caller's own schemas too; an application
 * that wants not even the probe sets `z.config({ jitless: true })` itself. Compiled validators
 * (issue 14) take zod off the success path altogether.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { VendorDefinition } from './definition.js';
import { ConfigError, ConnectionError, VendorContractsError } from './errors.js';
import { bodyLimitMiddleware } from './middleware/body-limit.js';
import { authMiddleware } from './middleware/auth.js';
import type { ClientOptions, RequestEvent, RequestOptions } from './options.js';
import type { OperationMethods } from './types.js';
import { resolveConfig } from './call/config.js';
import { authPlans } from './call/credentials.js';
import { type CallInput, prepareRequest, type RequestStageOptions } from './call/request.js';
import { type CompiledOperation, send, type SendStageOptions } from './call/send.js';
import { compilePathSerializer, querySerializer } from './call/url.js';

export type { CallInput } from './call/request.js';

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

/**
 * The fetch found when this module loaded: the engine hands it the attempt's signal as
 * `fetch(request, { signal })` (see `signalAtTransport` in `call/attempt.ts`), which a wrapper
 * installed later might drop; a replaced fetch gets the signal on the Request instead.
 */
const fetchAtLoad = globalThis.fetch;

let callCount = 0;
/** Process-wide, so one set of hooks shared by several clients still tells their calls apart. */
function nextCallId(): number {
  callCount = callCount >= Number.MAX_SAFE_INTEGER ? 1 : callCount + 1;
  return callCount;
}

export function createVendorClient<Paths extends {}, Operations, Envelope extends string = ''>(
  definition: VendorDefinition,
  options: ClientOptions = {},
): VendorClient<Paths, Operations, Envelope> {
  let self: VendorEngine<Paths> | undefined;
  const config = resolveConfig(definition, options, () => self!);
  const { vendor, baseUrl, credentials, scrubber, hooks } = config;
  const userFetch = options.fetch;
  const userMiddleware = options.middleware ?? [];
  const common = {
    baseUrl,
    ...(userFetch ? { fetch: userFetch } : {}),
    headers: options.headers,
    querySerializer,
    // Never follow redirects: fetch would re-send our credentials to the new location (S3).
    redirect: 'manual' as const,
  };
  // The engine's client runs only the user's middleware: credentials and the body limit are the
  // engine's own stages, so a call without user middleware skips openapi-fetch's middleware pass.
  const engine = createClient<Paths>(common);
  engine.use(...userMiddleware);
  const raw = createClient<Paths>(common);
  raw.use(authMiddleware(definition, credentials), ...userMiddleware, bodyLimitMiddleware(config.maxResponseBytes));

  const plans = authPlans(definition, credentials);
  const compiled = new Map<string, CompiledOperation>();
  for (const op of Object.values(definition.operations)) {
    const auth = plans.get(op.operationId)!;
    // Static credentials are secrets from the start, in the form that carries them too (`Basic …`).
    for (const u of auth.fixed?.used ?? []) scrubber.add(u.header);
    compiled.set(op.operationId, {
      op,
      auth,
      pathSerializer: compilePathSerializer(op.path),
      event: Object.freeze({ vendor, operationId: op.operationId, method: op.method, path: op.path }),
    });
  }
  const requestStage: RequestStageOptions = { vendor, credentials, validateRequests: config.validateRequests, remember: (value) => scrubber.add(value) };
  const sendStage: SendStageOptions = {
    ...config,
    client: engine,
    // Looked up per request, so a fetch replaced after creation (instrumentation, tests) is used.
    transport: userFetch ?? ((request, init) => globalThis.fetch(request, init)),
    raceSignal: userMiddleware.length > 0,
    signalAtTransport: userMiddleware.length === 0 && !userFetch ? () => globalThis.fetch === fetchAtLoad : () => false,
  };

  async function call(operationId: string, input: CallInput = {}, callOptions: RequestOptions = {}): Promise<unknown> {
    const compiledOp = compiled.get(operationId);
    if (!compiledOp) throw new ConfigError(`${vendor} has no operation "${operationId}"`, { vendor, operationId });
    // Every event of this call carries its callId, so hooks can tell concurrent calls apart.
    const callId = nextCallId();
    const target: CompiledOperation = { ...compiledOp, event: { ...compiledOp.event, callId } };
    hooks.onCall?.({ ...target.event, callId, origin: config.origin });
    try {
      const prepared = await prepareRequest(requestStage, target.op, input, callOptions);
      return await send(sendStage, target, prepared, callOptions);
    } catch (error) {
      const typed = scrubber.error(error instanceof VendorContractsError ? error : new ConnectionError(`${vendor}.${operationId} failed`, compiledOp.event, { cause: error }));
      hooks.onError?.({ ...(target.event as RequestEvent), error: typed });
      throw typed;
    }
  }

  const client: VendorEngine<Paths> = { definition, baseUrl, raw, call };
  self = client;
  const methods = Object.fromEntries(Object.keys(definition.operations).map((id) => [id, (input?: CallInput, o?: RequestOptions) => call(id, input, o)]));
  return Object.assign(methods, client) as VendorClient<Paths, Operations, Envelope>;
}
