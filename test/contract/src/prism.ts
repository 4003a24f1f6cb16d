/**
 * Runs Prism (`@stoplight/prism-cli`, from the workspace's node_modules) as a static mock of
 * `specs/<vendor>/openapi.yaml`:
 *
 *   prism mock specs/<vendor>/openapi.yaml --host 127.0.0.1 --port <free port> --errors --no-multiprocess
 *
 * Static mode (no `--dynamic`) so `Prefer: code=<status>, example=<name>` selects a named example;
 * `--errors` turns response/example violations into errors instead of warnings;
 * `--no-multiprocess` keeps Prism in the one process we spawn (with NODE_ENV=production Prism would
 * otherwise fork a worker that a kill by pid would not reach).
 *
 * TEST_API_BASE_URL_<VENDOR> (e.g. TEST_API_BASE_URL_TMT_FIRST) or TEST_API_BASE_URL, when set, is
 * used instead of starting Prism (e.g. a Prism already running from `npm run mock`); `stop()` then
 * does nothing. The tests rely on Prism's behaviour (Prefer, security, request validation), so the
 * URL must be a Prism serving the same spec.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join, relative } from 'node:path';
import { specPath, workspaceRoot } from './workspace.js';

export interface PrismOptions {
  /** Serve this file instead of `specs/<vendor>/openapi.yaml`. */
  specPath?: string;
  /** How long Prism may take to say it is listening. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. @default 5000 @unit milliseconds */
  stopTimeoutMs?: number;
  /** Honour TEST_API_BASE_URL(_<VENDOR>). @default true */
  useEnvBaseUrl?: boolean;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  /** Prism's process id; undefined when the base URL came from the environment. */
  pid: number | undefined;
  /** Everything Prism has printed so far (bounded to the last 256 KiB). */
  output(): string;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill Prism (SIGTERM, then SIGKILL after `stopTimeoutMs`) and wait for it to exit. Idempotent. */
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 256 * 1024;
const PORT_ATTEMPTS = 3;

/** Every Prism this process started and has not yet seen exit: killed on exit as a last resort. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** The env override for this vendor, if any. */
export function envBaseUrl(vendor: string): string | undefined {
  const specific = process.env[`TEST_API_BASE_URL_${vendor.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`];
  const url = specific || process.env.TEST_API_BASE_URL;
  return url ? url.replace(/\/+$/, '') : undefined;
}

/** A TCP port that was free on 127.0.0.1 a moment ago (listen on 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      server.close((error) => (error || port === undefined ? reject(error ?? new Error('no port')) : resolve(port)));
    });
  });
}

/** The Prism CLI entry point in the workspace's node_modules (never npx). */
export function prismCliPath(): string {
  const pkgDir = join(workspaceRoot(), 'node_modules', '@stoplight', 'prism-cli');
  const manifest = join(pkgDir, 'package.json');
  if (!existsSync(manifest)) throw new Error(`@stoplight/prism-cli is not installed at ${pkgDir}; run npm install at the workspace root`);
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin;
  const entry = typeof bin === 'string' ? bin : (bin?.prism ?? 'dist/index.js');
  return join(pkgDir, entry);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export async function startPrism(vendor: string, options: PrismOptions = {}): Promise<PrismServer> {
  const fromEnv = options.useEnvBaseUrl === false ? undefined : envBaseUrl(vendor);
  if (fromEnv) {
    return { baseUrl: fromEnv, pid: undefined, output: () => '', exited: new Promise(() => {}), stop: async () => {} };
  }
  const document = options.specPath ?? specPath(vendor);
  if (!existsSync(document)) throw new Error(`startPrism(${vendor}): no spec at ${document}`);
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    try {
      return await launch(document, await freePort(), options);
    } catch (error) {
      lastError = error as Error;
      // Another process may have taken the port between our probe and Prism's bind: try another.
      if (!/EADDRINUSE/.test(lastError.message)) break;
    }
  }
  throw lastError;
}

async function launch(document: string, port: number, options: PrismOptions): Promise<PrismServer> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  // `specs/<vendor>/openapi.yaml` relative to the root (Prism runs there), as in the docs.
  const shown = relative(workspaceRoot(), document);
  const documentArg = shown.startsWith('..') || isAbsolute(shown) ? document : shown;
  const args = [prismCliPath(), 'mock', documentArg, '--host', '127.0.0.1', '--port', String(port), '--errors', '--no-multiprocess'];
  const child = spawn(process.execPath, args, {
    cwd: workspaceRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  installExitHook();
  live.add(child);

  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8').replace(ANSI, '');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});

  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  const baseUrl = `http://127.0.0.1:${port}`;
  const listening = new RegExp(`Prism is listening on http://127\\.0\\.0\\.1:${port}\\b`);
  const started = new Promise<void>((resolve) => {
    const check = () => {
      if (listening.test(output)) {
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
  });

  const exitedEarly = exited.then(({ code, signal }): never => {
    throw new Error(`Prism exited (code ${code}, signal ${signal}) before listening on ${baseUrl}. Its output:\n${output}`);
  });
  exitedEarly.catch(() => {}); // only meaningful during start-up

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      started,
      spawnError,
      exitedEarly,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Prism did not start listening on ${baseUrl} within ${startTimeoutMs} ms. Its output:\n${output}`)), startTimeoutMs);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  return { baseUrl, pid: child.pid, output: () => output, exited, stop };
}
