/**
 * Every vendor through one facade, against Prism serving each vendor's spec: one configuration,
 * shared defaults (hooks, timeout) reaching every client, and each vendor's own auth working.
 */
import { type PrismServer, startPrisms } from '@vendor-contracts/contract-tests/prism';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorContracts, type SuccessEvent } from '../src/index.js';

const slugs = ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool'] as const;
let prisms = new Map<string, PrismServer>();
const url = (slug: (typeof slugs)[number]) => prisms.get(slug)!.baseUrl;

beforeAll(async () => {
  // One Prism process serving all five specs.
  prisms = await startPrisms(slugs);
}, 120_000);

afterAll(async () => {
  await Promise.all([...prisms.values()].map((prism) => prism.stop()));
});

describe('every vendor through createVendorContracts against Prism', () => {
  it('calls each vendor with its own credentials and the shared hooks', async () => {
    const successes: string[] = [];
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: 'tmt-api-key', baseUrl: url('tmt-first') },
      telecomx: { token: 'telecomx-token', baseUrl: url('telecomx') },
      infocare: { apiToken: 'infocare-token', baseUrl: url('infocare') },
      totalmobile: { username: 'user@clouddialogs.com', password: 'secret', baseUrl: url('totalmobile') },
      atttool: { apiKey: '0123456789abcdef0123456789abcdef', baseUrl: url('atttool') },
      defaults: { timeout: 20_000, hooks: { onSuccess: (e: SuccessEvent) => void successes.push(`${e.vendor}.${e.operationId}`) } },
    });

    const quotes = await vendors.tmtFirst.getQuotes();
    expect(Array.isArray(quotes)).toBe(true);

    const request = await vendors.telecomx.updateInternetRequest({
      path: { requestId: '123457890123457890AAAA' },
      body: { ipAddresses: 8, installTime: '7_30_TO_12' },
    });
    expect(typeof request._id).toBe('string');

    const { result } = await vendors.infocare.sendCompletedEmail({ body: { guid: 'd647067f-20d4-4ac3-891e-a4549e727bee' } });
    expect(result === true || typeof result === 'string').toBe(true);

    const order = await vendors.totalmobile.getSalesOrder({ query: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } });
    expect(order === null || typeof order.PrimaryOrderNumber === 'string').toBe(true);

    const placed = await vendors.atttool.placeOrder({ body: { imeis: ['354865093010294'], pingback_url: 'https://example.com/att/pingback' } });
    expect(placed.status).toBe('OK');

    expect(successes).toEqual([
      'tmt-first.getQuotes',
      'telecomx.updateInternetRequest',
      'infocare.sendCompletedEmail',
      'totalmobile.getToken', // the password grant goes through the same client, so the shared hooks see it too
      'totalmobile.getSalesOrder',
      'atttool.placeOrder',
    ]);
  });
});
