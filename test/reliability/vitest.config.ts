import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({ name: '@vendor-contracts/reliability-tests', test: { testTimeout: 60_000 } });
