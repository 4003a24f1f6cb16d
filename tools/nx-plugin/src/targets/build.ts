import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedOptions } from '../options.js';
import type { VendorContext } from '../shared.js';

/**
 * `tsc -p tsconfig.build.json` into `dist/`, after the dependencies' builds and this vendor's
 * codegen, so `nx affected -t codegen build` never compiles stale generated files; then the spec
 * itself goes into `dist/` (`openapi.yaml` as is, `openapi.json` dereferenced), so the package
 * ships the contract its client was generated from. Cached on the spec too.
 */
export function buildBuildTarget(vendor: VendorContext, options: NormalizedOptions): TargetConfiguration {
  return {
    command: `tsc -p tsconfig.build.json && tsx ../../tools/codegen/src/ship-cli.ts ${vendor.vendor}`,
    options: { cwd: '{projectRoot}' },
    dependsOn: [`^${options.buildTargetName}`, options.codegenTargetName],
    cache: true,
    inputs: [
      'production',
      '^production',
      `{workspaceRoot}/${vendor.specDir}/openapi.yaml`,
      '{workspaceRoot}/tools/codegen/src/ship.ts',
      '{workspaceRoot}/tools/codegen/src/ship-cli.ts',
      '{workspaceRoot}/tools/codegen/src/spec.ts',
      '{workspaceRoot}/tools/spec-model/src/spec.ts',
      { externalDependencies: ['typescript', 'yaml'] },
    ],
    outputs: ['{projectRoot}/dist'],
    metadata: {
      description: `Compile ${vendor.projectRoot}/src to dist/ (ESM + declarations) and ship ${vendor.specDir}/openapi.yaml (+ dereferenced openapi.json) in dist/`,
      technologies: ['typescript', 'openapi'],
    },
  };
}
