/**
 * Runs the real Prism (`@stoplight/prism-cli`, this package's dependency) as a child process:
 *
 *   prism mock  <spec> --host 127.0.0.1 --port <free port> --errors --no-multiprocess
 *   prism proxy <spec> <upstream> --host 127.0.0.1 --port <free port> --no-multiprocess
 *
 * Static mock mode (no `--dynamic`) so `Prefer: code=<status>, example=<name>` selects a named
 * example; `--errors` turns request/example violations into errors instead of warnings. The proxy
 * runs without `--errors`: it passes the upstream's answer through and lists what breaks the spec
 * in the `sl-violations` header, which the live verification reads. `--no-multiprocess` keeps
 * Prism in the one process we spawn, so a kill by its pid reaches it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve as resolvePath } from 'node:path';

export interface PrismOptions {
  /** `mock` serves the spec's examples; `proxy` forwards to `upstream` and validates. @default 'mock' */
  mode?: 'mock' | 'proxy';
  /** The real API for `proxy` mode (`https://api.example.com`). */
  upstream?: string;
  /** Prism's working directory; also what a relative spec path is relative to. @default process.cwd() */
  cwd?: string;
  /** How long Prism may take to say it is listening. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. @default 5000 @unit milliseconds */
  stopTimeoutMs?: number;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  /** Prism's process id. */
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

/** The Prism CLI entry point of the installed `@stoplight/prism-cli` (never npx, never the network). */
export function prismCliPath(): string {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  } catch {
    throw new Error('@stoplight/prism-cli is not installed next to @vendor-contracts/mock; reinstall @vendor-contracts/mock');
  }
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin;
  const entry = typeof bin === 'string' ? bin : (bin?.prism ?? 'dist/index.js');
  return join(dirname(manifest), entry);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Starts Prism on `spec` (a file path), on a free 127.0.0.1 port (retrying if another process takes it first). */
export async function startPrism(spec: string, options: PrismOptions = {}): Promise<PrismServer> {
  if (!existsSync(resolvePath(options.cwd ?? process.cwd(), spec))) throw new Error(`startPrism: no spec at ${spec}`);
  if ((options.mode ?? 'mock') === 'proxy' && !options.upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    try {
      return await launch(spec, await freePort(), options);
    } catch (error) {
      lastError = error as Error;
      // Another process may have taken the port between our probe and Prism's bind: try another.
      if (!/EADDRINUSE/.test(lastError.message)) break;
    }
  }
  throw lastError;
}

async function launch(spec: string, port: number, options: PrismOptions): Promise<PrismServer> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const where = ['--host', '127.0.0.1', '--port', String(port), '--no-multiprocess'];
  const args = options.mode === 'proxy' ? ['proxy', spec, options.upstream!, ...where] : ['mock', spec, ...where, '--errors'];
  const child = spawn(process.execPath, [prismCliPath(), ...args], {
    cwd: options.cwd ?? process.cwd(),
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
