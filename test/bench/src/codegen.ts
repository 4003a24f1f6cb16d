/**
 * Codegen scale: the real five vendors; 10/50/100 synthetic vendors through the programmatic API
 * (growth per spec); and Nx on a 100-vendor temporary workspace: a cold build, a no-op cached run,
 * and one changed spec (only that vendor regenerates).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverVendors, generateVendor, workspaceRoot, writeOutput } from '@vendor-contracts/codegen';
import { median } from './harness.js';
import { ms, ratio, type Row, type SectionResult, table } from './report.js';
import { syntheticName, writeSyntheticWorkspace } from './synthetic.js';

/** Generates (and writes) every vendor of the workspace at `root`; returns wall ms. */
async function generateAll(root: string, only?: string[]): Promise<number> {
  const targets = discoverVendors(root).filter((t) => !only || only.includes(t.vendor));
  const start = performance.now();
  for (const target of targets) writeOutput(target.outDir, await generateVendor(target));
  return performance.now() - start;
}

function runNx(cwd: string, temp: string): void {
  const result = spawnSync(process.execPath, [join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'codegen', '--outputStyle=static'], {
    cwd,
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_CACHE_DIRECTORY: join(temp, 'nx-cache'),
      NX_WORKSPACE_DATA_DIRECTORY: join(temp, 'nx-data'),
      NX_TUI: 'false',
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`nx run-many -t codegen failed (${result.status}):\n${`${result.stdout}${result.stderr}`.slice(-3000)}`);
}

function wall(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** `--nx-vendors=N` scales the Nx workspace down (default 100) when the cold build is too slow. */
function nxVendors(quick: boolean): number {
  const arg = process.argv.find((a) => a.startsWith('--nx-vendors='));
  const n = arg ? Number(arg.slice('--nx-vendors='.length)) : quick ? 10 : 100;
  if (!Number.isInteger(n) || n < 3) throw new Error(`--nx-vendors must be an integer ≥ 3, not ${arg}`);
  return n;
}

export async function codegenSection(quick: boolean): Promise<SectionResult> {
  const counts = quick ? [5, 10] : [10, 50, 100];
  const nxCount = nxVendors(quick);
  const real = discoverVendors(workspaceRoot);
  const rows: Row[] = [];
  const notes: string[] = [];
  const temp = mkdtempSync(join(tmpdir(), 'vendor-contracts-bench-codegen-'));
  try {
    const root = join(temp, 'workspace');
    const vendors = writeSyntheticWorkspace(
      root,
      workspaceRoot,
      real.map((t) => t.specFile),
      Math.max(nxCount, ...counts),
    );

    // The real five, in this (already warm) process: what `npm run codegen` spends generating.
    const realRoot = join(temp, 'real');
    for (const t of real) cpSync(t.specFile, join(realRoot, 'specs', t.vendor, 'openapi.yaml'));
    await generateAll(realRoot); // warm-up: module loading, JIT
    const realMs = median([await generateAll(realRoot), await generateAll(realRoot), await generateAll(realRoot)]);
    rows.push({ what: `regenerate all ${real.length} vendors (programmatic, warm)`, value: ms(realMs) });
    const cliMs = wall(() =>
      execFileSync(process.execPath, ['--import', 'tsx', join(workspaceRoot, 'tools/codegen/src/cli.ts')], {
        env: { ...process.env, VENDOR_CONTRACTS_ROOT: realRoot },
        stdio: 'ignore',
      }),
    );
    rows.push({ what: `regenerate all ${real.length} vendors (\`npm run codegen\` CLI, new process)`, value: ms(cliMs) });

    // Growth: the first N synthetic vendors (the same mix of the five bases for every N).
    const growth: string[][] = [];
    const perSpec: number[] = [];
    for (const n of counts) {
      const took = await generateAll(root, vendors.slice(0, n));
      perSpec.push(took / n);
      growth.push([String(n), ms(took), ms(took / n)]);
    }
    const spread = Math.max(...perSpec) / Math.min(...perSpec);
    rows.push({
      what: `growth ${counts.join('/')} specs: largest / smallest time per spec`,
      value: ratio(spread),
      target: '≤ 1.5× (linear)',
      met: spread <= 1.5,
    });

    // Nx on the synthetic workspace, as a developer runs it (fresh cache, no daemon).
    writeSyntheticWorkspace(
      join(temp, 'nx'),
      workspaceRoot,
      real.map((t) => t.specFile),
      nxCount,
    );
    const nxRoot = join(temp, 'nx');
    const nx = () => wall(() => runNx(nxRoot, temp));
    const cold = nx();
    const generatedDirs = readdirSync(join(nxRoot, 'packages')).filter((v) => readdirSync(join(nxRoot, 'packages', v)).includes('src')).length;
    if (generatedDirs !== nxCount) throw new Error(`nx cold build generated ${generatedDirs} of ${nxCount} vendors`);
    const noop = median([nx(), nx(), nx()]);
    const changes: number[] = [];
    for (const [k, share] of [0.07, 0.42, 0.93].entries()) {
      const vendor = syntheticName(Math.max(1, Math.round(share * nxCount)));
      // A new description line: a real spec edit that changes the generated header's sha256.
      appendFileSync(join(nxRoot, 'specs', vendor, 'openapi.yaml'), `# bench edit ${k}\n`);
      changes.push(nx());
    }
    const oneChange = median(changes);
    rows.push({ what: `Nx cold build, ${nxCount} vendors (empty cache)`, value: ms(cold) });
    rows.push({ what: 'Nx no-op run (everything cached)', value: ms(noop) });
    rows.push({ what: 'Nx after one spec changed (only that vendor regenerates)', value: ms(oneChange) });
    rows.push({ what: 'one-spec change / cold build', value: ratio(oneChange / cold), target: '≤ 0.05× (1/20)', met: oneChange / cold <= 0.05 });
    notes.push(
      `Growth detail (programmatic \`generateVendor\` + \`writeOutput\`, one process, already warm):\n\n${table(['specs', 'time', 'per spec'], growth)}`,
      `Nx: ${nxCount} projects, each \`codegen\` target = \`tsx ../../tools/codegen/src/cli.ts <vendor>\` with the spec and the generator's sources as inputs, exactly like the real packages; ` +
        `\`nx run-many -t codegen\`, parallel 2, no daemon, a fresh cache directory. The one-spec change is the median of 3 edits to different specs; the no-op run the median of 3.`,
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return {
    title: 'Codegen',
    method:
      `Synthetic vendors are our five specs in turn with every operationId and component schema renamed (written to a temporary workspace; \`VENDOR_CONTRACTS_ROOT\` / \`discoverVendors(root)\` point the generator there). ` +
      `Each generation is the full pipeline: openapi-typescript types, zod schemas, operations table, prettier.`,
    rows,
    details: notes.join('\n\n'),
  };
}
