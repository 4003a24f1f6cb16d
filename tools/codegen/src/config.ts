import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where one vendor's spec lives and where its generated files go. */
export interface VendorTarget {
  /** Folder name under specs/, also the package folder under packages/ (e.g. `tmt-first`). */
  vendor: string;
  /** Absolute path of specs/<vendor>/openapi.yaml. */
  specFile: string;
  /** The spec path as written into headers: relative to the workspace root, `/`-separated. */
  specPath: string;
  /** Absolute path of packages/<vendor>/src/generated. */
  outDir: string;
}

/**
 * The repository root, two levels above this tool; the env var `VENDOR_CONTRACTS_ROOT`, when set,
 * points it elsewhere (test/drift.test.ts runs the CLI against a temporary copy of the workspace).
 */
export const workspaceRoot = resolve(process.env.VENDOR_CONTRACTS_ROOT || fileURLToPath(new URL('../../..', import.meta.url)));

/** Every vendor found as specs/<vendor>/openapi.yaml, sorted by name. */
export function discoverVendors(root = workspaceRoot): VendorTarget[] {
  const specsDir = join(root, 'specs');
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(specsDir, d.name, 'openapi.yaml')))
    .map((d) => d.name)
    .sort()
    .map((vendor) => ({
      vendor,
      specFile: join(specsDir, vendor, 'openapi.yaml'),
      specPath: `specs/${vendor}/openapi.yaml`,
      outDir: join(root, 'packages', vendor, 'src', 'generated'),
    }));
}

/**
 * Specs that are not vendors but are generated exactly like one, so what they test cannot drift
 * from what the generator emits: the runtime's test fixture (only where it exists, e.g. not in a
 * partial copy of the workspace).
 */
export function discoverFixtures(root = workspaceRoot): VendorTarget[] {
  const specPath = 'packages/runtime/test/fixture/openapi.yaml';
  if (!existsSync(join(root, specPath))) return [];
  return [{ vendor: 'acme', specFile: join(root, specPath), specPath, outDir: join(root, 'packages', 'runtime', 'test', 'support', 'generated') }];
}
