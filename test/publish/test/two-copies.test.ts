/**
 * One runtime, or two that still understand each other. The runtime and AT&T Tool are published
 * as built to a throwaway verdaccio, together with "legacy" releases made from the same build the
 * way every package was released before the runtime became a peer dependency (AT&T Tool with the
 * runtime as an exact `dependency` on a runtime version of its own). Fresh projects outside the
 * workspace then install them:
 * - the current packages alone: one runtime copy, the peer;
 * - the current AT&T Tool with a runtime outside its peer range: npm refuses (ERESOLVE) instead of
 *   installing a second copy;
 * - the legacy AT&T Tool beside the current runtime: two copies installed, and the consumer still
 *   catches every error class with `instanceof` (fixtures/two-copies/catch-every-error.mjs).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { copyForRelease, publicPackages } from '../src/release-copy.js';
import { ok, run } from '../src/run.js';
import { consumerNpmrc, type Session, startSession } from '../src/session.js';

const RUNTIME = '@vendor-contracts/runtime';
const VENDOR = '@vendor-contracts/atttool';

let session: Session | undefined;
let runtimeVersion: string;
let vendorVersion: string;
const legacy = (version: string) => `${version}-legacy.0`;

type Manifest = Record<string, any>;
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

async function consumer(name: string, dependencies: Record<string, string>) {
  const dir = join(session!.temp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(dir, '.npmrc'), consumerNpmrc(session!.registry.url));
  const install = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, env: session!.env, timeoutMs: 300_000 });
  return { dir, install };
}

/** Every installed copy of a package in a project's lockfile: install path → version. */
function copiesOf(dir: string, name: string): Record<string, string> {
  const lock = readJson(join(dir, 'package-lock.json')) as { packages: Record<string, { version: string }> };
  return Object.fromEntries(
    Object.entries(lock.packages)
      .filter(([path]) => path.endsWith(`node_modules/${name}`))
      .map(([path, p]) => [path, p.version]),
  );
}

beforeAll(async () => {
  session = await startSession('vc-two-copies-');
  const release = join(session.temp, 'release');
  mkdirSync(release);
  copyForRelease(workspaceRoot(), release);
  const dirOf = new Map(publicPackages(release).map((p) => [p.name, p.dir]));
  const publish = async (name: string, tag: string) =>
    ok(`npm publish ${name}`, await run('npm', ['publish', '--tag', tag, '--no-git-checks'], { cwd: dirOf.get(name)!, env: session!.env }));
  await publish(RUNTIME, 'latest');
  await publish(VENDOR, 'latest');

  const runtimeManifest = join(dirOf.get(RUNTIME)!, 'package.json');
  const vendorManifest = join(dirOf.get(VENDOR)!, 'package.json');
  const runtime = readJson(runtimeManifest);
  const vendor = readJson(vendorManifest);
  runtimeVersion = runtime.version;
  vendorVersion = vendor.version;
  expect(vendor.peerDependencies?.[RUNTIME], 'the vendor package takes the runtime as a peer').toBeDefined();
  expect(vendor.dependencies?.[RUNTIME], 'and not as a dependency of its own').toBeUndefined();

  // The legacy releases: same build, the runtime as an exact dependency of the vendor package.
  writeFileSync(runtimeManifest, JSON.stringify({ ...runtime, version: legacy(runtimeVersion) }, null, 2));
  await publish(RUNTIME, 'legacy');
  const { peerDependencies: _peers, ...rest } = vendor;
  writeFileSync(vendorManifest, JSON.stringify({ ...rest, version: legacy(vendorVersion), dependencies: { ...vendor.dependencies, [RUNTIME]: legacy(runtimeVersion) } }, null, 2));
  await publish(VENDOR, 'legacy');
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('the runtime is a peer dependency', () => {
  it('a consumer of a vendor package gets exactly one runtime copy', async () => {
    const { dir, install } = await consumer('one-copy', { [VENDOR]: vendorVersion });
    ok('npm install', install);
    expect(copiesOf(dir, RUNTIME)).toEqual({ [`node_modules/${RUNTIME}`]: runtimeVersion });
  });

  it('npm refuses a runtime outside the peer range instead of installing a second copy', async () => {
    const { install } = await consumer('out-of-range', { [VENDOR]: vendorVersion, [RUNTIME]: legacy(runtimeVersion) });
    expect(install.code).not.toBe(0);
    expect(install.stderr).toContain('ERESOLVE');
    expect(install.stderr).toContain(`peer ${RUNTIME}@"`);
  });
});

describe('two runtime copies installed', () => {
  it('a consumer still catches every error class with instanceof', async () => {
    const { dir, install } = await consumer('two-copies', { [VENDOR]: legacy(vendorVersion), [RUNTIME]: runtimeVersion });
    ok('npm install', install);
    expect(copiesOf(dir, RUNTIME)).toEqual({
      [`node_modules/${RUNTIME}`]: runtimeVersion,
      [`node_modules/${VENDOR}/node_modules/${RUNTIME}`]: legacy(runtimeVersion),
    });

    copyFileSync(new URL('../fixtures/two-copies/catch-every-error.mjs', import.meta.url), join(dir, 'catch-every-error.mjs'));
    const result = ok('node catch-every-error.mjs', await run(process.execPath, ['catch-every-error.mjs'], { cwd: dir, env: session!.env, timeoutMs: 60_000 }));
    const out = JSON.parse(result.stdout) as {
      mineVersion: string;
      theirVersion: string;
      sameModule: boolean;
      classes: string[];
      pairs: number;
      matrixMismatches: string[];
      thrown: { expected: string; threw: boolean; name?: string; fromTheirCopy?: boolean; caughtAsExpected?: boolean; caughtAsBase?: boolean; caughtAsApiError?: boolean }[];
    };
    // Really two copies: different versions, different class objects.
    expect([out.mineVersion, out.theirVersion]).toEqual([runtimeVersion, legacy(runtimeVersion)]);
    expect(out.sameModule).toBe(false);
    // Every exported error class against every other, as a prototype check within one copy would answer.
    expect(out.classes.length).toBeGreaterThanOrEqual(21);
    expect(out.pairs).toBe(out.classes.length ** 2);
    expect(out.matrixMismatches).toEqual([]);
    // And the errors the client actually threw, from its own copy, caught with the consumer's classes.
    const apiErrors = new Set([
      'ApiError',
      'BadRequestError',
      'AuthenticationError',
      'PermissionDeniedError',
      'NotFoundError',
      'ConflictError',
      'UnprocessableEntityError',
      'RateLimitError',
      'ServerError',
    ]);
    for (const t of out.thrown) {
      expect(t, t.expected).toEqual({
        expected: t.expected,
        threw: true,
        name: t.expected,
        fromTheirCopy: true,
        caughtAsExpected: true,
        caughtAsBase: true,
        caughtAsApiError: apiErrors.has(t.expected),
      });
    }
    expect(out.thrown.length).toBeGreaterThanOrEqual(19);
  });
});
