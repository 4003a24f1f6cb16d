/** The run's release (src/shared-release.ts, the globalSetup) as a test file reads it. */
import { inject } from 'vitest';
import { cleanEnv } from './run.js';
import type { SharedRelease } from './shared-release.js';

export interface Released extends Omit<SharedRelease, 'before' | 'released'> {
  /** The environment every npm of the test uses (the release's `.npmrc` as user config). */
  env: NodeJS.ProcessEnv;
  /** Every public package's version before and after `changeset version`, by name. */
  before: Map<string, string>;
  released: Map<string, string>;
}

export function sharedRelease(): Released {
  const release = inject('release');
  return {
    ...release,
    env: cleanEnv({ npm_config_userconfig: release.npmrc, CI: 'true' }),
    before: new Map(release.before),
    released: new Map(release.released),
  };
}
