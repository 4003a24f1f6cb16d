/**
 * The vendor-contracts Nx plugin: every `specs/<vendor>/openapi.yaml` gives the project in
 * `packages/<vendor>` its lint-spec, codegen, codegen-check, build, mock and contract targets, so
 * adding a vendor needs no target configuration and `nx affected` follows spec edits.
 * Registered by path in nx.json.
 */
import { type CreateNodesContext, type CreateNodesResult, type CreateNodesV2, createNodesFromFiles } from '@nx/devkit';
import { normalizeOptions, type VendorPluginOptions } from './options.js';
import { SPEC_GLOB, TOOL_PROJECTS, vendorOf, vendorPackageExists } from './shared.js';
import { buildBuildTarget } from './targets/build.js';
import { buildCodegenCheckTarget, buildCodegenTarget } from './targets/codegen.js';
import { buildContractTarget } from './targets/contract.js';
import { buildLintSpecTarget } from './targets/lint-spec.js';
import { buildMockTarget } from './targets/mock.js';

export type { VendorPluginOptions } from './options.js';

function createVendorNodes(specFile: string, rawOptions: VendorPluginOptions | undefined, context: CreateNodesContext): CreateNodesResult {
  const vendor = vendorOf(specFile);
  if (!vendorPackageExists(context.workspaceRoot, vendor)) return {};
  const options = normalizeOptions(rawOptions);
  return {
    projects: {
      [vendor.projectRoot]: {
        implicitDependencies: TOOL_PROJECTS,
        targets: {
          [options.lintSpecTargetName]: buildLintSpecTarget(vendor),
          [options.codegenTargetName]: buildCodegenTarget(vendor),
          [options.codegenCheckTargetName]: buildCodegenCheckTarget(vendor),
          [options.buildTargetName]: buildBuildTarget(vendor, options),
          [options.mockTargetName]: buildMockTarget(vendor),
          [options.contractTargetName]: buildContractTarget(vendor, options),
        },
      },
    },
  };
}

export const createNodesV2: CreateNodesV2<VendorPluginOptions> = [
  SPEC_GLOB,
  (specFiles, options, context) => createNodesFromFiles(createVendorNodes, specFiles, options ?? {}, context),
];

/** Nx 21+ reads `createNodes` with the V2 signature; both names point at the same tuple. */
export const createNodes = createNodesV2;
