/** esbuild from the toolchain, bundling a consumer's entry the way an app would. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { toolchainDir } from './toolchain.js';

type Esbuild = typeof import('esbuild');
const esbuild = (): Esbuild => createRequire(join(toolchainDir, 'package.json'))('esbuild') as Esbuild;

/** One ESM file in memory from `entry`, resolved as the consumer project would. */
const common = (consumerDir: string, entry: string) => ({
  absWorkingDir: consumerDir,
  entryPoints: [entry],
  bundle: true,
  write: false as const,
  format: 'esm' as const,
  logLevel: 'silent' as const,
});

export type BundleTarget = 'node' | 'browser' | 'worker' | 'worker-nodejs-compat';

/**
 * Bundles `entry` (inside `consumerDir`) into one ESM file and returns its text; throws esbuild's
 * errors (e.g. `Could not resolve "node:async_hooks"`). `worker-nodejs-compat` leaves `node:*` to
 * workerd, as a Worker with the `nodejs_compat` flag does.
 */
export async function bundle(consumerDir: string, entry: string, target: BundleTarget): Promise<string> {
  const result = await esbuild().build({
    ...common(consumerDir, entry),
    platform: target === 'node' ? 'node' : 'browser',
    conditions: target.startsWith('worker') ? ['workerd', 'worker', 'browser'] : [],
    external: target === 'worker-nodejs-compat' ? ['node:*'] : [],
    target: 'es2022',
  });
  return result.outputFiles[0]!.text;
}

/**
 * `entry` bundled with code splitting, as an app's esbuild build does: the entry file and the
 * chunks its dynamic `import()`s load (file name → text).
 */
export async function bundleSplit(consumerDir: string, entry: string, target: 'node' | 'browser'): Promise<{ entry: string; chunks: Record<string, string> }> {
  const result = await esbuild().build({
    ...common(consumerDir, entry),
    platform: target,
    target: 'es2022',
    splitting: true,
    outdir: join(consumerDir, '.esbuild-out'),
    entryNames: 'bundle',
  });
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const [first, ...rest] = [...result.outputFiles].sort((a, b) => Number(name(b.path).startsWith('bundle.')) - Number(name(a.path).startsWith('bundle.')));
  if (!first || !name(first.path).startsWith('bundle.')) throw new Error('esbuild wrote no bundle');
  return { entry: first.text, chunks: Object.fromEntries(rest.map((f) => [name(f.path), f.text])) };
}

/**
 * Every `node:` module a browser bundle of `entry` would need, as `module ← importing file` (the
 * file relative to node_modules): built with `node:*` external, so each shows up instead of
 * failing the build at the first.
 */
export async function nodeImports(consumerDir: string, entry: string): Promise<string[]> {
  const result = await esbuild().build({
    ...common(consumerDir, entry),
    platform: 'browser',
    external: ['node:*'],
    metafile: true,
  });
  const found = new Set<string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imported of input.imports) if (imported.external && imported.path.startsWith('node:')) found.add(`${imported.path} ← ${file.replace(/^.*node_modules\//, '')}`);
  }
  return [...found].sort();
}
