/**
 * What every project's vitest config shares: resolve workspace packages to their TypeScript
 * source (the "@vendor-contracts/source" export condition), so tests never wait for a build,
 * and fail any test that writes to the console (the SDK must stay silent by default).
 *
 * Type tests (`test/**\/*.test-d.ts`) are not run by vitest: each project's `typecheck` target
 * (`tsc --noEmit` over src/ and test/) compiles them, and a failed `expectTypeOf` or an unused
 * `@ts-expect-error` is a compile error there. Vitest's typecheck mode ran that same whole-project
 * tsc a second time inside `test` (about 10 s of CPU per package on 2 cores).
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
      testTimeout: 20_000,
      hookTimeout: 60_000,
      ...overrides.test,
    },
  });
}
