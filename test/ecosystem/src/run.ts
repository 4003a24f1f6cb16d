/** Runs a command for the suite: no shell, bounded time and output, npm's own env vars dropped. */
import { execFile } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a child, without the `npm_*` variables `npm test` sets (they would redirect a child npm). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, ...extra };
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? childEnv(), timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        const killed = error && (error as { killed?: boolean }).killed ? `\n(killed after ${options.timeoutMs ?? 120_000} ms)` : '';
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + killed });
      },
    );
  });
}

/** Throws with the command's output when it failed, so a failing step explains itself. */
export function ok(step: string, result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  return result;
}
