/**
 * The vendor table of the one contract suite: each vendor's entry (`test/<vendor>/contract.ts`),
 * loaded only when its vendor runs. `CONTRACT_VENDOR` (set by each vendor's `nx run <vendor>:contract`)
 * picks one; unset, the suite runs for every vendor in the table.
 */
import { listVendors } from '../../src/workspace.js';
import type { VendorContract } from '../../src/vendor-contract.js';

const TABLE: Record<string, () => Promise<{ contract: VendorContract }>> = {
  atttool: () => import('../atttool/contract.js'),
  infocare: () => import('../infocare/contract.js'),
  telecomx: () => import('../telecomx/contract.js'),
  'tmt-first': () => import('../tmt-first/contract.js'),
  totalmobile: () => import('../totalmobile/contract.js'),
};

/** The vendors this run covers, each with its entry. A vendor to run without an entry fails here. */
export async function selectedContracts(): Promise<VendorContract[]> {
  const chosen = process.env.CONTRACT_VENDOR;
  return contractsOf(chosen === undefined ? listVendors() : [chosen]);
}

/** The entries of `vendors` (every vendor with a spec by default), whatever `CONTRACT_VENDOR` says. */
export async function contractsOf(vendors: string[] = listVendors()): Promise<VendorContract[]> {
  const missing = vendors.filter((vendor) => !(vendor in TABLE));
  if (missing.length > 0) throw new Error(`contract-tests: no entry in test/every-vendor/vendors.ts (test/<vendor>/contract.ts) for ${missing.join(', ')}`);
  return Promise.all(vendors.map(async (vendor) => (await TABLE[vendor]!()).contract));
}
