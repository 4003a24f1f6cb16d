import { projectConfig } from '../../vitest.shared.js';

const config = projectConfig({
  name: '@vendor-contracts/reliability-tests',
  // Every file imports all five clients, the runtime and the contract tests' case builders; with
  // one worker on 2 cores, loading them once instead of per file saves most of the import time.
  // Safe: no file mocks modules or changes module state (each builds its own clients and rig, and
  // removes the process listeners it adds).
  test: { testTimeout: 60_000, isolate: false },
});
// Without Vite's 'module' condition: it picks @opentelemetry/api's build/esm, whose imports have
// no file extension, which Node cannot load (the canary scan of exported spans). Node's own stay.
const withoutModule = (conditions?: string[]) => conditions?.filter((c) => c !== 'module');
config.resolve!.conditions = withoutModule(config.resolve!.conditions);
config.ssr!.resolve!.conditions = withoutModule(config.ssr!.resolve!.conditions);
export default config;
