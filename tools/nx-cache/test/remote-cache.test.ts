/**
 * Sharing the Nx cache through a directory: checkout A runs codegen and build with a cache server
 * storing into a shared folder; a second, clean checkout B — served by a fresh server on the same
 * folder, as another machine on the same mount would be — gets both from the cache instead of
 * running them, outputs included.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempWorkspace, nxAsync, type TempWorkspace } from '@vendor-contracts/nx-plugin/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheServer, startCacheServer } from '../src/server.js';

const TOKEN = 'team-cache-token';
const TASKS = ['@vendor-contracts/runtime:build', '@vendor-contracts/tmt-first:codegen', '@vendor-contracts/tmt-first:build'];
let shared: string;
const workspaces: TempWorkspace[] = [];
const servers: CacheServer[] = [];

beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), 'nx-shared-cache-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const w of workspaces) w.remove();
  rmSync(shared, { recursive: true, force: true });
});

/** A clean checkout running `nx run-many -t codegen build` for tmt-first against a server on the shared folder. */
async function checkout(): Promise<{ workspace: TempWorkspace; server: CacheServer; output: string }> {
  const server = await startCacheServer({ directory: shared, token: TOKEN });
  servers.push(server);
  const workspace = createTempWorkspace('vc-cache-checkout-');
  workspaces.push(workspace);
  const output = await nxAsync(workspace, ['run-many', '-t', 'codegen', 'build', '-p', '@vendor-contracts/tmt-first', '--outputStyle=static'], {
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: TOKEN,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  });
  await server.close();
  return { workspace, server, output };
}

/** The task ids Nx printed with a given cache note (`nx run <task>  [remote cache]`). */
function tasksMarked(output: string, note: string): string[] {
  return [...output.matchAll(/> nx run (\S+)(?:[ \t]+\[([^\]]+)\])?/g)]
    .filter((m) => m[2] === note)
    .map((m) => m[1]!)
    .sort();
}

describe('a shared-directory Nx cache', () => {
  let first: Awaited<ReturnType<typeof checkout>>;
  let second: Awaited<ReturnType<typeof checkout>>;

  beforeAll(async () => {
    first = await checkout();
    second = await checkout();
  }, 300_000);

  it('the first checkout runs the tasks and stores one entry per task in the shared folder', () => {
    expect(tasksMarked(first.output, 'remote cache')).toEqual([]);
    expect(first.server.stats.stored).toBe(TASKS.length);
    expect(readdirSync(shared).filter((f) => !f.startsWith('.'))).toHaveLength(TASKS.length);
  });

  it('a second clean checkout restores codegen and build from it instead of running them', () => {
    expect(tasksMarked(second.output, 'remote cache')).toEqual([...TASKS].sort());
    expect(second.output).toContain(`Nx read the output from the cache instead of running the command for ${TASKS.length} out of ${TASKS.length} tasks`);
    expect(second.server.stats).toMatchObject({ hits: TASKS.length, stored: 0 });
  });

  it('restores the outputs: dist/ appears in the clean checkout, identical to the first one', () => {
    const dist = (w: TempWorkspace) => join(w.root, 'packages', 'tmt-first', 'dist', 'index.js');
    expect(existsSync(dist(second.workspace))).toBe(true);
    expect(readFileSync(dist(second.workspace), 'utf8')).toBe(readFileSync(dist(first.workspace), 'utf8'));
  });
});
