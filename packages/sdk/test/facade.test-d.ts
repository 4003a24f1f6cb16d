import type { TmtFirstClient } from '@vendor-contracts/tmt-first';
import { describe, expectTypeOf, it } from 'vitest';
import { createVendorContracts, type VendorClients, type VendorContractsConfig } from '../src/index.js';

describe('createVendorContracts types', () => {
  it('has a property for each configured vendor, typed as its client', () => {
    const vendors = createVendorContracts({ tmtFirst: { apiKey: 'k', environment: 'test' }, atttool: { apiKey: 'k' } });
    expectTypeOf(vendors.tmtFirst).toEqualTypeOf<TmtFirstClient>();
    expectTypeOf(vendors.atttool).toEqualTypeOf<VendorClients['atttool']>();
    // @ts-expect-error telecomx was not configured
    void vendors.telecomx;
    // @ts-expect-error defaults is configuration, not a vendor
    void vendors.defaults;
  });

  it('rejects unknown keys, unknown vendor options and wrong option values', () => {
    // @ts-expect-error unknown top-level key
    createVendorContracts({ tmt: { apiKey: 'k' } });
    // @ts-expect-error apikey is not an option of tmtFirst
    createVendorContracts({ tmtFirst: { apikey: 'k' } });
    // @ts-expect-error tmt-first has no "staging" environment
    createVendorContracts({ tmtFirst: { apiKey: 'k', environment: 'staging' } });
    // @ts-expect-error infocare needs apiToken
    createVendorContracts({ infocare: { baseUrl: 'https://serviceorderhub.com' } });
    // @ts-expect-error credentials are per vendor, not shared
    createVendorContracts({ defaults: { apiKey: 'k' } });
  });

  it('a configuration typed as the whole config type exposes every vendor (it may throw when used)', () => {
    const config: VendorContractsConfig = {};
    const vendors = createVendorContracts(config);
    expectTypeOf(vendors.telecomx).toEqualTypeOf<VendorClients['telecomx']>();
    expectTypeOf(vendors.totalmobile).toEqualTypeOf<VendorClients['totalmobile']>();
  });

  it('an empty configuration exposes no vendor', () => {
    const vendors = createVendorContracts({});
    // @ts-expect-error nothing configured
    void vendors.infocare;
  });
});
