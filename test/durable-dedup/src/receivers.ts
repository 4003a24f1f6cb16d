/**
 * The fleet of receiver processes (`receiver-main.ts`, run with tsx on the packages' TypeScript
 * source), each on a fixed port so a killed receiver comes back at the same address. Killed by
 * their own process ids; any still running when the test process exits are SIGKILLed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./receiver-main.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const live = new Set<ChildProcess>();
let hooked = false;

export interface ReceiverProcess {
  readonly port: number;
  readonly pid: number;
  /** SIGKILL, as a crash: requests in flight get a broken connection. */
  kill(): Promise<void>;
  /** Start again on the same port (after `kill`). */
  start(): Promise<void>;
}

function launch(env: Record<string, string>): Promise<ChildProcess> {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const child of live) child.kill('SIGKILL');
    });
  }
  const child = spawn(process.execPath, ['--conditions=@vendor-contracts/source', '--import', 'tsx', MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`receiver not ready after ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-16_384)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`receiver exited (${code ?? signal}) before ready:\n${output}`));
    });
  });
}

export async function startReceiver(port: number, env: Record<string, string>): Promise<ReceiverProcess> {
  let child = await launch({ ...env, PORT: String(port) });
  return {
    port,
    get pid() {
      return child.pid!;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async start() {
      child = await launch({ ...env, PORT: String(port) });
    },
  };
}
