import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({ name: '@vendor-contracts/test-servers', test: { testTimeout: 60_000 } });
