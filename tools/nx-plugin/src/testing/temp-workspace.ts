/**
 * A throwaway copy of this workspace for tests that run Nx itself (affected, remote cache,
 * scaffolding): the files git knows (tracked or new, not ignored), its own git repository, and a
 * node_modules of links into ours, except `@vendor-contracts/*`, which link to the copy's own
 * packages so builds and imports stay inside the copy.
 */
import { execFile, execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This workspace's root (three levels above this file). */
export const sourceRoot = fileURLToPath(new URL('../../../..', import.meta.url));

const SCOPE = '@vendor-contracts';

export interface TempWorkspace {
  root: string;
  /** Run a command in the copy (stdout returned); Nx runs without daemon, cloud or colour. */
  run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv }): string;
  /** The same without blocking this process: needed when this process also serves Nx (a cache server). */
  runAsync(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<string>;
  /** `git add -A && git commit -m message` in the copy. */
  commit(message: string): void;
  remove(): void;
}

/** The environment every Nx call in a copy gets: no daemon, no cloud, no cache skipping from CI. */
export function nxEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
  delete env.NX_SKIP_NX_CACHE; // .ci/run sets it; these tests are about the cache and the graph
  delete env.NX_CACHE_DIRECTORY;
  delete env.NX_WORKSPACE_ROOT_PATH;
  return env;
}

function linkNodeModules(root: string): void {
  const source = join(sourceRoot, 'node_modules');
  const target = join(root, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    if (entry === SCOPE || entry === '.cache') continue;
    symlinkSync(join(source, entry), join(target, entry));
  }
  mkdirSync(join(target, SCOPE));
  for (const dir of ['packages', 'tools', 'test']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir))) {
      const manifest = join(root, dir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (pkg.name?.startsWith(`${SCOPE}/`)) symlinkSync(join(root, dir, name), join(target, pkg.name));
    }
  }
}

/** Link a package added to the copy after creation (e.g. by a generator) into its node_modules. */
export function linkWorkspacePackage(workspace: TempWorkspace, packageDir: string): void {
  const pkg = JSON.parse(readFileSync(join(workspace.root, packageDir, 'package.json'), 'utf8')) as { name: string };
  const link = join(workspace.root, 'node_modules', pkg.name);
  if (!existsSync(link)) symlinkSync(join(workspace.root, packageDir), link);
}

export function createTempWorkspace(prefix = 'vc-workspace-'): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: sourceRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(sourceRoot, f)));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(sourceRoot, file), join(root, file));
  }
  linkNodeModules(root);

  const run = (command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string => {
    const execOptions: ExecFileSyncOptions = { cwd: root, env: nxEnv(options.env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 };
    try {
      return execFileSync(command, args, execOptions) as string;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${command} ${args.join(' ')} failed in ${relative(tmpdir(), root)}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  };
  const runAsync = (command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(command, args, { cwd: root, env: nxEnv(options.env), encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed in ${relative(tmpdir(), root)}: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      });
    });
  const git = (...args: string[]) => run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args]);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'copy of the workspace');
  return {
    root,
    run,
    runAsync,
    commit: (message) => {
      git('add', '-A');
      git('commit', '-q', '-m', message);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** `npx nx …` in the copy, through the linked nx binary. */
export function nx(workspace: TempWorkspace, args: string[], env?: NodeJS.ProcessEnv): string {
  return workspace.run(join(workspace.root, 'node_modules', '.bin', 'nx'), args, { env });
}

/** `nx …` in the copy without blocking this process. */
export function nxAsync(workspace: TempWorkspace, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return workspace.runAsync(join(workspace.root, 'node_modules', '.bin', 'nx'), args, { env });
}
