/**
 * What every project's vitest config shares: resolve workspace packages to their TypeScript
 * source (the "@vendor-contracts/source" export condition), so tests never wait for a build,
 * and fail any test that writes to the console (the SDK must stay silent by default).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestUserConfig, type ViteUserConfig } from 'vitest/config';

export const SOURCE_CONDITION = '@vendor-contracts/source';
/** Vite's defaults for Node (`defaultServerConditions`), which a custom list would otherwise replace. */
const NODE_CONDITIONS = ['module', 'node', 'development|production'];

export function projectConfig(overrides: { name: string; test?: TestUserConfig }): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: [SOURCE_CONDITION, ...NODE_CONDITIONS] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...NODE_CONDITIONS] } },
    test: {
      name: overrides.name,
      environment: 'node',
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      setupFiles: [fileURLToPath(new URL('./test/setup/fail-on-console.ts', import.meta.url))],
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 20_000,
      hookTimeout: 60_000,
      ...overrides.test,
    },
  });
}
