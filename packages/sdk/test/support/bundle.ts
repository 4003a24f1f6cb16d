/**
 * Bundles a small program the way an application's bundler would (esbuild: ESM, minified, tree
 * shaken, honouring `sideEffects: false`), resolving the workspace packages to their TypeScript
 * source so no build is needed. Used by the bundle test and for measuring sizes by hand:
 *   npx tsx --conditions=@vendor-contracts/source packages/sdk/test/support/bundle.ts
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Bundle {
  code: string;
  minifiedBytes: number;
  gzippedBytes: number;
}

export async function bundle(program: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents: program, resolveDir: packageRoot, loader: 'ts', sourcefile: 'program.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    // Sizes for Node services; the runtime still imports node:async_hooks (test/ecosystem tracks browser/Worker bundles).
    platform: 'node',
    conditions: ['@vendor-contracts/source'],
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, minifiedBytes: Buffer.byteLength(code), gzippedBytes: gzipSync(code, { level: 9 }).length };
}

/** Programs that use one vendor through its subpath, and every vendor through the facade. */
export const programs = {
  tmtFirst: `import { createTmtFirstClient } from '@vendor-contracts/sdk/tmt-first';\nexport const client = createTmtFirstClient({ apiKey: 'k' });`,
  telecomx: `import { createTelecomxClient } from '@vendor-contracts/sdk/telecomx';\nexport const client = createTelecomxClient({ token: 't' });`,
  infocare: `import { createInfocareClient } from '@vendor-contracts/sdk/infocare';\nexport const client = createInfocareClient({ baseUrl: 'https://serviceorderhub.com', apiToken: 't' });`,
  totalmobile: `import { createTotalmobileClient } from '@vendor-contracts/sdk/totalmobile';\nexport const client = createTotalmobileClient({ username: 'u', password: 'p' });`,
  atttool: `import { createAtttoolClient } from '@vendor-contracts/sdk/atttool';\nexport const client = createAtttoolClient({ apiKey: 'k' });`,
  facade: `import { createVendorContracts } from '@vendor-contracts/sdk';\nexport const vendors = createVendorContracts({ tmtFirst: { apiKey: 'k' } });`,
  runtimeErrorsOnly: `import { NotFoundError } from '@vendor-contracts/sdk';\nexport const isNotFound = (e: unknown) => e instanceof NotFoundError;`,
} as const;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, program] of Object.entries(programs)) {
    const { minifiedBytes, gzippedBytes } = await bundle(program);
    process.stdout.write(`${name.padEnd(18)} ${(minifiedBytes / 1024).toFixed(1).padStart(7)} kB minified ${(gzippedBytes / 1024).toFixed(1).padStart(6)} kB gzipped\n`);
  }
}
