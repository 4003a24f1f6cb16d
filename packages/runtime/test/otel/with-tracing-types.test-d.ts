import { expectTypeOf, test } from 'vitest';
import type { ClientHooks } from '../../src/index.js';
import { withTracing } from '../../src/otel/index.js';

interface VendorOptions {
  apiKey: string;
  environment?: 'test' | 'production';
  hooks?: ClientHooks;
}
declare function createVendor(options: VendorOptions): void;

test("withTracing keeps a vendor package's own options (in place, with a literal)", () => {
  createVendor(withTracing({ apiKey: 'k', environment: 'test' }, {}));
  expectTypeOf(withTracing({ apiKey: 'k' }))
    .toHaveProperty('apiKey')
    .toEqualTypeOf<string>();
});
