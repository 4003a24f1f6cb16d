import { projectConfig } from '../../vitest.shared.js';

const config = projectConfig({ name: '@vendor-contracts/reliability-tests', test: { testTimeout: 60_000 } });
// Without Vite's 'module' condition: it picks @opentelemetry/api's build/esm, whose imports have
// no file extension, which Node cannot load (the canary scan of exported spans). Node's own stay.
const withoutModule = (conditions?: string[]) => conditions?.filter((c) => c !== 'module');
config.resolve!.conditions = withoutModule(config.resolve!.conditions);
config.ssr!.resolve!.conditions = withoutModule(config.ssr!.resolve!.conditions);
export default config;
