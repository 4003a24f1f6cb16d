import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where the plugin looks: one spec per vendor folder. */
export const SPEC_GLOB = 'specs/*/openapi.yaml';

/** The tool sources every generated artefact depends on (the generator, the extension registry, the plugin): a change to one re-runs codegen. */
export const TOOL_SOURCE_INPUTS = ['{workspaceRoot}/tools/codegen/src/**/*', '{workspaceRoot}/tools/spec-model/src/**/*', '{workspaceRoot}/tools/nx-plugin/src/**/*'];

/**
 * The workspace tools every vendor's targets run: an edit to one makes `nx affected` pick every
 * vendor (as their inputs already make the cache miss).
 */
export const TOOL_PROJECTS = ['@vendor-contracts/codegen', '@vendor-contracts/spec-lint', '@vendor-contracts/spec-model'];

/** The npm packages whose versions change what codegen writes. */
export const CODEGEN_EXTERNAL_DEPENDENCIES = ['openapi-typescript', 'yaml', 'prettier'];

/** What each target builder is given about one vendor. */
export interface VendorContext {
  /** `specs/<vendor>`'s folder name, e.g. `tmt-first`. */
  vendor: string;
  /** The vendor's spec folder, workspace-relative (`specs/tmt-first`). */
  specDir: string;
  /** The vendor's package folder, workspace-relative (`packages/tmt-first`). */
  projectRoot: string;
}

/** `specs/<vendor>/openapi.yaml` → its vendor context. */
export function vendorOf(specFile: string): VendorContext {
  const specDir = dirname(specFile).split('\\').join('/');
  const vendor = basename(specDir);
  return { vendor, specDir, projectRoot: `packages/${vendor}` };
}

/**
 * Targets attach only to an existing `packages/<vendor>/package.json`: a spec without a package
 * (a vendor being drafted) infers nothing, rather than a project Nx cannot run.
 */
export function vendorPackageExists(workspaceRoot: string, vendor: VendorContext): boolean {
  return existsSync(join(workspaceRoot, vendor.projectRoot, 'package.json'));
}
