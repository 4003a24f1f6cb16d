/**
 * What a release hands a consumer, checked on a real `changeset version` of a copy of the
 * workspace (no registry needed: `npm pack` builds the same tarball `npm publish` uploads):
 * - every public package's tarball has LICENSE, CHANGELOG.md (with the new version), a README
 *   whose links work on a registry page, the repository/homepage/bugs metadata, and no tests;
 *   the `src/` it ships is exactly what its source and declaration maps point to;
 * - a runtime release of any size leaves every peer range on the runtime satisfiable.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { copyForRelease, type PublicPackage, publicPackages } from '../src/release-copy.js';
import { cleanEnv, ok, run } from '../src/run.js';
import { isTestFile, type Packed, packAndUnpack, relativeLinks } from '../src/tarball.js';

const root = workspaceRoot();
const changesetBin = join(root, 'node_modules/@changesets/cli/bin.js');
const RUNTIME = '@vendor-contracts/runtime';
const env = cleanEnv({ CI: 'true' });

type Manifest = Record<string, any>;
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

let temp: string;
beforeAll(() => {
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'vc-release-contents-')));
});
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** A copy of the workspace after `changeset version` with one changeset giving each named package its bump. */
async function versioned(name: string, bumps: (packages: PublicPackage[]) => Record<string, 'patch' | 'minor' | 'major'>) {
  const release = join(temp, name);
  mkdirSync(release);
  copyForRelease(root, release);
  // Only this release: the workspace's pending changesets would add bumps of their own.
  for (const file of readdirSync(join(release, '.changeset'))) if (file.endsWith('.md') && file !== 'README.md') rmSync(join(release, '.changeset', file));
  const before = publicPackages(release);
  const manifests = (packages: PublicPackage[]) => new Map(packages.map((p) => [p.name, readJson(join(p.dir, 'package.json'))]));
  const beforeManifests = manifests(before);
  const releases = Object.entries(bumps(before)).map(([pkg, bump]) => `'${pkg}': ${bump}`);
  writeFileSync(join(release, '.changeset', 'release-contents.md'), `---\n${releases.join('\n')}\n---\n\nA release made by the release-contents test.\n`);
  ok('changeset version', await run(process.execPath, [changesetBin, 'version'], { cwd: release, env }));
  return { release, before: beforeManifests, after: manifests(publicPackages(release)), packages: publicPackages(release) };
}

describe('every public package tarball, after changeset version', () => {
  let release: Awaited<ReturnType<typeof versioned>>;
  const packed = new Map<string, Packed>();
  const rootManifest = readJson(join(root, 'package.json'));
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');

  beforeAll(async () => {
    release = await versioned('all-patch', (packages) => Object.fromEntries(packages.map((p) => [p.name, 'patch'])));
    expect(release.packages.length).toBeGreaterThanOrEqual(7);
    for (const p of release.packages) packed.set(p.name, await packAndUnpack(p.dir, join(temp, 'packed', p.name), env));
  }, 120_000);

  it('carries LICENSE, CHANGELOG.md with the release, a README with no relative links, and no tests', () => {
    for (const p of release.packages) {
      const { files, root: unpacked } = packed.get(p.name)!;
      expect(files, p.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
      expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8'), `${p.name} LICENSE`).toBe(license);
      expect(readFileSync(join(unpacked, 'CHANGELOG.md'), 'utf8'), `${p.name} CHANGELOG.md`).toContain(`## ${p.version}`);
      expect(relativeLinks(readFileSync(join(unpacked, 'README.md'), 'utf8')), `${p.name} README links`).toEqual([]);
      expect(files.filter(isTestFile), `${p.name} test files`).toEqual([]);
    }
  });

  it('names the repository (with the package directory), homepage and bugs of the root manifest', () => {
    expect(rootManifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    const home = String(rootManifest.repository.url)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    for (const p of release.packages) {
      const m = release.after.get(p.name)!;
      const directory = relative(release.release, p.dir);
      expect(m.license, p.name).toBe('MIT');
      expect(m.repository, p.name).toEqual({ type: 'git', url: rootManifest.repository.url, directory });
      expect(m.homepage, p.name).toBe(`${home}/tree/main/${directory}#readme`);
      expect(m.bugs, p.name).toEqual(rootManifest.bugs);
    }
  });

  it('ships src/ exactly for its maps: every source a .map names is in the tarball', () => {
    for (const p of release.packages) {
      const { files: list, root: unpacked } = packed.get(p.name)!;
      const files = new Set(list);
      const maps = list.filter((f) => f.endsWith('.map'));
      expect(maps.length, `${p.name} ships source/declaration maps`).toBeGreaterThan(0);
      const named = new Set<string>();
      for (const map of maps) {
        const { sources } = readJson(join(unpacked, map)) as { sources: string[] };
        for (const source of sources) {
          const path = normalize(join(dirname(map), source));
          expect(files.has(path), `${p.name}: ${map} points to ${path}`).toBe(true);
          named.add(path);
        }
      }
      // And nothing under src/ that no map needs (beyond the export condition's entry points).
      const unused = list.filter((f) => f.startsWith('src/') && f.endsWith('.ts') && !named.has(f));
      expect(unused, `${p.name}: src files no map points to`).toEqual([]);
    }
  });
});

describe('peer ranges on the runtime after a runtime-only release', () => {
  for (const bump of ['patch', 'minor', 'major'] as const) {
    it(`${bump}: every peer range is satisfied by the new runtime; dependents move only when it leaves their range`, async () => {
      const { before, after } = await versioned(`runtime-${bump}`, () => ({ [RUNTIME]: bump }));
      const runtime = after.get(RUNTIME)!.version as string;
      expect(runtime).toBe(semver.inc(before.get(RUNTIME)!.version, bump));
      const dependents = [...after].filter(([, m]) => m.peerDependencies?.[RUNTIME]);
      expect(dependents.length).toBeGreaterThanOrEqual(6);
      for (const [name, m] of dependents) {
        const was = before.get(name)!;
        const range = m.peerDependencies[RUNTIME] as string;
        expect(semver.satisfies(runtime, range), `${name} peer ${range} vs runtime ${runtime}`).toBe(true);
        expect(m.devDependencies?.[RUNTIME], `${name} builds and tests against the new runtime`).toBe(runtime);
        expect(m.dependencies?.[RUNTIME], `${name} has no runtime copy of its own`).toBeUndefined();
        if (semver.satisfies(runtime, was.peerDependencies[RUNTIME])) {
          expect([m.version, range], `${name}: still in range, untouched`).toEqual([was.version, was.peerDependencies[RUNTIME]]);
        } else {
          // A narrower peer range asks consumers to upgrade the runtime: a major of the dependent.
          expect([m.version, range], `${name}: out of range`).toEqual([semver.inc(was.version, 'major'), `^${runtime}`]);
        }
      }
    }, 120_000);
  }
});
