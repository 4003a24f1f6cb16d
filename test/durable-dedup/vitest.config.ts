import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/durable-dedup-tests',
  // Each file starts its own servers and processes; on 2 cores they must not run at once.
  test: { testTimeout: 180_000, fileParallelism: false },
});
