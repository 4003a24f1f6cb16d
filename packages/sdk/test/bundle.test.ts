import { describe, expect, it } from 'vitest';
import { bundle, programs } from './support/bundle.js';

/** Strings only each vendor's code contains: its server host and one of its operationIds. */
const markers = {
  tmtFirst: ['connectapi.tmttech.co.uk', 'respondToQuote'],
  telecomx: ['api.telecomx.dk', 'updateInternetRequest'],
  infocare: ['infocare.example.invalid', 'sendCompletedEmail'],
  totalmobile: ['api-qa-customer.clouddialogs.com', 'createSalesOrder'],
  atttool: ['https://atttool.com', 'getOrderStatusByQuery'],
} as const;
type Vendor = keyof typeof markers;
const vendors = Object.keys(markers) as Vendor[];

describe('bundles: a vendor imported through its subpath brings no other vendor', () => {
  it.each(vendors)('%s', async (vendor) => {
    const { code } = await bundle(programs[vendor]);
    for (const marker of markers[vendor]) expect(code, `${vendor} needs ${marker}`).toContain(marker);
    for (const other of vendors.filter((v) => v !== vendor)) {
      for (const marker of markers[other]) expect(code, `${vendor}'s bundle holds ${other}'s ${marker}`).not.toContain(marker);
    }
  });
});

describe('bundles: the facade', () => {
  it('holds every vendor', async () => {
    const { code } = await bundle(programs.facade);
    for (const vendor of vendors) for (const marker of markers[vendor]) expect(code, `${vendor}: ${marker}`).toContain(marker);
  });

  it('is larger than any one vendor through its subpath', async () => {
    const facade = await bundle(programs.facade);
    for (const vendor of vendors) expect(facade.gzippedBytes).toBeGreaterThan((await bundle(programs[vendor])).gzippedBytes);
  });

  it('importing only the runtime errors from the root brings no vendor (sideEffects: false)', async () => {
    const { code } = await bundle(programs.runtimeErrorsOnly);
    expect(code).toContain('failed with HTTP'); // ApiError's message: the error classes are there
    for (const vendor of vendors) for (const marker of markers[vendor]) expect(code).not.toContain(marker);
  });
});
