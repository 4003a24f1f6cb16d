/** esbuild from the toolchain, bundling a consumer's entry the way an app would. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { toolchainDir } from './toolchain.js';

type Esbuild = typeof import('esbuild');
const esbuild = (): Esbuild => createRequire(join(toolchainDir, 'package.json'))('esbuild') as Esbuild;

export type BundleTarget = 'node' | 'browser' | 'worker' | 'worker-nodejs-compat';

/**
 * Bundles `entry` (inside `consumerDir`) into one ESM file and returns its text; throws esbuild's
 * errors (e.g. `Could not resolve "node:async_hooks"`). `worker-nodejs-compat` leaves `node:*` to
 * workerd, as a Worker with the `nodejs_compat` flag does.
 */
export async function bundle(consumerDir: string, entry: string, target: BundleTarget): Promise<string> {
  const result = await esbuild().build({
    absWorkingDir: consumerDir,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    platform: target === 'node' ? 'node' : 'browser',
    conditions: target.startsWith('worker') ? ['workerd', 'worker', 'browser'] : [],
    external: target === 'worker-nodejs-compat' ? ['node:*'] : [],
    target: 'es2022',
  });
  return result.outputFiles[0]!.text;
}
