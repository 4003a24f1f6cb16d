import type { TargetConfiguration } from '@nx/devkit';
import type { VendorContext } from '../shared.js';

/** Prism serving this vendor's spec on a free 127.0.0.1 port (printed) until stopped. */
export function buildMockTarget({ vendor, specDir }: VendorContext): TargetConfiguration {
  return {
    command: `tsx test/contract/src/mock-cli.ts ${vendor}`,
    options: { cwd: '{workspaceRoot}' },
    continuous: true,
    cache: false,
    metadata: {
      description: `Serve ${specDir}/openapi.yaml with Prism (static examples) for local development`,
      technologies: ['openapi', 'prism'],
    },
  };
}
