/**
 * Which vendors an example talks to, and where their documented servers are: the URLs of each
 * spec's `servers` (server variables at their defaults), so a request an example sends to the
 * real host can be sent to that vendor's Prism instead.
 */
import { listVendors, loadSpec } from '@vendor-contracts/contract-tests/workspace';

export interface Route {
  vendor: string;
  /** A server URL of the vendor's spec, without a trailing slash (`https://atttool.com`). */
  from: string;
  /** Where requests under `from` go instead (the vendor's Prism base URL); absent when its Prism was not started. */
  to?: string | undefined;
}

interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}

/** The vendor's server URLs from its spec, server variables replaced by their defaults. */
export function serverUrls(vendor: string): string[] {
  const servers = ((loadSpec(vendor) as { servers?: ServerObject[] }).servers ?? []) as ServerObject[];
  return servers.map((server) =>
    server.url
      .replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = server.variables?.[name]?.default;
        if (value === undefined) throw new Error(`${vendor}: server variable {${name}} has no default`);
        return value;
      })
      .replace(/\/+$/, ''),
  );
}

/** `tmt-first` → `tmtFirst`: the vendor's key in `createVendorContracts({ … })`. */
export function facadeKey(vendor: string): string {
  return vendor.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The vendors an example uses: it imports the vendor's package (or its facade subpath), or it
 * imports the facade and configures the vendor's key.
 */
export function vendorsUsedBy(code: string, vendors = listVendors()): string[] {
  const importsFacade = /from\s+['"]@vendor-contracts\/sdk['"]/.test(code);
  return vendors.filter(
    (vendor) =>
      new RegExp(`['"]@vendor-contracts/(?:sdk/)?${escapeRegExp(vendor)}(?:/[^'"]*)?['"]`).test(code) ||
      (importsFacade && new RegExp(`\\b${escapeRegExp(facadeKey(vendor))}\\s*:`).test(code)),
  );
}
