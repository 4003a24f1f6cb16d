/**
 * scenario(): the Prefer header for every documented example of every vendor (from the generated
 * examples modules), a clear error for anything the spec lacks, and the types that catch a typo.
 */
import { examples as atttool } from '@vendor-contracts/atttool/examples';
import { examples as tmtFirst } from '@vendor-contracts/tmt-first/examples';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ExampleCatalogue, scenario, ScenarioError, scenarioFetch } from '../src/scenario.js';

const catalogues = await Promise.all(
  ['atttool', 'infocare', 'telecomx', 'tmt-first', 'totalmobile'].map(
    async (v) => [v, (await import(`../../${v}/src/generated/examples.ts`)).examples as ExampleCatalogue] as const,
  ),
);

describe('scenario', () => {
  it('selects every documented example of every vendor by status and name', () => {
    let count = 0;
    for (const [, catalogue] of catalogues) {
      for (const [op, statuses] of Object.entries(catalogue)) {
        for (const [status, named] of Object.entries(statuses)) {
          for (const name of Object.keys(named)) {
            expect(scenario(catalogue, op, status, name)).toEqual({ headers: { Prefer: `code=${status}, example=${name}` } });
            expect(scenario(catalogue, op, Number(status) as never, name as never).headers.Prefer).toBe(`code=${status}, example=${name}`);
            count++;
          }
        }
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it('refuses an operation, status or example the spec does not have, listing what it has', () => {
    expect(() => scenario(tmtFirst, 'getJobs' as never, 200 as never, 'x' as never)).toThrow(/no operation "getJobs".*operations: cancelPrealert, getJob/);
    expect(() => scenario(tmtFirst, 'getJob', 500 as never, 'x' as never)).toThrow(/getJob documents no example for status 500; statuses with examples: 200, 404/);
    expect(() => scenario(tmtFirst, 'getJob', 404, 'notfound' as never)).toThrow(/getJob 404 has no example "notfound"; its examples: notFound/);
    expect(() => scenario(tmtFirst, 'getJob', 404, 'notfound' as never)).toThrow(ScenarioError);
  });

  it('refuses any name that is not documented (inherited keys included)', () => {
    const documented = new Set(Object.keys(atttool.placeOrder[200]));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty')), (name) => {
        fc.pre(!documented.has(name));
        expect(() => scenario(atttool, 'placeOrder', 200, name as never)).toThrow(ScenarioError);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('is typed from the generated examples', () => {
    expectTypeOf(scenario(tmtFirst, 'respondToQuote', 404, 'quoteNotFound')).toEqualTypeOf<{ headers: { Prefer: string } }>();
    // Checked by tsc (the typecheck target), never called: each line is a compile error.
    void (() => {
      // @ts-expect-error a status the operation has no example for
      scenario(tmtFirst, 'getJob', 500, 'notFound');
      // @ts-expect-error an example of another status
      scenario(tmtFirst, 'getJob', 404, 'quoteSent');
      // @ts-expect-error an unknown operation
      scenario(tmtFirst, 'getJobs', 200, 'quoteSent');
    });
    expect(scenario(tmtFirst, 'getJob', '404', 'notFound').headers.Prefer).toBe('code=404, example=notFound');
  });
});

describe('scenarioFetch', () => {
  it('sends every request with the scenario header, keeping the rest of the request', async () => {
    const seen: Request[] = [];
    const send = scenarioFetch(scenario(tmtFirst, 'getJob', 404, 'notFound'), async (input) => {
      seen.push(input as Request);
      return new Response('{}');
    });
    await send('http://127.0.0.1:9/job/1', { method: 'POST', headers: { Authorization: 'k', Prefer: 'code=200' }, body: 'x' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('prefer')).toBe('code=404, example=notFound');
    expect(seen[0]!.headers.get('authorization')).toBe('k');
    expect(seen[0]!.method).toBe('POST');
    expect(await seen[0]!.text()).toBe('x');
  });
});
