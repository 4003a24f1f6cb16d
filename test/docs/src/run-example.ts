/**
 * Running an example as a user would: its own Node process with tsx, the packages resolved to their
 * TypeScript source (`--conditions=@vendor-contracts/source`, so no build is needed), and
 * `reroute.ts` preloaded. Its output is captured, never printed.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES_ENV } from './reroute.js';
import type { Route } from './vendors.js';

const PRELOAD = new URL('./reroute.ts', import.meta.url).href;
const OUTPUT_LIMIT = 64 * 1024;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  routes: readonly Route[];
  /** More environment for the example (e.g. `DATABASE_URL`/`REDIS_URL` of a server the harness started). */
  env?: Record<string, string>;
  /** Kill the example (by its pid) after this long. @default 60000 @unit milliseconds */
  timeoutMs?: number;
}

/** Runs the TypeScript file `file` (inside the workspace, so its imports resolve) and waits for it to exit. */
export function runExample(file: string, options: RunOptions): Promise<RunResult> {
  const args = ['--conditions=@vendor-contracts/source', '--import', 'tsx', '--import', PRELOAD, file];
  const child = spawn(process.execPath, args, {
    cwd: dirname(file),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, [ROUTES_ENV]: JSON.stringify(options.routes), FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const output = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      output[stream] = (output[stream] + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    });
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ...output, timedOut });
    });
  });
}

/** A failed run, told so that the README line and the example's own output are in the test failure. */
export function describeRun(name: string, result: RunResult): string {
  const how = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
  return `${name} ${how}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

export const docsPackageRoot = fileURLToPath(new URL('..', import.meta.url));
