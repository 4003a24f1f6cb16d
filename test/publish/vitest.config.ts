import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/publish-tests',
  // One end-to-end flow: registry, version, publish, npm install from a fresh directory, tsc, run.
  test: { testTimeout: 600_000, hookTimeout: 120_000 },
});
