/**
 * A real Redis (`redis-server` from Debian's redis-server package) on a free 127.0.0.1 port:
 *
 *   redis-server --bind 127.0.0.1 --port <port> --dir <tmp> --appendonly yes --appendfsync always --save ''
 *
 * Append-only file with fsync on every write, so a `kill()` loses nothing acknowledged and
 * `restart()` finds every key again (the configuration a durable deduplication store needs).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@vendor-contracts/contract-tests/prism';
import { startServer, type TestServer } from './server.js';
import { registerTempDir, supervise, waitUntilReady } from './supervise.js';

export interface RedisOptions {
  /** Extra `redis-server` arguments, after ours (later ones win), e.g. `['--appendfsync', 'everysec']`. */
  args?: string[];
  /** How long a start may take. @default 30000 @unit milliseconds */
  startTimeoutMs?: number;
}

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export function redisServerPath(): string {
  const found = REDIS_SERVER.find((path) => existsSync(path));
  if (!found) throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run does this)');
  return found;
}

export async function startRedis(options: RedisOptions = {}): Promise<TestServer> {
  const binary = redisServerPath();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vc-redis-'));
  registerTempDir(dataDir);
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dataDir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--save',
    '',
    '--daemonize',
    'no',
    ...(options.args ?? []),
  ];
  const launch = async () => {
    const proc = supervise(binary, args);
    await waitUntilReady('redis-server', proc, () => ping(port), options.startTimeoutMs ?? 30_000);
    return proc;
  };
  return startServer({ url: `redis://127.0.0.1:${port}`, port, dataDir, launch, stopSignal: 'SIGTERM' });
}

/** One `PING` over a raw socket: true on `+PONG` (not on `-LOADING` while the AOF is replayed). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
