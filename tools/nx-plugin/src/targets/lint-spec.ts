import type { TargetConfiguration } from '@nx/devkit';
import type { VendorContext } from '../shared.js';

/** Spectral (`oas` ruleset + our rules) over the vendor's spec; a pure check, so cached. */
export function buildLintSpecTarget({ vendor, specDir }: VendorContext): TargetConfiguration {
  return {
    command: `tsx tools/spec-lint/src/cli.ts ${vendor}`,
    options: { cwd: '{workspaceRoot}' },
    cache: true,
    inputs: [
      `{workspaceRoot}/${specDir}/**/*`,
      '{workspaceRoot}/specs/operations.yaml',
      '{workspaceRoot}/tools/spec-lint/src/**/*',
      '{workspaceRoot}/tools/spec-model/src/**/*',
      { externalDependencies: ['@stoplight/spectral-core', '@stoplight/spectral-rulesets', '@stoplight/spectral-functions', 'ajv'] },
    ],
    outputs: [],
    metadata: {
      description: `Lint ${specDir}/openapi.yaml: Spectral's oas rules plus ours (operationIds, examples, operations.yaml coverage)`,
      technologies: ['openapi', 'spectral'],
    },
  };
}
