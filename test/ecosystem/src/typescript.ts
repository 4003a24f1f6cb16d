/**
 * TypeScript consumers of the installed tarballs: one project per `moduleResolution`, all
 * `strict`, `skipLibCheck: false`, `exactOptionalPropertyTypes`, each with a wrong call under
 * `@ts-expect-error` (an unused one is an error, so loose types fail the check), plus a CommonJS
 * consumer (`.cts`, `require` of the ESM packages) compiled and run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run, type RunResult } from './run.js';
import { workspaceRoot } from './workspace.js';

const TSC = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
/** `skipLibCheck: false` checks every vendor's declarations: ~30 s each on a quiet machine, far more on a busy one. */
const TSC_TIMEOUT_MS = 480_000;
const STRICT = { strict: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, target: 'es2022', lib: ['es2022', 'dom'], types: [] };

export const TS_SETTINGS = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

const PROGRAM = `import { createVendorContracts } from '@vendor-contracts/sdk';
import { RequestValidationError, type ClientOptions } from '@vendor-contracts/sdk/runtime';
import { createTmtFirstClient, type TmtFirstClient } from '@vendor-contracts/sdk/tmt-first';
import { createPingbackReceiver } from '@vendor-contracts/sdk/atttool/pingback';

const options: Pick<ClientOptions, 'timeout'> = { timeout: 1_000 };
const tmt: TmtFirstClient = createTmtFirstClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', ...options });
export async function call(): Promise<number> {
  const { connect_id } = await tmt.prealert({ body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'x', ra_flag: 0, return_address: null } });
  // @ts-expect-error make is required
  await tmt.prealert({ body: { customer_reference: '0-ref1', job_description: 'x', ra_flag: 0, return_address: null } });
  return connect_id;
}
export const vendors = createVendorContracts({ atttool: { apiKey: '0123456789abcdef0123456789abcdef' } });
export const receive: (request: Request) => Promise<Response> = createPingbackReceiver({ secret: 's'.repeat(32), bindings: false, handler: async () => undefined });
export const isValidation = (e: unknown): boolean => e instanceof RequestValidationError;
`;

const CJS_PROGRAM = `const { createTmtFirstClient } = require('@vendor-contracts/sdk/tmt-first') as typeof import('@vendor-contracts/sdk/tmt-first');

async function main(mock: string): Promise<void> {
  const tmt = createTmtFirstClient({ apiKey: 'k', baseUrl: mock + '/tmt-first/ok' });
  const { connect_id } = await tmt.prealert({ body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'x', ra_flag: 0, return_address: null } });
  // @ts-expect-error connect_id is a number
  const wrong: string = connect_id;
  console.log(JSON.stringify({ connect_id, wrong }));
}
void main(process.argv[2]!);
`;

function project(consumerDir: string, name: string, compilerOptions: object, file: string, source: string): string {
  const dir = join(consumerDir, 'ts', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...STRICT, ...compilerOptions }, files: [file] }, null, 2));
  writeFileSync(join(dir, file), source);
  return dir;
}

export async function typecheck(consumerDir: string, setting: keyof typeof TS_SETTINGS): Promise<void> {
  const dir = project(consumerDir, setting, { ...TS_SETTINGS[setting], noEmit: true }, 'index.ts', PROGRAM);
  ok(`tsc (${setting})`, await run(process.execPath, [TSC, '-p', dir], { cwd: dir, timeoutMs: TSC_TIMEOUT_MS }));
}

/** Compiles the CommonJS consumer (`nodenext`, `.cts` → `.cjs`); returns the file to run. */
export async function compileCjs(consumerDir: string): Promise<string> {
  const dir = project(
    consumerDir,
    'cjs',
    { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], typeRoots: [join(workspaceRoot, 'node_modules', '@types')], outDir: 'out' },
    'index.cts',
    CJS_PROGRAM,
  );
  ok('tsc (CommonJS)', await run(process.execPath, [TSC, '-p', dir], { cwd: dir, timeoutMs: TSC_TIMEOUT_MS }));
  return join(dir, 'out', 'index.cjs');
}

export function runCjs(node: string, file: string, mock: string, cwd: string): Promise<RunResult> {
  return run(node, [file, mock], { cwd });
}
