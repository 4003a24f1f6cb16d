/**
 * One worker process of a fleet (started by `fleet.ts` with tsx on the packages' source). It
 * waits for a job over IPC, runs it with a real vendor client whose shared state lives in Redis,
 * and answers with what happened. Jobs:
 *   rate   TMT First calls (`listDevices`), `inFlight` at a time, through a RedisRateLimitStore
 *   token  Totalmobile calls (`listPlanningWindows`), all at once, through a RedisTokenStore
 */
import { Redis } from 'ioredis';
import { RedisRateLimitStore, RedisTokenStore } from '@vendor-contracts/runtime/redis';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
import type { Job, JobResult } from './fleet.js';

// Bounded everywhere: a command fails after 2 s (the clients stop waiting after 1 s), nothing queues while Redis is down, and the
// client reconnects every 100 ms (so a restarted Redis is used again).
const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000, retryStrategy: () => 100, lazyConnect: false });
redis.on('error', () => undefined);
const KEY = Uint8Array.from(Buffer.from('c2hhcmVkLXN0YXRlLXRlc3Qta2V5LTMyLWJ5dGVzISE=', 'base64'));
const rateLimitStore = new RedisRateLimitStore({ redis });
const tokenStore = new RedisTokenStore({ redis, encryptionKey: KEY });
// One client per account, kept across jobs: its local cache must not hide the shared store.
const accounts = new Map<string, ReturnType<typeof createTotalmobileClient>>();

// The running job's store events (the Totalmobile client outlives its first job).
let storeErrors: string[] = [];
const hooks = {
  onStoreError: (e: { store: string; operation: string; error: unknown }) =>
    void storeErrors.push(`${e.store}:${e.operation}: ${String((e.error as Error)?.message).slice(0, 80)}`),
};

async function run(job: Job): Promise<JobResult> {
  storeErrors = [];
  const errors: string[] = [];
  let ok = 0;
  if (job.kind === 'rate') {
    const tmt = createTmtFirstClient({
      apiKey: job.apiKey,
      baseUrl: job.baseUrl,
      rateLimit: { limit: job.limit, windowSeconds: job.windowSeconds },
      rateLimitStore,
      hooks,
      deadline: job.deadlineMs,
    });
    let next = 0;
    const lane = async () => {
      while (next < job.calls) {
        next++;
        await tmt.listDevices().then(
          () => void ok++,
          (e: Error) => void errors.push(e.name),
        );
      }
    };
    await Promise.all(Array.from({ length: job.inFlight }, lane));
  } else {
    let tm = accounts.get(job.username);
    if (!tm) accounts.set(job.username, (tm = createTotalmobileClient({ username: job.username, password: 'fleet-password-1', baseUrl: job.baseUrl, tokenStore, hooks })));
    const client = tm;
    const results = await Promise.allSettled(Array.from({ length: job.calls }, () => client.listPlanningWindows()));
    for (const r of results) r.status === 'fulfilled' ? ok++ : errors.push((r.reason as Error).name);
  }
  return { ok, errors, storeErrors };
}

process.on('message', (job: Job) => {
  run(job).then(
    (result) => process.send!(result),
    (error: Error) => process.send!({ ok: 0, errors: [`worker: ${error.message}`], storeErrors: [] }),
  );
});
process.send!('ready');
