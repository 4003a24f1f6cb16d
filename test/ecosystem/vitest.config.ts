import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@vendor-contracts/ecosystem-tests',
  // The first run installs the toolchain (~1 min); packing and installing the tarballs ~10 s.
  test: { testTimeout: 600_000, hookTimeout: 600_000, fileParallelism: false },
});
