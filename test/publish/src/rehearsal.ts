/**
 * The release rehearsal as one step, for publish tests that need every public package in a
 * local registry: verdaccio started, a user and its token in a temp `.npmrc`, then in a release
 * copy of the workspace a changeset bumping every public package, `changeset version` and
 * `changeset publish` into verdaccio. Returns what was released and the environment every npm of
 * the test uses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { copyForRelease, publicPackages } from './release-copy.js';
import { cleanEnv, ok, run } from './run.js';
import { type Registry, startRegistry } from './verdaccio.js';

export interface Rehearsal {
  registry: Registry;
  /** The temp user `.npmrc` (our registry, its token, a temp cache) every npm of the test uses. */
  npmrc: string;
  /** The environment for npm (that `.npmrc` as the user config). */
  env: NodeJS.ProcessEnv;
  /** Every public package's version before `changeset version`, by name. */
  before: Map<string, string>;
  /** Every public package's released version, by name. */
  released: Map<string, string>;
  /** What `changeset publish` printed (stdout and stderr). */
  publishOutput: string;
}

export async function rehearseRelease(temp: string): Promise<Rehearsal> {
  const root = workspaceRoot();
  const registry = await startRegistry(join(temp, 'registry'));
  try {
    const token = await registry.addUser('release-bot', 'not-a-real-password-1');
    const npmrc = join(temp, '.npmrc');
    const host = new URL(registry.url).host;
    writeFileSync(
      npmrc,
      [`registry=${registry.url}`, `//${host}/:_authToken=${token}`, `cache=${join(temp, 'npm-cache')}`, 'audit=false', 'fund=false', 'update-notifier=false', ''].join('\n'),
    );
    const env = cleanEnv({ npm_config_userconfig: npmrc, CI: 'true' });

    const release = join(temp, 'release');
    mkdirSync(release);
    copyForRelease(root, release);
    const packages = publicPackages(release);
    writeFileSync(join(release, '.changeset', 'rehearsal.md'), `---\n${packages.map((p) => `'${p.name}': minor`).join('\n')}\n---\n\nA release made by the publish test.\n`);
    const changeset = join(root, 'node_modules/@changesets/cli/bin.js');
    ok('changeset version', await run(process.execPath, [changeset, 'version'], { cwd: release, env }));
    // changesets passes its own registry to `npm publish`: npm_config_registry, else npmjs.org.
    const published = ok('changeset publish', await run(process.execPath, [changeset, 'publish'], { cwd: release, env: { ...env, npm_config_registry: registry.url } }));
    return {
      registry,
      npmrc,
      env,
      before: new Map(packages.map((p) => [p.name, p.version])),
      released: new Map(publicPackages(release).map((p) => [p.name, p.version])),
      publishOutput: published.stdout + published.stderr,
    };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}
