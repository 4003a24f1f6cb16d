/**
 * The three bundlers an app uses (esbuild, Vite with Rollup, webpack), each for a Node and a
 * browser target, bundling one entry of a consumer project into one ESM file.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle } from './esbuild.js';
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

async function viteBuild(consumerDir: string, entry: string, platform: Platform): Promise<string> {
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
  const file = readdirSync(outDir).find((f) => /\.m?js$/.test(f));
  if (!file) throw new Error(`vite wrote no bundle in ${outDir}`);
  return readFileSync(join(outDir, file), 'utf8');
}

async function webpackBuild(consumerDir: string, entry: string, platform: Platform): Promise<string> {
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
  return readFileSync(join(outDir, 'bundle.mjs'), 'utf8');
}

/** The bundle's text; throws the bundler's errors. */
export async function build(bundler: Bundler, consumerDir: string, entry: string, platform: Platform): Promise<string> {
  if (bundler === 'esbuild') return bundle(consumerDir, entry, platform);
  if (bundler === 'vite') return viteBuild(consumerDir, entry, platform);
  return webpackBuild(consumerDir, entry, platform);
}
