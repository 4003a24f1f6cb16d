import type { TargetConfiguration } from '@nx/devkit';
import type { NormalizedOptions } from '../options.js';
import type { VendorContext } from '../shared.js';

/**
 * `tsc -p tsconfig.build.json` into `dist/`, after the dependencies' builds and this vendor's
 * codegen, so `nx affected -t codegen build` never compiles stale generated files.
 */
export function buildBuildTarget(vendor: VendorContext, options: NormalizedOptions): TargetConfiguration {
  return {
    command: 'tsc -p tsconfig.build.json',
    options: { cwd: '{projectRoot}' },
    dependsOn: [`^${options.buildTargetName}`, options.codegenTargetName],
    cache: true,
    inputs: ['production', '^production', { externalDependencies: ['typescript'] }],
    outputs: ['{projectRoot}/dist'],
    metadata: {
      description: `Compile ${vendor.projectRoot}/src to dist/ (ESM + declarations)`,
      technologies: ['typescript'],
    },
  };
}
