import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/contract-tests',
  test: {
    // Every test file starts its own Prism; on a 2-core machine they must not start at once.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
