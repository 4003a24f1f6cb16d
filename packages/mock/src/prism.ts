/**
 * Runs the real Prism (`@stoplight/prism-http` behind `@stoplight/prism-http-server`, this
 * package's dependencies) in ONE child Node process for any number of specs: `prism-host.ts`
 * loads Prism once and serves each spec on its own free 127.0.0.1 port, configured as
 *
 *   prism mock  <spec> --errors                (mode 'mock')
 *   prism proxy <spec> <upstream>              (mode 'proxy')
 *
 * would be. Static mock mode (no `--dynamic`), so `Prefer: code=<status>, example=<name>` selects
 * a named example; `--errors` turns request/example violations into errors instead of warnings.
 * The proxy passes the upstream's answer through and lists what breaks the spec in the
 * `sl-violations` header, which the live verification reads.
 *
 * The child is stopped by its own pid (SIGTERM, then SIGKILL); it also exits when this process
 * goes away (its IPC channel closes), so a killed test run leaves no Prism behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostEntry, HostMessage } from './prism-host.js';

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
  /** The process id of the Prism process serving it. */
  pid: number | undefined;
  /** Everything that process has printed so far (Prism's JSON log lines; bounded to the last 256 KiB). */
  output(): string;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill the process (SIGTERM, then SIGKILL after `stopTimeoutMs`) and wait for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/** One spec for {@link startPrismHost}; `name` (a vendor) keys its URL and names it in errors. */
export interface PrismHostSpec {
  name: string;
  /** A file path (relative to `cwd`, or absolute). */
  spec: string;
  /** @default 'mock' */
  mode?: 'mock' | 'proxy';
  /** The real API, for `proxy`. */
  upstream?: string;
}

/** One Prism process serving several specs, each on its own port. */
export interface PrismHost extends Omit<PrismServer, 'baseUrl'> {
  /** Each spec's base URL (`http://127.0.0.1:<port>`), by name. */
  urls: Record<string, string>;
}

const OUTPUT_LIMIT = 256 * 1024;

/** Every Prism process this process started and has not yet seen exit: killed on exit as a last resort. */
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

/**
 * How to run the host: the compiled `prism-host.js` next to this file; from source (this
 * workspace's own tests run the TypeScript) the `.ts` file through tsx, the workspace's loader.
 */
function hostCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return [join(dirname(here), 'prism-host.js')];
  let tsx: string;
  try {
    tsx = createRequire(import.meta.url).resolve('tsx/esm');
  } catch {
    throw new Error('@vendor-contracts/mock: running from its TypeScript source needs tsx installed; use the built package (dist)');
  }
  return ['--import', pathToFileURL(tsx).href, join(dirname(here), 'prism-host.ts')];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * Starts one Prism process serving every spec, each on its own free 127.0.0.1 port. Rejects,
 * naming each spec that failed and why, if any could not be served (the process is stopped then).
 */
export async function startPrismHost(specs: readonly PrismHostSpec[], options: Omit<PrismOptions, 'mode' | 'upstream'> = {}): Promise<PrismHost> {
  const cwd = options.cwd ?? process.cwd();
  const names = new Set<string>();
  const entries: HostEntry[] = specs.map(({ name, spec, mode = 'mock', upstream }) => {
    if (names.has(name)) throw new Error(`startPrismHost: "${name}" is named twice`);
    names.add(name);
    if (!existsSync(resolvePath(cwd, spec))) throw new Error(`${name}: no spec at ${spec}`);
    if (mode === 'proxy') {
      if (!upstream) throw new Error(`${name}: proxy mode needs an upstream URL`);
      if (!URL.canParse(upstream)) throw new Error(`${name}: the upstream must be an absolute URL, got "${upstream}"`);
    }
    return { name, spec, mode, ...(upstream ? { upstream } : {}) };
  });
  if (entries.length === 0) throw new Error('startPrismHost: no spec to serve');

  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const child = spawn(process.execPath, [...hostCommand(), JSON.stringify(entries)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
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
    const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), stopTimeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  const urls: Record<string, string> = {};
  const failures: string[] = [];
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: HostMessage) => {
      if (message.type === 'listening') urls[message.name] = message.url;
      else if (message.type === 'failed') {
        const entry = entries.find((e) => e.name === message.name);
        const what = entry && entry.spec !== entry.name ? `${entry.name}: Prism could not serve ${entry.spec}` : `Prism could not serve ${message.name}`;
        failures.push(`${what}: ${message.message}`);
      } else if (message.type === 'ready') resolve();
    });
  });
  const pending = () =>
    entries
      .filter((e) => !(e.name in urls))
      .map((e) => `${e.name} (${e.spec})`)
      .join(', ');
  const exitedEarly = exited.then(({ code, signal }): never => {
    throw new Error(`Prism exited (code ${code}, signal ${signal}) before serving ${pending()}. Its output:\n${output}`);
  });
  exitedEarly.catch(() => {}); // only meaningful during start-up

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      spawnError,
      exitedEarly,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Prism did not serve ${pending()} within ${startTimeoutMs} ms. Its output:\n${output}`)), startTimeoutMs);
      }),
    ]);
    if (failures.length) throw new Error(failures.join('\n'));
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  return { urls, pid: child.pid, output: () => output, exited, stop };
}

/** Starts Prism on one spec (a file path), on a free 127.0.0.1 port, in a process of its own. */
export async function startPrism(spec: string, options: PrismOptions = {}): Promise<PrismServer> {
  const { mode = 'mock', upstream, ...rest } = options;
  if (!existsSync(resolvePath(options.cwd ?? process.cwd(), spec))) throw new Error(`startPrism: no spec at ${spec}`);
  if (mode === 'proxy' && !upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
  const host = await startPrismHost([{ name: spec, spec, mode, ...(upstream ? { upstream } : {}) }], rest).catch((error: Error) => {
    throw new Error(`startPrism: ${error.message}`);
  });
  return { baseUrl: host.urls[spec]!, pid: host.pid, output: host.output, exited: host.exited, stop: host.stop };
}
