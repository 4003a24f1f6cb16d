import type { TargetConfiguration } from '@nx/devkit';
import { CODEGEN_EXTERNAL_DEPENDENCIES, TOOL_SOURCE_INPUTS, type VendorContext } from '../shared.js';

function codegenInputs({ specDir }: VendorContext) {
  return [`{workspaceRoot}/${specDir}/**/*`, ...TOOL_SOURCE_INPUTS, { externalDependencies: CODEGEN_EXTERNAL_DEPENDENCIES }];
}

/** Regenerate `src/generated/` from the spec; cached, and its output folder is restored on a hit. */
export function buildCodegenTarget(vendor: VendorContext): TargetConfiguration {
  return {
    command: `tsx tools/codegen/src/cli.ts ${vendor.vendor}`,
    options: { cwd: '{workspaceRoot}' },
    cache: true,
    inputs: codegenInputs(vendor),
    outputs: ['{projectRoot}/src/generated'],
    metadata: {
      description: `Generate ${vendor.projectRoot}/src/generated from ${vendor.specDir}/openapi.yaml`,
      technologies: ['openapi', 'typescript'],
    },
  };
}

/** Fail (naming each file and the fix command) when the committed generated files drift from the spec. */
export function buildCodegenCheckTarget(vendor: VendorContext): TargetConfiguration {
  return {
    command: `tsx tools/codegen/src/cli.ts ${vendor.vendor} --check`,
    options: { cwd: '{workspaceRoot}' },
    cache: true,
    inputs: [...codegenInputs(vendor), '{projectRoot}/src/generated/**/*'],
    outputs: [],
    metadata: {
      description: `Check that ${vendor.projectRoot}/src/generated is exactly what ${vendor.specDir}/openapi.yaml generates`,
      technologies: ['openapi', 'typescript'],
    },
  };
}
