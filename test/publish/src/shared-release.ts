/**
 * The release rehearsal (src/rehearsal.ts) once per vitest run, as its globalSetup: publish.test.ts
 * checks what it published and installs from it, consumer-app.test.ts installs the example app from
 * it. Each used to rehearse on its own: a second verdaccio, `changeset version` and
 * `changeset publish` of every package, about half of consumer-app's time. Neither file publishes,
 * so they cannot disturb each other. verdaccio is stopped (by its pid) and the temp directory
 * removed when the run ends.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { rehearseRelease } from './rehearsal.js';

/** What the test files get of the rehearsal (plain data: it crosses into the test workers). */
export interface SharedRelease {
  /** verdaccio's `http://127.0.0.1:<port>/`. */
  registryUrl: string;
  /** The temp user `.npmrc` (registry, token, temp cache). */
  npmrc: string;
  /** [name, version] before and after `changeset version`, every public package. */
  before: [string, string][];
  released: [string, string][];
  /** What `changeset publish` printed. */
  publishOutput: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    release: SharedRelease;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const temp = realpathSync(mkdtempSync(join(tmpdir(), 'vc-release-')));
  try {
    const rehearsal = await rehearseRelease(temp);
    project.provide('release', {
      registryUrl: rehearsal.registry.url,
      npmrc: rehearsal.npmrc,
      before: [...rehearsal.before],
      released: [...rehearsal.released],
      publishOutput: rehearsal.publishOutput,
    });
    return async () => {
      await rehearsal.registry.stop();
      rmSync(temp, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
