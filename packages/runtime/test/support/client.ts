import { type ClientOptions, createVendorClient } from '../../src/index.js';
import { definition, type operations, type paths } from './fixture.js';

export const SECRET = 'canary-9f3a1c7e5b2d';

export function acmeClient(options: ClientOptions = {}) {
  return createVendorClient<paths, operations>(definition, {
    credentials: { KeyHeader: SECRET, KeyQuery: SECRET, Bearer: SECRET, apiKey: SECRET },
    // Retries wait through this; tests that check waits inject their own.
    sleep: async () => undefined,
    ...options,
  });
}
