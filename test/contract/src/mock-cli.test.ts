/**
 * `npm run mock`, run for real: one Prism process serves every named vendor, each on its own port
 * (the mock package's Prism host), and SIGTERM stops it. Linux: the process tree is read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from './workspace.js';

const VENDORS = ['tmt-first', 'telecomx', 'atttool'];

function runCli(args: string[]): ChildProcess {
  const tsx = join(workspaceRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
  // A process group of its own, so a failed test can stop the whole tree (tsx's child and its Prism).
  return spawn(process.execPath, [tsx, 'test/contract/src/mock-cli.ts', ...args], { cwd: workspaceRoot(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Resolves with the stdout so far once `done(stdout)` holds; rejects if the process exits first or after `ms`. */
function readUntil(child: ChildProcess, done: (stdout: string) => boolean, ms: number): Promise<string> {
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock-cli did not get ready within ${ms} ms:\n${stdout}\n${stderr}`)), ms);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (done(stdout)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock-cli exited (${code}) before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

/** Every live process whose parent is `pid`, from /proc/<pid>/stat (field 4). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid ? [Number(entry)] : [];
      } catch {
        return []; // exited meanwhile
      }
    });
}

/** The executable's name (`/proc/<pid>/comm`), or '' once the process has gone. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run mock', () => {
  let cli: ChildProcess;
  let stdout: string;
  let exited: Promise<number | null>;
  beforeAll(async () => {
    cli = runCli(VENDORS);
    exited = new Promise((resolve) => cli.once('exit', (code) => resolve(code)));
    stdout = await readUntil(cli, (out) => out.includes('# one Prism process'), 90_000);
  }, 100_000);
  afterAll(() => {
    // The group, by its id (the tool's pid): SIGKILL of the tool alone would leave tsx's child running.
    try {
      process.kill(-cli.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });

  it('serves every named vendor from one Prism process, each on its own port, and SIGTERM stops it', async () => {
    const urls = new Map([...stdout.matchAll(/^(\S+) {2}(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...urls.keys()]).toEqual(VENDORS);
    expect(new Set(urls.values()).size).toBe(VENDORS.length);
    const pid = Number(/pid (\d+)\) serves 3 vendor\(s\)/.exec(stdout)?.[1]);
    // The tool (tsx) runs mock-cli in a child process of its own; that process started exactly one
    // Prism. (tsx's esbuild service, a child too while it lives, is no server and is not counted.)
    const [tool, ...others] = childrenOf(cli.pid!).filter((child) => commandOf(child) !== 'esbuild');
    expect(others).toEqual([]);
    expect(childrenOf(tool!).filter((child) => commandOf(child) !== 'esbuild')).toEqual([pid]);
    expect(commandOf(pid)).toMatch(/node/);
    // Each vendor's port is Prism answering (for a path the spec lacks, its own 404 problem).
    for (const url of urls.values()) {
      const response = await fetch(`${url}/no-such-path-in-any-spec`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('NO_PATH_MATCHED_ERROR');
    }
    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('refuses an unknown vendor, naming the available ones', async () => {
    const other = runCli(['no-such-vendor']);
    let stderr = '';
    other.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise((resolve) => other.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown vendor(s): no-such-vendor; available: ');
    expect(stderr).toContain('tmt-first');
  }, 60_000);
});
