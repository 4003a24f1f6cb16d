/**
 * examples/consumer-app as a user gets it: copied out of the repository, its @vendor-contracts
 * dependencies pinned to the versions just released to the local registry, installed with npm
 * from there (everything else from the npm registry), and its own contract tests run — against
 * the mock and the specs and examples the installed packages ship, with its coverage gate.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Released, sharedRelease } from '../src/released.js';
import { ok, run } from '../src/run.js';
import { consumerNpmrc } from '../src/session.js';

let temp: string;
let rehearsal: Released;
let app: string;

beforeAll(() => {
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'vc-consumer-app-')));
  // The run's release (src/shared-release.ts), which publish.test.ts checks.
  rehearsal = sharedRelease();
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('examples/consumer-app, installed from the local registry', () => {
  it('installs the released packages (the mock included) into a copy outside the repository', async () => {
    const { registryUrl, env, released } = rehearsal;
    expect([...released.keys()]).toEqual(expect.arrayContaining(['@vendor-contracts/mock', '@vendor-contracts/sdk', '@vendor-contracts/tmt-first', '@vendor-contracts/atttool']));
    app = join(temp, 'consumer-app');
    cpSync(join(workspaceRoot(), 'examples', 'consumer-app'), app, { recursive: true, filter: (src) => !/node_modules|contract-coverage/.test(src) });
    expect(app.startsWith(workspaceRoot())).toBe(false);
    const manifestFile = join(app, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<'dependencies' | 'devDependencies', Record<string, string>>;
    const ours: string[] = [];
    for (const group of ['dependencies', 'devDependencies'] as const) {
      for (const name of Object.keys(manifest[group])) {
        if (!name.startsWith('@vendor-contracts/')) continue;
        expect(released.get(name), `${name} was released`).toBeDefined();
        manifest[group][name] = released.get(name)!;
        ours.push(name);
      }
    }
    expect(ours.sort()).toEqual(['@vendor-contracts/atttool', '@vendor-contracts/mock', '@vendor-contracts/sdk', '@vendor-contracts/tmt-first']);
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    writeFileSync(join(app, '.npmrc'), consumerNpmrc(registryUrl));
    ok('npm install', await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: app, env, timeoutMs: 600_000 }));

    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; resolved?: string }> };
    for (const name of [...ours, '@vendor-contracts/runtime']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry?.version, name).toBe(released.get(name));
      expect(entry?.resolved, name).toMatch(new RegExp(`^${escapeRegExp(registryUrl)}`));
    }
    // Prism came with the mock, from the npm registry: nothing was taken from the repository.
    expect(lock.packages['node_modules/@stoplight/prism-http-server']?.resolved).toMatch(/^https:\/\/registry\.npmjs\.org\//);
  });

  it('ships each vendor’s spec byte for byte as its client was generated from it, and its examples', () => {
    for (const vendor of ['tmt-first', 'atttool']) {
      const dir = join(app, 'node_modules', '@vendor-contracts', vendor);
      const yaml = readFileSync(join(dir, 'dist', 'openapi.yaml'));
      const header = /@spec-sha256 ([0-9a-f]{64})/.exec(readFileSync(join(dir, 'dist', 'generated', 'operations.js'), 'utf8'))?.[1];
      expect(createHash('sha256').update(yaml).digest('hex'), vendor).toBe(header);
      expect(yaml.equals(readFileSync(join(workspaceRoot(), 'specs', vendor, 'openapi.yaml'))), vendor).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'dist', 'openapi.json'), 'utf8')).openapi).toMatch(/^3\.1/);
      expect(existsSync(join(dir, 'dist', 'generated', 'examples.js')), vendor).toBe(true);
    }
  });

  it('type-checks and passes its own contract tests, coverage gate included', async () => {
    const env = { ...rehearsal.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    ok('tsc', await run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], { cwd: app, env }));
    const result = ok('vitest run', await run(process.execPath, [join(app, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: app, env, timeoutMs: 300_000 }));
    expect(result.stdout).toMatch(/Tests +\d+ passed/);
    const report = JSON.parse(readFileSync(join(app, 'contract-coverage.json'), 'utf8')) as { percent: number; covered: number; vendors: Array<{ vendor: string }> };
    expect(report.vendors.map((v) => v.vendor)).toEqual(['tmt-first', 'atttool']);
    expect(report.covered).toBeGreaterThan(0);
    expect(report.percent).toBeGreaterThanOrEqual(20);
    expect(readFileSync(join(app, 'contract-coverage.json.txt'), 'utf8')).toMatch(/✓ +placeOrder +200 +notEnoughFunds/);

    // The same run with a bar the app does not reach fails, naming what it never tested.
    const gated = await run(process.execPath, [join(app, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: app, env: { ...env, MIN_CONTRACT_COVERAGE: '95' }, timeoutMs: 300_000 });
    expect(gated.code).not.toBe(0);
    expect(gated.stdout + gated.stderr).toMatch(/contract coverage [\d.]+% is below the minimum 95%/);
    expect(gated.stdout + gated.stderr).toMatch(/tmt-first getQuotes 200 quotes/);
  });
});
