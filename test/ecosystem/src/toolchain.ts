/**
 * The runtimes, bundlers, browser driver and package managers the suite uses live in
 * `toolchain/` with their own lockfile, installed here with `npm ci` on first use (and again when
 * that lockfile changes), so the workspace's own `npm ci` does not download ~700 MB of runtimes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, ok, run } from './run.js';
import { suiteRoot } from './workspace.js';

export const toolchainDir = join(suiteRoot, 'toolchain');
const bin = (name: string) => join(toolchainDir, 'node_modules', '.bin', name);

export interface Toolchain {
  node22: string;
  node24: string;
  bun: string;
  deno: string;
  pnpm: string;
}

export async function ensureToolchain(): Promise<Toolchain> {
  const lock = readFileSync(join(toolchainDir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(toolchainDir, 'node_modules', '.installed-lock-sha256');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    ok(
      'npm ci (toolchain)',
      await run('npm', ['ci', '--prefix', toolchainDir, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: toolchainDir, env: childEnv(), timeoutMs: 600_000 }),
    );
    writeFileSync(stamp, hash);
  }
  return {
    node22: join(toolchainDir, 'node_modules', 'node22', 'bin', 'node'),
    node24: join(toolchainDir, 'node_modules', 'node24', 'bin', 'node'),
    bun: bin('bun'),
    deno: bin('deno'),
    pnpm: bin('pnpm'),
  };
}
