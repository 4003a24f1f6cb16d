import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedOptions } from '../options.js';
import type { VendorContext } from '../shared.js';

/**
 * This vendor's Prism contract tests: the suite every vendor shares (`test/contract/test/every-vendor`,
 * run for this vendor only through `CONTRACT_VENDOR`) and the vendor's own folder
 * (`test/contract/test/<vendor>`: its entry in the suite's vendor table, its quirks and workflows).
 * They live on the vendor's project so `nx affected -t contract` runs only the vendors whose spec
 * or code changed; the contract-tests project's own `test` target runs just its helpers' unit tests.
 */
export function buildContractTarget({ vendor, specDir }: VendorContext, options: NormalizedOptions): TargetConfiguration {
  return {
    // The trailing slashes keep a vendor's folder filter from matching another vendor's (`acme` vs `acme-eu`).
    command: `vitest run test/every-vendor/ test/${vendor}/`,
    options: { cwd: '{workspaceRoot}/test/contract', env: { CONTRACT_VENDOR: vendor } },
    dependsOn: [options.codegenTargetName],
    cache: true,
    inputs: [
      'production',
      '^production',
      `{workspaceRoot}/${specDir}/**/*`,
      '{workspaceRoot}/test/contract/src/**/*',
      // The Prism runner the contract tests start Prism through (@vendor-contracts/mock).
      '{workspaceRoot}/packages/mock/src/**/*',
      '{workspaceRoot}/test/contract/test/every-vendor/**/*',
      `{workspaceRoot}/test/contract/test/${vendor}/**/*`,
      '{workspaceRoot}/test/contract/vitest.config.ts',
      '{workspaceRoot}/vitest.shared.ts',
      '{workspaceRoot}/test/setup/**/*',
      { externalDependencies: ['@stoplight/prism-http', '@stoplight/prism-http-server', 'vitest'] },
    ],
    outputs: [],
    metadata: {
      description: `Drive the ${vendor} client against Prism serving ${specDir}/openapi.yaml`,
      technologies: ['vitest', 'prism'],
    },
  };
}
