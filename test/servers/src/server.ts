/**
 * The handle every test server returns, and the lifecycle behind it: `launch` starts the process
 * on a fixed port and data directory, so `restart()` brings the same server (same URL, same data)
 * back after a `kill()` (crash) or a graceful stop.
 */
import type { Supervised } from './supervise.js';
import { removeTempDir } from './supervise.js';

export interface TestServer {
  /** How a client connects, e.g. `redis://127.0.0.1:<port>` or `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** The running server's process id (a new one after `restart()`). */
  readonly pid: number;
  /** The temporary data directory; kept across `kill()` and `restart()`, removed by `stop()` and on exit. */
  readonly dataDir: string;
  /** Graceful shutdown (bounded, then SIGKILL), then remove the data directory. Idempotent; final. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown, the data directory stays for `restart()`. */
  kill(): Promise<void>;
  /** Stop gracefully if running, then start again on the same port with the same data. */
  restart(): Promise<void>;
}

export interface ServerLifecycle {
  url: string;
  port: number;
  dataDir: string;
  launch(): Promise<Supervised>;
  /** The signal that asks for a fast, clean shutdown. */
  stopSignal: NodeJS.Signals;
}

const STOP_GRACE_MS = 10_000;

export async function startServer(lifecycle: ServerLifecycle): Promise<TestServer> {
  let current: Supervised | undefined = await lifecycle.launch();
  let stopped = false;
  return {
    url: lifecycle.url,
    port: lifecycle.port,
    dataDir: lifecycle.dataDir,
    get pid() {
      return current?.pid ?? -1;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await current?.stop(lifecycle.stopSignal, STOP_GRACE_MS);
      current = undefined;
      removeTempDir(lifecycle.dataDir);
    },
    async kill() {
      await current?.stop('SIGKILL', STOP_GRACE_MS);
    },
    async restart() {
      if (stopped) throw new Error(`restart() after stop(): ${lifecycle.url} is gone`);
      await current?.stop(lifecycle.stopSignal, STOP_GRACE_MS);
      current = undefined;
      current = await lifecycle.launch();
    },
  };
}
