/**
 * The three bundlers an app uses (esbuild, Vite with Rollup, webpack), each for a Node and a
 * browser target, bundling one entry of a consumer project into an ESM file plus the chunks its
 * dynamic `import()`s load (a generated client imports its zod schemas on demand).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleSplit } from './esbuild.js';
import { toolchainDir } from './toolchain.js';

export const BUNDLERS = ['esbuild', 'vite', 'webpack'] as const;
export type Bundler = (typeof BUNDLERS)[number];
export type Platform = 'node' | 'browser';

const toolRequire = createRequire(join(toolchainDir, 'package.json'));

// The toolchain's packages are not the workspace's dependencies: the little of their APIs used here.
interface Vite {
  build(config: object): Promise<unknown>;
}
interface WebpackStats {
  hasErrors(): boolean;
  toJson(options: object): { errors?: { message: string }[] };
}
type Webpack = (config: object, callback: (error: Error | null, stats?: WebpackStats) => void) => void;

/** An entry file and the chunks beside it (file name → text), as a bundler wrote them. */
export interface Bundled {
  readonly entry: string;
  readonly chunks: Readonly<Record<string, string>>;
}

/** What a bundler wrote in `outDir`: `entryFile` and every other script beside it. */
function readOutput(outDir: string, entryFile: (name: string) => boolean, bundler: string): Bundled {
  const files = readdirSync(outDir).filter((f) => /\.m?js$/.test(f));
  const entry = files.find(entryFile);
  if (!entry) throw new Error(`${bundler} wrote no bundle in ${outDir}`);
  return { entry: readFileSync(join(outDir, entry), 'utf8'), chunks: Object.fromEntries(files.filter((f) => f !== entry).map((f) => [f, readFileSync(join(outDir, f), 'utf8')])) };
}

async function viteBuild(consumerDir: string, entry: string, platform: Platform): Promise<Bundled> {
  const vite = (await import(pathToFileURL(toolRequire.resolve('vite')).href)) as Vite;
  const outDir = mkdtempSync(join(consumerDir, '.vite-'));
  await vite.build({
    root: consumerDir,
    configFile: false,
    logLevel: 'silent',
    ...(platform === 'node' ? { ssr: { noExternal: true, target: 'node' } } : {}),
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      ssr: platform === 'node' ? entry : false,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rollupOptions: platform === 'node' ? { external: [/^node:/] } : {},
    },
  });
  // Library mode names the entry `bundle.*`; an SSR (Node) build names it after the entry file.
  const base = entry.slice(entry.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return readOutput(outDir, (f) => f.startsWith('bundle.') || f.startsWith(`${base}.`), 'vite');
}

async function webpackBuild(consumerDir: string, entry: string, platform: Platform): Promise<Bundled> {
  const webpack = toolRequire('webpack') as Webpack;
  const outDir = mkdtempSync(join(consumerDir, '.webpack-'));
  const stats = await new Promise<WebpackStats>((resolve, reject) =>
    webpack(
      {
        context: consumerDir,
        entry,
        mode: 'production',
        optimization: { minimize: false },
        target: platform === 'node' ? 'node20' : 'web',
        experiments: { outputModule: true },
        output: { path: outDir, filename: 'bundle.mjs', module: true, library: { type: 'module' } },
        ...(platform === 'node' ? { externalsPresets: { node: true } } : {}),
      },
      (error, result) => (error || !result ? reject(error ?? new Error('webpack: no stats')) : resolve(result)),
    ),
  );
  if (stats.hasErrors())
    throw new Error(
      stats
        .toJson({ all: false, errors: true })
        .errors!.map((e) => e.message)
        .join('\n'),
    );
  return readOutput(outDir, (f) => f === 'bundle.mjs', 'webpack');
}

/** The bundle and its chunks; throws the bundler's errors. */
export async function build(bundler: Bundler, consumerDir: string, entry: string, platform: Platform): Promise<Bundled> {
  if (bundler === 'esbuild') return bundleSplit(consumerDir, entry, platform);
  if (bundler === 'vite') return viteBuild(consumerDir, entry, platform);
  return webpackBuild(consumerDir, entry, platform);
}
