/**
 * The packed tarballs, installed into throwaway projects, on every runtime, bundler, TypeScript
 * setting and package manager we support (see README.md). Each cell passes, or is a declared
 * expected failure (src/expected.ts) that must still fail for its declared reason. The run writes
 * the matrix to docs/runtimes.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../smoke/check-names.js';
import { type BrowserHost, launchBrowser } from '../src/browser.js';
import { BUNDLERS, build, type Bundled, type Bundler, type Platform } from '../src/bundlers.js';
import { installWithNpm, installWithPnpm, packAll, type Packed } from '../src/consumers.js';
import { bundle, nodeImports } from '../src/esbuild.js';
import { DECLARED_NODE_IMPORTS, expectedFailure, type Table } from '../src/expected.js';
import { assertOnlyVendor } from '../src/isolation.js';
import { type CellResult, Matrix } from '../src/matrix.js';
import { type MockServer, startMock } from '../src/mock.js';
import { ok, run } from '../src/run.js';
import { ensureToolchain, type Toolchain, toolchainDir } from '../src/toolchain.js';
import { compileCjs, runCjs, TS_SETTINGS, typecheck } from '../src/typescript.js';
import { specsDir, workspaceRoot } from '../src/workspace.js';

type SmokeResult = { check: string; ok: boolean; error?: string };
/** miniflare is the toolchain's, not the workspace's: the little of its API used here. */
type MiniflareClass = new (options: object) => { dispatchFetch(url: string): Promise<Response>; dispose(): Promise<void> };

let tools: Toolchain;
let packed: Packed;
let npmDir: string;
let mock: MockServer;
let browser: Promise<BrowserHost> | undefined;
const versions: Record<string, string> = {};

const matrix = new Matrix({
  runtimes:
    "The smoke suite (`smoke/smoke.js`, web-standard APIs only) from the npm-installed tarballs, against the local mock (`src/mock.ts`, the specs' examples over HTTP on 127.0.0.1). Node, Bun and Deno run it as files; workerd runs it bundled by esbuild as a Worker (miniflare); Chromium runs it bundled by esbuild for the browser, from a page on another origin than the mock (CORS).",
  bundlers:
    'An app importing only `@vendor-contracts/sdk/tmt-first` (`smoke/tmt-first-only.js`), bundled into one file. "only tmt-first": the bundle holds TMT First\'s host and operationIds and no other vendor\'s (read from the specs). "validated call": the bundle makes a call against the mock and rejects an invalid one before sending, on Node (node target) or in Chromium (browser target).',
  typescript:
    'A consumer program type-checked with `strict`, `skipLibCheck: false`, `exactOptionalPropertyTypes` and `noUncheckedIndexedAccess`; it holds a wrong call under `@ts-expect-error`, so types that let it through fail the check. The CommonJS consumer is a `.cts` file that `require`s the ESM packages, compiled and run on Node.',
  'node builtins':
    'A browser bundle of every entry the smoke suite imports (clients, facade, workflows, pingback), with `node:*` left external so each shows up: the `node:` modules it imports must be exactly the declared ones listed above, no new one, none gone.',
  'package managers': 'The tarballs installed together into a fresh project, then the smoke suite on Node.',
});
let declared = 0;
let recorded = 0;

/** Asserts a cell: it passes, or it is an expected failure failing for its declared reason. Records it. */
function cell(table: Table, row: string, column: string, result: () => Promise<CellResult>): void {
  declared += 1;
  it(`${column}`, async () => {
    const outcome = await result();
    matrix.record(table, row, column, outcome);
    recorded += 1;
    const expected = expectedFailure(table, row, column);
    if (!expected) {
      expect(outcome.ok, outcome.error).toBe(true);
      return;
    }
    expect(outcome.ok, `${table} / ${row} / ${column} is an expected failure (${expected.because}) but now passes: remove it from src/expected.ts`).toBe(false);
    expect(outcome.error, `${table} / ${row} / ${column} fails for another reason than declared`).toMatch(expected.match);
  });
}

async function attempt(step: () => Promise<unknown>): Promise<CellResult> {
  try {
    await step();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One run of the smoke suite per runtime, shared by its cells; a run that fails fails every cell with its error. */
function smokeRow(table: Table, row: string, runSmoke: () => Promise<SmokeResult[]>): void {
  let results: Promise<SmokeResult[] | Error> | undefined;
  describe(row, () => {
    for (const name of CHECK_NAMES) {
      cell(table, row, name, async () => {
        results ??= runSmoke().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        const all = await results;
        if (all instanceof Error) return { ok: false, error: all.message };
        const mine = all.find((r) => r.check === name);
        return mine ? { ok: mine.ok, ...(mine.error ? { error: mine.error } : {}) } : { ok: false, error: `${row} reported no result for '${name}'` };
      });
    }
  });
}

async function cliSmoke(command: string, args: string[], cwd: string): Promise<SmokeResult[]> {
  const result = ok(`${command} smoke/cli.js`, await run(command, [...args, 'smoke/cli.js', mock.url], { cwd, timeoutMs: 90_000 }));
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SmokeResult[];
}

async function version(command: string, args: string[], pattern: RegExp): Promise<string> {
  const out = ok(`${command} ${args.join(' ')}`, await run(command, args, { cwd: toolchainDir })).stdout;
  return pattern.exec(out)?.[1] ?? out.trim();
}

function chromium(): Promise<BrowserHost> {
  return (browser ??= launchBrowser());
}

async function workerSmoke(compat: boolean): Promise<SmokeResult[]> {
  const script = await bundle(npmDir, './smoke/worker.js', compat ? 'worker-nodejs-compat' : 'worker');
  const { Miniflare } = createRequire(join(toolchainDir, 'package.json'))('miniflare') as { Miniflare: MiniflareClass };
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-07-30', compatibilityFlags: compat ? ['nodejs_compat'] : [] });
  try {
    const response = await mf.dispatchFetch(`http://worker/?mock=${encodeURIComponent(mock.url)}`);
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${(await response.text()).slice(0, 1000)}`);
    return (await response.json()) as SmokeResult[];
  } finally {
    await mf.dispose();
  }
}

beforeAll(async () => {
  tools = await ensureToolchain();
  packed = await packAll();
  npmDir = await installWithNpm(packed);
  mock = await startMock(specsDir);
  versions.node20 = process.versions.node;
  versions.node22 = await version(tools.node22, ['--version'], /v(\S+)/);
  versions.node24 = await version(tools.node24, ['--version'], /v(\S+)/);
  versions.bun = await version(tools.bun, ['--version'], /(\S+)/);
  versions.deno = await version(tools.deno, ['--version'], /deno (\S+)/);
}, 600_000);

afterAll(async () => {
  // Only a full run describes the matrix (a filtered run leaves docs/runtimes.md as it was).
  if (recorded === declared) writeFileSync(join(workspaceRoot, 'docs', 'runtimes.md'), render());
  await mock?.close();
  if (browser) await (await browser.catch(() => undefined))?.close();
  // The npm and pnpm installs are large trees: removing them took over a minute on a loaded machine.
  if (packed) rmSync(packed.root, { recursive: true, force: true });
}, 300_000);

function render(): string {
  return matrix.render(
    [
      '# Where the packages run',
      '',
      '<!-- Written by test/ecosystem (`npx nx run @vendor-contracts/ecosystem-tests:ecosystem`); do not edit by hand. -->',
      '',
      'Every cell is a check run from the packed tarballs (`npm pack` of every public package, installed into a throwaway project outside the workspace). ✅ passes; ❌ (n) is an expected failure, explained at the end with the issue it waits for: the suite fails if one of them starts passing, so this page stays true.',
      '',
      DECLARED_NODE_IMPORTS.length
        ? `The only \`node:\` imports left in the client and pingback entries (the "every entry" row checks this list both ways): ${DECLARED_NODE_IMPORTS.map((d) => `\`${d.import}\` (waits for ${d.waitsFor})`).join('; ')}.`
        : 'The client and pingback entries import no `node:` module (the "every entry" row checks this: a new one fails it).',
      '',
      `Versions: Node ${versions.node20}, ${versions.node22} and ${versions.node24}; Bun ${versions.bun}; Deno ${versions.deno}; workerd through miniflare; Debian's Chromium (\`/usr/bin/chromium\`, headless, driven by playwright-core). Pinned in \`test/ecosystem/toolchain/package-lock.json\`.`,
    ].join('\n'),
  );
}

describe('runtimes', () => {
  const node = (path: () => string) => () => cliSmoke(path(), [], npmDir);
  smokeRow(
    'runtimes',
    `Node ${process.versions.node.split('.')[0]}`,
    node(() => process.execPath),
  );
  smokeRow(
    'runtimes',
    'Node 22',
    node(() => tools.node22),
  );
  smokeRow(
    'runtimes',
    'Node 24',
    node(() => tools.node24),
  );
  smokeRow('runtimes', 'Bun', () => cliSmoke(tools.bun, [], npmDir));
  // Narrow permissions: the clients need the network to 127.0.0.1 and to read their own files, nothing else.
  smokeRow('runtimes', 'Deno', () => cliSmoke(tools.deno, ['run', '--allow-read', '--allow-net=127.0.0.1'], npmDir));
  smokeRow('runtimes', 'workerd', () => workerSmoke(false));
  smokeRow('runtimes', 'workerd + nodejs_compat', () => workerSmoke(true));
  smokeRow('runtimes', 'Chromium', async () => {
    const script = await bundle(npmDir, './smoke/browser.js', 'browser');
    return (await chromium()).evaluate<SmokeResult[]>(script, `runSmoke(${JSON.stringify(mock.url)})`);
  });
});

describe('node builtins', () => {
  // Every entry at once (the smoke suite imports them all), node: builtins left out of the bundle.
  const row = 'every entry (browser)';
  describe(row, () =>
    cell('node builtins', row, 'node: imports are the declared ones', () =>
      attempt(async () => {
        const found = await nodeImports(npmDir, './smoke/browser.js');
        const declared = DECLARED_NODE_IMPORTS.map((d) => d.import);
        const unexpected = found.filter((f) => !declared.includes(f));
        const gone = declared.filter((d) => !found.includes(d));
        if (unexpected.length) throw new Error(`node: imports a browser or Worker cannot load: ${unexpected.join(', ')}`);
        if (gone.length) throw new Error(`declared node: imports no longer there (remove them from src/expected.ts): ${gone.join(', ')}`);
      }),
    ),
  );
});

describe('bundlers', () => {
  const NAMES: Record<Bundler, string> = { esbuild: 'esbuild', vite: 'Vite', webpack: 'webpack' };
  for (const bundler of BUNDLERS) {
    for (const platform of ['node', 'browser'] as Platform[]) {
      const row = `${NAMES[bundler]} (${platform})`;
      let output: Promise<Bundled> | undefined;
      const built = () => (output ??= build(bundler, npmDir, './smoke/tmt-first-only.js', platform));
      // The isolation check reads every file the bundler wrote: chunks are shipped too.
      const text = async () => {
        const { entry, chunks } = await built();
        return [entry, ...Object.values(chunks)].join('\n');
      };
      describe(row, () => {
        cell('bundlers', row, 'build', () => attempt(text));
        cell('bundlers', row, 'only tmt-first', () => attempt(async () => assertOnlyVendor(await text(), 'tmt-first')));
        cell('bundlers', row, 'validated call', () =>
          attempt(async () => {
            const { entry, chunks } = await built();
            let result: { connect_id?: unknown; rejected?: unknown; watched?: unknown };
            if (platform === 'browser') result = await (await chromium()).evaluate(entry, `tmtFirstCall(${JSON.stringify(mock.url)})`, chunks);
            else {
              // The chunks beside the entry, where its `import()`s look for them.
              const dir = mkdtempSync(join(npmDir, `.bundle-${bundler}-`));
              const file = join(dir, 'bundle.mjs');
              writeFileSync(file, entry);
              for (const [name, chunk] of Object.entries(chunks)) writeFileSync(join(dir, name), chunk);
              const program = 'const m = await import(process.argv[1]); console.log(JSON.stringify(await m.tmtFirstCall(process.argv[2])));';
              const out = ok(`node ${file}`, await run(process.execPath, ['--input-type=module', '-e', program, file, mock.url], { cwd: npmDir }));
              result = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as typeof result;
            }
            if (!Number.isInteger(result.connect_id) || result.rejected !== true || result.watched !== result.connect_id)
              throw new Error(`unexpected result ${JSON.stringify(result)}`);
          }),
        );
      });
    }
  }
});

describe('typescript', () => {
  // The tsc runs are independent and mostly waiting on I/O: the first cell starts them all at once.
  const settings = Object.keys(TS_SETTINGS) as (keyof typeof TS_SETTINGS)[];
  let started: { esm: Map<string, Promise<CellResult>>; cjs: Promise<string> } | undefined;
  const start = () => {
    if (!started) {
      const cjs = compileCjs(npmDir);
      cjs.catch(() => undefined); // read by its own cells
      started = { esm: new Map(settings.map((setting) => [setting, attempt(() => typecheck(npmDir, setting))])), cjs };
    }
    return started;
  };
  for (const setting of settings) {
    const row = `moduleResolution ${setting}`;
    describe(row, () => cell('typescript', row, 'type-checks', () => start().esm.get(setting)!));
  }
  const row = 'CommonJS consumer (.cts, nodenext)';
  describe(row, () => {
    cell('typescript', row, 'type-checks', () => attempt(() => start().cjs));
    cell('typescript', row, 'runs (require of ESM)', () =>
      attempt(async () => {
        const out = ok('node index.cjs', await runCjs(process.execPath, await start().cjs, mock.url, npmDir));
        const result = JSON.parse(out.stdout.trim()) as { connect_id?: unknown };
        if (!Number.isInteger(result.connect_id)) throw new Error(`unexpected result ${out.stdout}`);
      }),
    );
  });
});

describe('package managers', () => {
  describe('npm', () => {
    cell('package managers', 'npm', 'installs the tarballs', () =>
      attempt(async () => {
        // Every tarball is what got installed under its name, and the tree is complete (`npm ls` exits 1 on a missing or invalid dependency).
        for (const name of packed.tarballs.keys()) {
          const manifest = join(npmDir, 'node_modules', name, 'package.json');
          if (!existsSync(manifest) || (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name !== name) throw new Error(`${name} is not installed`);
        }
        ok('npm ls --all', await run('npm', ['ls', '--all'], { cwd: npmDir }));
      }),
    );
    cell('package managers', 'npm', 'smoke suite on Node', () =>
      attempt(async () => {
        const failed = (await cliSmoke(process.execPath, [], npmDir)).filter((r) => !r.ok);
        if (failed.length) throw new Error(failed.map((r) => `${r.check}: ${r.error}`).join('\n'));
      }),
    );
  });
  let pnpmDir: Promise<string> | undefined;
  const installed = () => (pnpmDir ??= installWithPnpm(packed, tools.pnpm, join(toolchainDir, 'node_modules', '.pnpm-store')));
  describe('pnpm', () => {
    cell('package managers', 'pnpm', 'installs the tarballs', () => attempt(installed));
    cell('package managers', 'pnpm', 'smoke suite on Node', () =>
      attempt(async () => {
        const failed = (await cliSmoke(process.execPath, [], await installed())).filter((r) => !r.ok);
        if (failed.length) throw new Error(failed.map((r) => `${r.check}: ${r.error}`).join('\n'));
      }),
    );
  });
});
