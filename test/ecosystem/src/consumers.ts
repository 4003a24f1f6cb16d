/**
 * Packs every public package once (`npm pack`, exactly what `npm publish` would upload) and
 * installs the tarballs together into throwaway consumer projects in the OS temp dir: one with
 * npm (reused by every runtime and bundler), one with pnpm. Dependencies outside the scope come
 * from the package managers' caches or the registry.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, ok, run } from './run.js';
import { publicPackages, smokeDir, workspaceRoot } from './workspace.js';

export interface Packed {
  /** package name → absolute tarball path */
  tarballs: Map<string, string>;
  root: string;
}

export async function packAll(): Promise<Packed> {
  const root = mkdtempSync(join(tmpdir(), 'vc-ecosystem-'));
  const out = join(root, 'tarballs');
  mkdirSync(out);
  const packages = publicPackages();
  const args = ['pack', '--json', '--pack-destination', out, ...packages.flatMap((p) => ['-w', p.name])];
  const result = ok('npm pack', await run('npm', args, { cwd: workspaceRoot }));
  const listed = JSON.parse(result.stdout) as { name: string; filename: string }[];
  const tarballs = new Map(listed.map((entry) => [entry.name, join(out, entry.filename.replace(/^@/, '').replace(/\//, '-'))]));
  const files = new Set(readdirSync(out).map((f) => join(out, f)));
  for (const [name, file] of tarballs) if (!files.has(file)) throw new Error(`npm pack: no tarball for ${name} at ${file}`);
  return { tarballs, root };
}

/** A consumer's package.json: every tarball as a dependency, and as the version of that name everywhere. */
function manifest(packed: Packed, extra: Record<string, unknown> = {}): string {
  const deps = Object.fromEntries([...packed.tarballs].map(([name, file]) => [name, `file:${file}`]));
  return JSON.stringify({ name: 'ecosystem-consumer', version: '0.0.0', private: true, type: 'module', dependencies: deps, ...extra }, null, 2);
}

/** A fresh project with the smoke files in it (bare imports resolve from its node_modules). */
function project(packed: Packed, name: string, extra?: Record<string, unknown>): string {
  const dir = join(packed.root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), manifest(packed, extra));
  cpSync(smokeDir, join(dir, 'smoke'), { recursive: true });
  return dir;
}

export async function installWithNpm(packed: Packed): Promise<string> {
  const dir = project(packed, 'npm-consumer');
  ok('npm install (tarballs)', await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 300_000 }));
  return dir;
}

export async function installWithPnpm(packed: Packed, pnpm: string, storeDir: string): Promise<string> {
  // pnpm resolves the packages' own `@vendor-contracts/*` dependencies from the registry unless
  // told that the tarballs are those versions.
  const overrides = Object.fromEntries([...packed.tarballs].map(([name, file]) => [name, `file:${file}`]));
  const dir = project(packed, 'pnpm-consumer', { pnpm: { overrides } });
  const env = childEnv({ npm_config_store_dir: storeDir });
  ok(
    'pnpm install (tarballs)',
    await run(pnpm, ['install', '--prefer-offline', '--store-dir', storeDir, '--config.confirmModulesPurge=false'], { cwd: dir, env, timeoutMs: 300_000 }),
  );
  return dir;
}
