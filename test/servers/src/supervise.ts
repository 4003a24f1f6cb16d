/**
 * One server process under test control: spawned as the leader of its own process group (so a
 * kill reaches PostgreSQL's backends too, like a machine crash), its output kept (bounded) for
 * readiness and error messages, killed by its own process id, never by name. Every server still
 * running when the test process exits is SIGKILLed and every temporary directory removed.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

const OUTPUT_LIMIT = 64 * 1024;

export interface Supervised {
  readonly pid: number;
  output(): string;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  alive(): boolean;
  /** `signal` to the whole group, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child.pid!, 'SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** Removed when the test process exits (and by `removeTempDir` before that). */
export function registerTempDir(dir: string): void {
  installExitHook();
  tempDirs.add(dir);
}

export function removeTempDir(dir: string): void {
  tempDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function supervise(command: string, args: string[], options: Pick<SpawnOptions, 'uid' | 'gid' | 'cwd' | 'env'> = {}): Supervised {
  installExitHook();
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    const done = () => {
      exited = true;
      live.delete(child);
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      output += `\n${error.message}`;
      done();
    });
  });
  if (child.pid === undefined) {
    // Spawn failed synchronously-ish (ENOENT arrives as 'error'); keep the shape.
    live.delete(child);
  }
  return {
    pid: child.pid ?? -1,
    output: () => output,
    exited: exitedPromise,
    alive: () => !exited,
    async stop(signal, graceMs) {
      if (exited || child.pid === undefined) return;
      killGroup(child.pid, signal);
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          killGroup(child.pid!, 'SIGKILL');
          resolve();
        }, graceMs);
      });
      await Promise.race([exitedPromise, forced]);
      clearTimeout(timer);
      await exitedPromise;
      // The leader is gone; make sure no member of its group outlives it (PostgreSQL backends).
      killGroup(child.pid, 'SIGKILL');
    },
  };
}

/**
 * Polls `ready` every 50 ms until it resolves true, the process exits, or `timeoutMs` passes
 * (then throws with the process's output, so a failed start says why).
 */
export async function waitUntilReady(name: string, proc: Supervised, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!proc.alive()) throw new Error(`${name} exited during start:\n${proc.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await proc.stop('SIGKILL', 1_000);
  throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${proc.output()}`);
}
