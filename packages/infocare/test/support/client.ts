import { createInfocareClient, type InfocareClientOptions } from '../../src/index.js';
import { type Observed, json, observedFetch } from '@vendor-contracts/runtime/testing';

export const TOKEN = 'canary-infocare-7d41e9b2c05a';
export const BASE_URL = 'https://hub.infocare.test';

/** A client on an observed fetch that answers every request with `handler` (a 200 `{ data: {} }` by default). */
export function infocare(handler: (request: Request) => Response | Promise<Response> = () => json({ data: {} }), options: Partial<InfocareClientOptions> = {}) {
  const seen: Observed = observedFetch(handler);
  const client = createInfocareClient({ baseUrl: BASE_URL, apiToken: TOKEN, fetch: seen.fetch, ...options });
  return { client, seen };
}

/** The documented routing answer (source/infocare-api-v3.txt#L61). */
export const routed = {
  data: {
    serviceProvider: {
      id: 1,
      name: 'InfoCare Workshop',
      contactData: {
        id: 30347,
        name: null,
        firstName: null,
        lastName: null,
        organizationName: 'InfoCare Workshop',
        organizationNumber: null,
        addName: null,
        address: 'Arabygatan 9',
        postalCode: '1234',
        city: 'Växjö',
        countryCode: null,
        phone: '123456',
        mobile: null,
        email: 'test@example.com',
        floor: null,
        entrance: null,
        doorCode: null,
        createdAt: '2017-08-01T14:01:24.083Z',
      },
    },
    serviceProviderCompetence: { sesam: 'Sesam31', persDep: 'CSVxo', departmentId: 1, primarySesam: true, id: 1, overrideCode: 'infocare-override' },
    servicePartner: { id: 1, name: 'InfoCare Workshop SE' },
    servicePartnerCompetence: { id: 1, overrideCode: 'infocare-override' },
  },
};

export const GUID = 'd647067f-20d4-4ac3-891e-a4549e727bee';

/** Every place an error could leak the token. */
export function leakSurface(error: unknown): string {
  const e = error as Error;
  return [JSON.stringify(error), e.message, e.stack ?? '', String(error)].join('\n');
}
