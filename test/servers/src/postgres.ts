/**
 * A real PostgreSQL (Debian's postgresql package, binaries in /usr/lib/postgresql/<major>/bin) on
 * a free 127.0.0.1 port with a fresh cluster in a temporary directory:
 *
 *   initdb -D <tmp>/data -U postgres -A trust --no-sync
 *   postgres -D <tmp>/data -p <port> -k <tmp> -c listen_addresses=127.0.0.1 -c fsync=off
 *
 * PostgreSQL refuses to run as root, so when we are root both run as the `postgres` user (the
 * temporary directory is chowned to it). `fsync=off` is safe for these tests: a `kill()` kills the
 * processes, not the machine, so the page cache survives and crash recovery still runs on restart.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@vendor-contracts/contract-tests/prism';
import { startServer, type TestServer } from './server.js';
import { registerTempDir, supervise, waitUntilReady } from './supervise.js';

export interface PostgresOptions {
  /** Extra `-c name=value` settings, e.g. `{ max_connections: '300' }`. */
  settings?: Record<string, string>;
  /** How long a start (or initdb) may take. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
}

const READY = 'database system is ready to accept connections';

/** The newest `/usr/lib/postgresql/<major>/bin` that has `postgres` and `initdb`. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<major>/bin/postgres): apt-get install -y postgresql (.ci/run does this)');
}

/** Root → the `postgres` system user's ids (from /etc/passwd); anyone else runs as themselves. */
function unprivilegedIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root but there is no postgres user to run PostgreSQL as (apt-get install -y postgresql creates it)');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<TestServer> {
  const bin = postgresBinDir();
  const ids = unprivilegedIds();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'vc-postgres-'));
  registerTempDir(dir);
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, 'data');
  const runAs = { ...ids, cwd: dir };
  try {
    await promisify(execFile)(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { ...runAs, timeout: timeoutMs });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`initdb failed: ${stderr || message}`);
  }
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', fsync: 'off', ...options.settings };
  const args = ['-D', data, '-p', String(port), '-k', dir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const launch = async () => {
    const proc = supervise(join(bin, 'postgres'), args, runAs);
    await waitUntilReady('postgres', proc, async () => proc.output().includes(READY), timeoutMs);
    return proc;
  };
  // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, close clients, exit.
  return startServer({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dataDir: dir, launch, stopSignal: 'SIGINT' });
}
