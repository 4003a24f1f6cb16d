/**
 * Following a repair job through TMT First's statuses by polling `getJob`, as the document's flow
 * goes: pre-alert → received → inspected → quote sent → (answer) → repaired → dispatched. TMT
 * sends no notifications, so polling is the only way; the client's 60-per-minute rate limit
 * still applies to every check.
 */
import { ConfigError, pollEach, type PollOptions, type PollSubject, PollTimeoutError, type PollTimeoutReason, renameDeprecatedOptions } from '@vendor-contracts/runtime';
import type { TmtFirstClient } from '../client.js';
import type { Device, PrealertRequest } from '../generated/index.js';

/**
 * The runtime's polling options (the same names in every vendor's workflows), with TMT First's
 * pace as defaults: `interval` 60000 ms between checks (`factor` 1), `maxAttempts` 1000 checks,
 * `timeout` 14 days. `onAttempt(job, attempt)` sees every check.
 */
export interface FollowJobOptions extends PollOptions<Device> {
  /**
   * Checks at most.
   * @deprecated Use `maxAttempts` (the same number). Giving both with different values is a `ConfigError`.
   */
  maxChecks?: number;
}

/** TMT First's pace: a job moves in hours and days, and every check counts against 60 calls a minute. */
export const FOLLOW_JOB_DEFAULTS = { interval: 60_000, maxAttempts: 1_000, timeout: 14 * 24 * 3_600_000 } as const;

/** The last status of the Status List: once there, a job changes no more. */
export const FINAL_JOB_STATUS = 'DISPATCHED';

/** The job did not reach the wanted status in time (or ended without it): `attempts` checks, the last job read in `lastValue`. */
export class JobWaitTimeoutError extends PollTimeoutError<Device> {
  readonly connectId: number;

  constructor(connectId: number, attempts: number, lastValue: Device | undefined, why: string, reason: PollTimeoutReason = 'ended') {
    super(
      `tmt-first: job ${connectId} ${why} after ${attempts} check(s) (last status ${lastValue ? JSON.stringify(lastValue.status) : 'unknown'})`,
      { attempts, lastValue, reason },
      { vendor: 'tmt-first', operationId: 'getJob' },
    );
    this.connectId = connectId;
  }

  /** @deprecated Use `attempts`. */
  get checks(): number {
    return this.attempts;
  }

  /** @deprecated Use `lastValue`. */
  get lastJob(): Device | undefined {
    return this.lastValue;
  }
}

/** Status List spellings ("Quote Sent") and response spellings ("QUOTE SENT") compare equal. */
export function sameStatus(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

const normalise = (status: string) => status.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Yields the job each time its status changes (the first read included) and ends after yielding
 * it in `DISPATCHED`. `break` out of the loop to stop following.
 */
export async function* followJob(client: TmtFirstClient, connectId: number, options: FollowJobOptions = {}): AsyncGenerator<Device, void, undefined> {
  const subject = jobSubject(connectId);
  const { maxChecks: _renamed, ...polling } = renameDeprecatedOptions(options, { maxChecks: 'maxAttempts' }, subject);
  const checks = pollEach((_attempt, signal) => client.getJob({ path: { connect_id: connectId } }, { signal }), polling, subject, FOLLOW_JOB_DEFAULTS);
  let last: Device | undefined;
  try {
    for await (const job of checks) {
      const changed = !last || !sameStatus(last.status, job.status);
      last = job;
      if (changed) yield job;
      if (sameStatus(job.status, FINAL_JOB_STATUS)) return;
    }
  } catch (error) {
    if (!(error instanceof PollTimeoutError) || error instanceof JobWaitTimeoutError) throw error;
    const why = error.reason === 'maxAttempts' ? 'did not finish within maxAttempts' : 'did not finish within the timeout';
    throw new JobWaitTimeoutError(connectId, error.attempts, error.lastValue as Device | undefined, why, error.reason);
  }
}

/**
 * Resolves with the job once its status is one of `wanted` (Status List or response spelling) or
 * `wanted(job)` is true. Throws `JobWaitTimeoutError` when the job is dispatched without it, or
 * the checks or the time run out.
 */
export async function waitForJobStatus(
  client: TmtFirstClient,
  connectId: number,
  wanted: string | readonly string[] | ((job: Device) => boolean),
  options: FollowJobOptions = {},
): Promise<Device> {
  const matches = typeof wanted === 'function' ? wanted : (job: Device) => [wanted].flat().some((status) => sameStatus(job.status, status));
  let checks = 0;
  let last: Device | undefined;
  const counting: FollowJobOptions = {
    ...options,
    onAttempt: (job, attempt) => {
      checks = attempt;
      options.onAttempt?.(job, attempt);
    },
  };
  for await (const job of followJob(client, connectId, counting)) {
    last = job;
    if (matches(job)) return job;
  }
  throw new JobWaitTimeoutError(connectId, checks, last, 'was dispatched without reaching the wanted status', 'ended');
}

/** Pre-alerts a device, then waits until TMT First has sent its quote (status QUOTE SENT). */
export async function prealertAndWaitForQuote(client: TmtFirstClient, body: PrealertRequest, options: FollowJobOptions = {}): Promise<{ connectId: number; job: Device }> {
  const { connect_id: connectId } = await client.prealert({ body }, { signal: options.signal });
  const job = await waitForJobStatus(client, connectId, 'Quote Sent', options);
  return { connectId, job };
}

/** Accepts or rejects the quote of a job (`respondToQuote` with status 1 or 2). */
export function answerQuote(client: TmtFirstClient, connectId: number, decision: 'accept' | 'reject', options: { userName?: string; signal?: AbortSignal } = {}) {
  if (decision !== 'accept' && decision !== 'reject') {
    throw new ConfigError(`tmt-first: answerQuote decision must be 'accept' or 'reject'`, { vendor: 'tmt-first', operationId: 'respondToQuote' });
  }
  const body = { connect_id: connectId, status: decision === 'accept' ? (1 as const) : (2 as const), ...(options.userName !== undefined ? { user_name: options.userName } : {}) };
  return client.respondToQuote({ body }, { signal: options.signal });
}

function jobSubject(connectId: number): PollSubject {
  return { what: `tmt-first: job ${connectId}`, vendor: 'tmt-first', operationId: 'getJob' };
}
