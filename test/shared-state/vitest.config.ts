import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/shared-state-tests',
  // Each file starts its own Redis and worker processes; on 2 cores they must not run at once.
  test: { testTimeout: 120_000, fileParallelism: false },
});
