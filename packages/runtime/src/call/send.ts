/**
 * Send stage: the attempts of one call, all within one deadline. Each attempt, in order:
 *   1. resolve its credentials (a token function is called now, before any queue: a token request
 *      made through this same client then queues like any call, and cannot wait on a slot held
 *      by the call that needs it);
 *   2. wait for a concurrency slot (`maxConcurrency`), then for the rate limiter (`x-rate-limit`),
 *      then send at once: a rate-limit slot taken while still queued for a connection would count
 *      the request before it leaves;
 *   3. run the attempt stage.
 * A failure is retried as `retry/classify.ts` decides and the retry budget allows, after a backoff
 * or the vendor's Retry-After; a 401 renews a cached token once (without using up a retry).
 */
import { unwrapEnvelope } from '../response/envelope.js';
import type { OperationDefinition } from '../definition.js';
import { AbortError, ApiError, AuthenticationError, ConfigError, ConnectionError, TimeoutError, VendorContractsError } from '../errors.js';
import { ConcurrencyWaitExceedsDeadline } from '../limits/concurrency.js';
import { type Permit, RateLimitWaitExceedsDeadline } from '../limits/rate-limiter.js';
import { abortable } from '../limits/wait.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS, type RequestEvent, type RequestOptions } from '../options.js';
import { backoffDelay, defaultClassify, type RetryContext, retryAfterMs } from '../retry/classify.js';
import { attemptOnce, type AttemptStageOptions, type AttemptTarget, setMaybeApplied } from './attempt.js';
import type { ClientConfig } from './config.js';
import { type AuthPlan, type Placement, renewable, type UsedCredential } from './credentials.js';
import type { PreparedRequest } from './request.js';
import { CallSignal } from './signal.js';
import type { PathSerializer } from './url.js';

export type SendStageOptions = ClientConfig & AttemptStageOptions;

/** What the send stage needs of one operation, compiled at client creation. */
export interface CompiledOperation {
  readonly op: OperationDefinition;
  readonly auth: AuthPlan;
  readonly pathSerializer: PathSerializer;
  readonly event: RequestEvent;
}

export async function send(stage: SendStageOptions, compiled: CompiledOperation, prepared: PreparedRequest, callOptions: RequestOptions): Promise<unknown> {
  const { op, event } = compiled;
  const { vendor, hooks, monotonicNow, concurrency, limiter, budget } = stage;
  const context = { vendor, operationId: op.operationId };
  const signal = callOptions.signal;
  const deadlineMs = callOptions.deadline ?? stage.deadline;
  if (!(deadlineMs > 0)) throw new ConfigError(`${vendor}: deadline must be a positive number of milliseconds`, context);
  const policy = callOptions.retry ? { ...stage.retry, ...callOptions.retry } : stage.retry;
  const maxRetries = Math.max(0, Math.floor(policy.maxRetries ?? DEFAULT_MAX_RETRIES));
  const maxRetryWait = policy.maxRetryWait ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const perAttempt = callOptions.timeout ?? stage.timeout;
  const deadlineAt = monotonicNow() + deadlineMs;
  const aborted = (cause: unknown) => new AbortError(`${vendor}.${op.operationId} was aborted`, context, { cause });
  const pastDeadline = (cause?: unknown) => new TimeoutError(deadlineMs, context, { cause });
  const target: AttemptTarget = { op, prepared, pathSerializer: compiled.pathSerializer, event, callOptions, signal: new CallSignal(signal) };

  /** A queue wait, with its deadline and abort turned into the call's typed errors. */
  const waitInQueue = async <T>(wait: () => Promise<T>): Promise<T> => {
    try {
      return await wait();
    } catch (error) {
      if (signal?.aborted) throw aborted(signal.reason);
      if (error instanceof RateLimitWaitExceedsDeadline || error instanceof ConcurrencyWaitExceedsDeadline) throw pastDeadline();
      throw error;
    }
  };

  /** One attempt within what is left of the deadline; its failure typed and scrubbed. */
  const attemptWithin = async (attempt: number, auth: Placement) => {
    const remaining = deadlineAt - monotonicNow();
    if (remaining <= 0) throw pastDeadline();
    const limitedByDeadline = remaining < perAttempt;
    let failure: VendorContractsError;
    try {
      const { status, body } = await attemptOnce(stage, target, auth, limitedByDeadline ? remaining : perAttempt, attempt);
      hooks.onSuccess?.({ ...event, status, attempts: attempt });
      budget?.onSuccess(attempt - 1);
      return { ok: true as const, body };
    } catch (error) {
      failure = error instanceof VendorContractsError ? error : new ConnectionError(`${vendor}.${op.operationId} failed`, context, { cause: error });
    }
    scrub(stage, auth.used);
    stage.scrubber.error(failure); // before any hook sees it
    if (failure instanceof TimeoutError && limitedByDeadline) throw pastDeadline(failure);
    return { ok: false as const, failure };
  };

  try {
    let reauthenticated = false;
    // Bounded: at most maxRetries + 1 attempts, plus one after renewing a rejected token.
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      if (signal?.aborted) throw aborted(signal.reason);
      const auth = compiled.auth.fixed ?? (await placeFor(compiled.auth, context));
      const slot = await waitInQueue(() => concurrency.acquire(signal, deadlineAt - monotonicNow()));
      let permit: Permit | undefined;
      try {
        if (limiter)
          permit = await waitInQueue(() => limiter.acquire({ signal, deadlineAt, onWait: (delayMs) => hooks.onWait?.({ ...event, attempt, delayMs, reason: 'rate-limit' }) }));
      } catch (error) {
        slot();
        throw error;
      }
      const outcome = await attemptWithin(attempt, auth).finally(() => {
        permit?.settle();
        // On the next turn: fetch hands the connection back to its pool only after the body has
        // been read, and a request sent before that would open a new one past the cap.
        setTimeout(slot, 0);
      });
      // `x-envelope`: the caller gets the payload; the vendor-error check and validation saw the whole answer.
      if (outcome.ok) return unwrapEnvelope(stage.definition.envelope, outcome.body);
      const { failure } = outcome;

      // A 401 with a renewable token: forget that token and send once more with a fresh one (a
      // 401 is refused before processing, so this is safe for every method). A second 401 is final.
      const renew = failure instanceof AuthenticationError && !reauthenticated ? renewable(auth.used) : [];
      if (renew.length > 0) {
        reauthenticated = true;
        for (const r of renew) r.invalidate(r.value);
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

      let delayMs = backoffDelay(attempt - 1, stage.random);
      const hint = failure instanceof ApiError ? retryAfterMs(failure.headers, stage.now()) : undefined;
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
        await abortable(stage.sleep(delayMs, signal), signal);
      } catch (error) {
        if (signal?.aborted) throw aborted(signal.reason);
        throw error;
      }
    }
    throw new Error('unreachable: the retry loop always returns or throws');
  } finally {
    target.signal.close();
  }
}

/** Credentials for one attempt. A credential function that throws fails the call: nothing was sent. */
async function placeFor(plan: AuthPlan, context: { vendor: string; operationId: string }): Promise<Placement> {
  try {
    return await plan.place();
  } catch (error) {
    // Our own errors (TokenAcquisitionError from `cachedToken`) keep their type.
    if (error instanceof VendorContractsError) throw error;
    throw new ConfigError(`${context.vendor}.${context.operationId}: the request could not be built (${(error as Error)?.name ?? 'error'}); nothing was sent`, context, {
      cause: error,
    });
  }
}

function scrub(stage: SendStageOptions, used: readonly UsedCredential[]): void {
  for (const u of used) {
    stage.scrubber.add(u.value);
    stage.scrubber.add(u.header);
  }
}
