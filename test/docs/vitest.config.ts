import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/docs-tests',
  // Each example runs in its own tsx process against Prism; generous but bounded.
  test: { testTimeout: 90_000, hookTimeout: 120_000 },
});
