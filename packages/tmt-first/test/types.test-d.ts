/**
 * Type agreement between the two things generated from specs/tmt-first/openapi.yaml: the zod
 * schemas (what is validated) and openapi-typescript's types (what the client's methods take and
 * return). Every component must infer to exactly its openapi-typescript type, and the client's
 * methods must take and return the spec's types.
 * (The `typecheck` target, tsc over test/, checks these assertions; vitest never executes them.)
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { strictComponents } from '../src/generated/schemas.js';
import type { components } from '../src/generated/types.js';
import { createTmtFirstClient } from '../src/index.js';

type Schemas = components['schemas'];
type Inferred = { [K in keyof typeof strictComponents]: z.infer<(typeof strictComponents)[K]> };

/** Flattens intersections (`A & B` → one object) at every depth, so equal shapes compare equal. */
type Flat<T> = T extends readonly (infer E)[] ? Flat<E>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
/** Exact equality (the identity check TypeScript uses for assignability of generic signatures). */
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/** Names of the components whose zod type and openapi-typescript type differ. */
type Disagreeing = {
  [K in keyof Schemas]: K extends keyof Inferred ? (Same<Inferred[K], Schemas[K]> extends true ? never : K) : K;
}[keyof Schemas];

describe('zod schemas ≡ openapi-typescript types', () => {
  it('have the same components', () => {
    expectTypeOf<keyof typeof strictComponents>().toEqualTypeOf<keyof Schemas>();
  });

  it('agree on every component', () => {
    expectTypeOf<Disagreeing>().toEqualTypeOf<never>();
  });

  it('agree component by component', () => {
    expectTypeOf<Inferred['Device']>().branded.toEqualTypeOf<Schemas['Device']>();
    expectTypeOf<Inferred['PrealertRequest']>().branded.toEqualTypeOf<Schemas['PrealertRequest']>();
    expectTypeOf<Inferred['Quote']>().branded.toEqualTypeOf<Schemas['Quote']>();
    expectTypeOf<Inferred['RaFlag']>().toEqualTypeOf<0 | 1>();
  });
});

describe('the client’s methods', () => {
  const client = createTmtFirstClient({ apiKey: 'key' });

  it('getJob requires { path: { connect_id: number } }', () => {
    expectTypeOf(client.getJob).parameter(0).toEqualTypeOf<{ path: { connect_id: number } }>();
    expectTypeOf(client.getJob).toBeCallableWith({ path: { connect_id: 12345 } });
    // Never called: the function only has to typecheck.
    const calls = () => {
      // @ts-expect-error the path is required
      void client.getJob();
      // @ts-expect-error connect_id is required
      void client.getJob({ path: {} });
      // @ts-expect-error connect_id is a number
      void client.getJob({ path: { connect_id: '12345' } });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it('listDevices can be called with no input, or with its optional header filters', () => {
    expectTypeOf(client.listDevices).toBeCallableWith();
    expectTypeOf(client.listDevices).toBeCallableWith({ header: { Status: 'Dispatched', start_date: '2024-05-01' } });
    const calls = () => {
      // @ts-expect-error not a status from the Status List
      void client.listDevices({ header: { Status: 'Lost' } });
    };
    expectTypeOf(calls).toBeFunction();
    expectTypeOf(client.listDevices).returns.resolves.toEqualTypeOf<Schemas['Device'][]>();
  });

  it('prealert takes a PrealertRequest body and resolves to PrealertResponse', () => {
    expectTypeOf(client.prealert).parameter(0).toEqualTypeOf<{ body: Schemas['PrealertRequest'] }>();
    expectTypeOf(client.prealert).returns.resolves.toEqualTypeOf<Schemas['PrealertResponse']>();
    const calls = () => {
      void client.prealert({
        // @ts-expect-error ra_flag 1 needs a return address, not null
        body: { customer_reference: 'REF1', make: 'Samsung', job_description: '', ra_flag: 1, return_address: null },
      });
    };
    expectTypeOf(calls).toBeFunction();
  });
});
