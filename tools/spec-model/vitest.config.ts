import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({ name: '@vendor-contracts/spec-model' });
