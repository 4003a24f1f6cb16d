/** Runs a command for the publish test: no shell, bounded time, output captured, npm's own env vars dropped. */
import { execFile } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a child: without the `npm_config_*`/`npm_package_*` variables npm sets for
 * `npm test`, which would otherwise override the temp `.npmrc` (registry, cache, token).
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(config|package|lifecycle)_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 300_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Throws with the command's output when it failed, so a failing step explains itself. */
export function ok(step: string, result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}
