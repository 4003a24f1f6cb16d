/**
 * Following a repair job through TMT First's statuses by polling `getJob`, as the document's flow
 * goes: pre-alert → received → inspected → quote sent → (answer) → repaired → dispatched. TMT
 * sends no notifications, so polling is the only way; the client's 60-per-minute rate limit
 * still applies to every check.
 */
import { AbortError, ConfigError, sleep as defaultSleep, VendorContractsError } from '@vendor-contracts/runtime';
import type { TmtFirstClient } from '../client.js';
import type { Device, PrealertRequest } from '../generated/index.js';

export interface FollowJobOptions {
  /** Stop following (→ `AbortError`), also during a wait between checks. */
  signal?: AbortSignal;
  /**
   * Time between two checks of the job.
   * @default 60000
   * @unit milliseconds
   */
  interval?: number;
  /** Checks at most → `JobWaitTimeoutError` after the last. @default 1000 */
  maxChecks?: number;
  /**
   * Overall time allowed; a wait that would pass it is not started → `JobWaitTimeoutError`.
   * @default 1209600000 (14 days)
   * @unit milliseconds
   */
  timeout?: number;
  /** How to wait; injectable for tests. Must reject when `signal` aborts. @default the runtime's `sleep` (a timer the signal clears) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock for `timeout`; injectable for tests. @default Date.now */
  now?: () => number;
}

/** The last status of the Status List: once there, a job changes no more. */
export const FINAL_JOB_STATUS = 'DISPATCHED';

/** The job did not reach the wanted status in time (or ended without it). */
export class JobWaitTimeoutError extends VendorContractsError {
  readonly connectId: number;
  readonly checks: number;
  readonly lastJob: Device | undefined;

  constructor(connectId: number, checks: number, lastJob: Device | undefined, why: string) {
    super(`tmt-first: job ${connectId} ${why} after ${checks} check(s) (last status ${lastJob ? JSON.stringify(lastJob.status) : 'unknown'})`, {
      vendor: 'tmt-first',
      operationId: 'getJob',
    });
    this.connectId = connectId;
    this.checks = checks;
    this.lastJob = lastJob;
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
  const interval = positive('interval', options.interval ?? 60_000);
  const maxChecks = Math.floor(positive('maxChecks', options.maxChecks ?? 1_000));
  const timeout = positive('timeout', options.timeout ?? 14 * 24 * 3_600_000);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const { signal } = options;
  const deadline = now() + timeout;
  let last: Device | undefined;
  for (let checks = 1; checks <= maxChecks; checks += 1) {
    if (signal?.aborted) throw abortError(connectId, signal.reason);
    const job = await client.getJob({ path: { connect_id: connectId } }, { signal });
    const changed = !last || !sameStatus(last.status, job.status);
    last = job;
    if (changed) yield job;
    if (sameStatus(job.status, FINAL_JOB_STATUS)) return;
    if (checks === maxChecks) break;
    if (now() + interval > deadline) throw new JobWaitTimeoutError(connectId, checks, last, `did not finish within ${timeout} ms`);
    try {
      await sleep(interval, signal);
    } catch (error) {
      throw signal?.aborted ? abortError(connectId, signal.reason) : error;
    }
  }
  throw new JobWaitTimeoutError(connectId, maxChecks, last, `did not finish within maxChecks ${maxChecks}`);
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
  for await (const job of followJob(client, connectId, options)) {
    checks += 1;
    last = job;
    if (matches(job)) return job;
  }
  throw new JobWaitTimeoutError(connectId, checks, last, 'was dispatched without reaching the wanted status');
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

function abortError(connectId: number, cause: unknown): AbortError {
  return new AbortError(`tmt-first: following job ${connectId} was aborted`, { vendor: 'tmt-first', operationId: 'getJob' }, { cause });
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new ConfigError(`tmt-first: ${name} must be a positive number`, { vendor: 'tmt-first' });
  return value;
}
