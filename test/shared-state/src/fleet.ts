/**
 * A fleet of worker processes (`worker-main.ts`), each a separate Node process with its own
 * clients, sharing state only through Redis. Stopped by their own process ids; any still running
 * when the test process exits are SIGKILLed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const JOB_TIMEOUT_MS = 90_000;

export type Job =
  | { kind: 'rate'; baseUrl: string; apiKey: string; limit: number; windowSeconds: number; calls: number; inFlight: number; deadlineMs: number }
  | { kind: 'token'; baseUrl: string; username: string; calls: number };

export interface JobResult {
  ok: number;
  /** Error class names of failed calls. */
  errors: string[];
  /** `store:operation` of every `onStoreError` event. */
  storeErrors: string[];
}

export interface Fleet {
  readonly size: number;
  /** Run `job` on every worker at once (or on those listed); the results in worker order. */
  run(job: Job, workers?: number[]): Promise<JobResult[]>;
  stop(): Promise<void>;
}

export async function startFleet(size: number, redisUrl: string): Promise<Fleet> {
  const children = await Promise.all(Array.from({ length: size }, () => launch(redisUrl)));
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  return {
    size,
    run: (job, workers = children.map((_, i) => i)) => Promise.all(workers.map((i) => ask(children[i]!, job))),
    async stop() {
      await Promise.all(
        children.map((child) => {
          if (child.exitCode !== null || child.signalCode !== null) return undefined;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGKILL');
          return exited;
        }),
      );
    },
  };
}

function launch(redisUrl: string): Promise<ChildProcess> {
  const child = fork(MAIN, [], {
    execArgv: ['--conditions=@vendor-contracts/source', '--import', 'tsx'],
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-8_192)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker not ready after ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message === 'ready') resolve(child);
      else reject(new Error(`worker said ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before ready:\n${output}`));
    });
  });
}

function ask(child: ChildProcess, job: Job): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${child.pid} did not finish its job within ${JOB_TIMEOUT_MS} ms`)), JOB_TIMEOUT_MS);
    child.once('message', (result) => {
      clearTimeout(timer);
      resolve(result as JobResult);
    });
    child.send(job);
  });
}
