import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/publish-tests',
  // One end-to-end flow: registry, version, publish, npm install from a fresh directory, tsc, run.
  // The release itself is made once per run, for the files that install from it (src/shared-release.ts).
  test: { testTimeout: 600_000, hookTimeout: 120_000, globalSetup: ['./src/shared-release.ts'] },
});
