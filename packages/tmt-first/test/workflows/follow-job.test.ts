/** The job-following helpers on an injected fetch that plays a job's life, with virtual time. */
import { AbortError, ConfigError, NotFoundError, PollTimeoutError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { answerQuote, createTmtFirstClient, type Device, followJob, JobWaitTimeoutError, prealertAndWaitForQuote, waitForJobStatus } from '../../src/index.js';

const API_KEY = 'tmt-test-key-7c1e';
const CONNECT_ID = 12345;

function device(status: string): Device {
  return {
    connect_id: CONNECT_ID,
    customer_reference: '0-ref1',
    date_in: 'Wed, 22 May 2024 07:45:11 GMT',
    date_out: null,
    date_received: null,
    imei: null,
    job_description: 'Broken screen',
    job_id: 123456,
    make: 'Samsung',
    model: null,
    notes: null,
    po_number: null,
    quote:
      status === 'QUOTE SENT'
        ? { quote_price: '123.94', quote_status: 0, quote_update_date: null, repair_outcome: null, repairable: 'Y', triage_conditions: 'Broken Display' }
        : null,
    ra_flag: 0,
    serial_number: null,
    status,
    tracking_number: null,
  };
}

/** A TMT First whose job reports `statuses` in turn (the last one forever), recording every request. */
function tmt(statuses: string[]) {
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  let reads = 0;
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    requests.push({ method: request.method, path, body: request.body ? await request.clone().json() : undefined });
    const respond = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path === '/prealert') return respond({ connect_id: CONNECT_ID, message: 'Prealert created' }, 200);
    if (path === `/job/${CONNECT_ID}`) return respond(device(statuses[Math.min(reads++, statuses.length - 1)]!));
    if (path === '/quote-response') return respond({ message: 'Quote status updated successfully', status: 'QUOTE ACCEPTED' });
    return respond({ error: 'Job not found' }, 404);
  };
  return {
    requests,
    client: createTmtFirstClient({ apiKey: API_KEY, environment: 'test', fetch, rateLimit: false }),
    jobReads: () => requests.filter((r) => r.path.startsWith('/job/')).length,
  };
}

function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) };
}

const LIFE = ['SUBMITTED', 'SUBMITTED', 'RECEIVED', 'AWAITING INSPECTION', 'QUOTE SENT', 'QUOTE SENT', 'WITH TECHNICIAN', 'DISPATCHED'];

describe('followJob', () => {
  it('yields each status change once and ends after DISPATCHED', async () => {
    const { client, jobReads } = tmt(LIFE);
    const time = virtualTime();
    const seen: string[] = [];
    for await (const job of followJob(client, CONNECT_ID, { ...time, interval: 30_000 })) seen.push(job.status);
    expect(seen).toEqual(['SUBMITTED', 'RECEIVED', 'AWAITING INSPECTION', 'QUOTE SENT', 'WITH TECHNICIAN', 'DISPATCHED']);
    expect(jobReads()).toBe(LIFE.length);
    expect(time.sleeps).toEqual(Array(LIFE.length - 1).fill(30_000));
  });

  it('break stops polling', async () => {
    const { client, jobReads } = tmt(LIFE);
    for await (const job of followJob(client, CONNECT_ID, virtualTime())) if (job.status === 'RECEIVED') break;
    expect(jobReads()).toBe(3);
  });

  it('maxAttempts and timeout bound it → JobWaitTimeoutError (a PollTimeoutError) with the last job', async () => {
    const stuck = tmt(['RECEIVED']);
    const drain = async (options: Parameters<typeof followJob>[2]) => {
      for await (const _ of followJob(stuck.client, CONNECT_ID, options));
    };
    const byChecks = await drain({ ...virtualTime(), maxAttempts: 4 }).catch((e: unknown) => e);
    expect(byChecks).toBeInstanceOf(JobWaitTimeoutError);
    expect(byChecks).toBeInstanceOf(PollTimeoutError);
    expect(byChecks).toMatchObject({ connectId: CONNECT_ID, attempts: 4, reason: 'maxAttempts', lastValue: { status: 'RECEIVED' } });
    expect(stuck.jobReads()).toBe(4);
    const byTime = await drain({ ...virtualTime(), interval: 60_000, timeout: 150_000 }).catch((e: unknown) => e);
    expect(byTime).toBeInstanceOf(JobWaitTimeoutError);
    expect(stuck.jobReads()).toBe(4 + 3); // checks at 0, 60 s, 120 s; the next would start past 150 s
  });

  describe('deprecated names (kept working until the next major)', () => {
    const drain = async (client: ReturnType<typeof tmt>['client'], options: Parameters<typeof followJob>[2]) => {
      for await (const _ of followJob(client, CONNECT_ID, options));
    };

    it('maxChecks still bounds the checks; the error still answers checks and lastJob', async () => {
      const stuck = tmt(['RECEIVED']);
      const error = (await drain(stuck.client, { ...virtualTime(), maxChecks: 3 }).catch((e: unknown) => e)) as JobWaitTimeoutError;
      expect(error).toBeInstanceOf(JobWaitTimeoutError);
      expect(stuck.jobReads()).toBe(3);
      expect(error.checks).toBe(3);
      expect(error.lastJob?.status).toBe('RECEIVED');
      expect(error.lastJob).toBe(error.lastValue);
    });

    it('maxChecks and maxAttempts with the same value are fine; with different values → ConfigError naming both, before any request', async () => {
      const same = tmt(['RECEIVED']);
      await expect(drain(same.client, { ...virtualTime(), maxChecks: 2, maxAttempts: 2 })).rejects.toMatchObject({ attempts: 2 });
      expect(same.jobReads()).toBe(2);
      const conflict = tmt(['RECEIVED']);
      const error = await drain(conflict.client, { ...virtualTime(), maxChecks: 2, maxAttempts: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe('tmt-first: job 12345: maxChecks is a deprecated name of maxAttempts; give only maxAttempts (got both, with different values)');
      expect(conflict.jobReads()).toBe(0);
    });
  });

  it('abort during a wait → AbortError, no further request', async () => {
    const { client, jobReads } = tmt(['RECEIVED']);
    const controller = new AbortController();
    const run = (async () => {
      for await (const _ of followJob(client, CONNECT_ID, { signal: controller.signal, interval: 60_000 }));
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(jobReads()).toBe(1);
  });

  it('an unknown job fails at once with the typed 404', async () => {
    const { client } = tmt(LIFE);
    const run = (async () => {
      for await (const _ of followJob(client, 999, virtualTime()));
    })();
    await expect(run).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bad options are a ConfigError before any request', async () => {
    const { client, jobReads } = tmt(LIFE);
    await expect(followJob(client, CONNECT_ID, { interval: 0 }).next()).rejects.toThrow(ConfigError);
    expect(jobReads()).toBe(0);
  });
});

describe('waitForJobStatus', () => {
  it('takes Status List spellings ("Quote Sent") for response spellings ("QUOTE SENT")', async () => {
    const { client, jobReads } = tmt(LIFE);
    const job = await waitForJobStatus(client, CONNECT_ID, 'Quote Sent', virtualTime());
    expect(job.status).toBe('QUOTE SENT');
    expect(job.quote?.quote_price).toBe('123.94');
    expect(jobReads()).toBe(5);
  });

  it('takes several statuses or a predicate', async () => {
    expect((await waitForJobStatus(tmt(LIFE).client, CONNECT_ID, ['BER', 'Awaiting Inspection'], virtualTime())).status).toBe('AWAITING INSPECTION');
    expect((await waitForJobStatus(tmt(LIFE).client, CONNECT_ID, (job) => job.quote !== null, virtualTime())).status).toBe('QUOTE SENT');
  });

  it('a job dispatched without the wanted status → JobWaitTimeoutError', async () => {
    const { client } = tmt(['RECEIVED', 'BER', 'DISPATCHED']);
    const error = await waitForJobStatus(client, CONNECT_ID, 'Quote Sent', virtualTime()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect((error as Error).message).toContain('dispatched without reaching the wanted status');
    expect((error as JobWaitTimeoutError).lastValue?.status).toBe('DISPATCHED');
    expect(error).toMatchObject({ attempts: 3, reason: 'ended' });
  });
});

describe('pre-alert, wait for the quote, answer it', () => {
  it('composes prealert → getJob… → respondToQuote', async () => {
    const { client, requests } = tmt(LIFE);
    const { connectId, job } = await prealertAndWaitForQuote(
      client,
      { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null },
      virtualTime(),
    );
    expect(connectId).toBe(CONNECT_ID);
    expect(job.status).toBe('QUOTE SENT');
    const answer = await answerQuote(client, connectId, 'accept', { userName: 'John Doe' });
    expect(answer.status).toBe('QUOTE ACCEPTED');
    expect(requests.map((r) => r.path)).toEqual(['/prealert', ...Array(5).fill(`/job/${CONNECT_ID}`), '/quote-response']);
    expect(requests.at(-1)!.body).toEqual({ connect_id: CONNECT_ID, status: 1, user_name: 'John Doe' });
  });

  it('reject sends status 2; a wrong decision is refused before sending', async () => {
    const { client, requests } = tmt(LIFE);
    await answerQuote(client, CONNECT_ID, 'reject');
    expect(requests[0]!.body).toEqual({ connect_id: CONNECT_ID, status: 2 });
    expect(() => answerQuote(client, CONNECT_ID, 'maybe' as 'accept')).toThrow(ConfigError);
    expect(requests).toHaveLength(1);
  });
});
