/**
 * Branch pairing (oneOf/anyOf/allOf) and whole-enum changes: a loosening inside one branch is
 * reported as that loosening, never as fields or variants removed, and dropping an enum keyword
 * widens instead of "removing enum values".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs, highestBump } from '../src/classify.js';
import { pairBranches } from '../src/variants.js';
import { type Doc, spec } from './support/specs.js';

type Seg = string | number;
const vendors = ['atttool', 'infocare', 'telecomx', 'tmt-first', 'totalmobile'];
const at = (d: Doc, path: readonly Seg[]): any => path.reduce<any>((o, k) => o?.[k], d);
const lines = (before: Doc, after: Doc) => diffSpecs(before, after).map((c) => `${c.subject} ${c.bump} ${c.message}`);
/** What a mis-paired branch produces: fields, requirements or whole variants that did not change. */
const MISPAIRED = /removed field|added (required )?field|now required|no longer required|variant|replaced by|always present/;

/** The body ids of telecomx's update (both oneOf branches share them through InternetRequestUpdateFields). */
const bodyIdRefs = (d: Doc): Doc[] => {
  const s = d.components.schemas;
  return [
    s.AddressInput.properties._id,
    s.InternetRequestUpdateFields.properties.product,
    s.InternetRequestUpdateFields.properties.notify.items,
    s.OfferInput.properties._id,
    s.OfferInput.properties.product,
    s.OfferInput.properties.initiationFeeProduct,
  ];
};

describe('oneOf branches are paired by identity', () => {
  it('the telecomx body ids loosened to ReferenceId read as loosenings (minor), in both branches', () => {
    const before = spec('telecomx');
    for (const node of bodyIdRefs(before)) node.$ref = '#/components/schemas/Id';
    const printed = lines(before, spec('telecomx'));
    expect(
      printed.filter((l) => MISPAIRED.test(l)),
      printed.join('\n'),
    ).toEqual([]);
    for (const field of ['address._id', 'address2._id', 'product', 'notify[]', 'offers[]._id', 'offers[].product', 'offers[].initiationFeeProduct']) {
      expect(printed).toContain(`updateInternetRequest minor request body: field ${field}: pattern "^[0-9a-fA-F]+$" → (none)`);
    }
    expect(printed.filter((l) => / major /.test(l))).toEqual([]);
    expect(highestBump(diffSpecs(before, spec('telecomx')))).toBe('minor');
    // api-smart-diff writes into what it compares: diffSpecs hands it copies.
    expect(lines(before, spec('telecomx'))).toEqual(printed);
  });

  it('the same edit backwards is the tightening it is (major), still without mis-paired lines', () => {
    const after = spec('telecomx');
    for (const node of bodyIdRefs(after)) node.$ref = '#/components/schemas/Id';
    const printed = lines(spec('telecomx'), after);
    expect(
      printed.filter((l) => MISPAIRED.test(l)),
      printed.join('\n'),
    ).toEqual([]);
    expect(printed).toContain('updateInternetRequest major request body: field product: maxLength (none) → 24');
  });

  it('reordering the branches changes nothing', () => {
    const after = spec('telecomx');
    after.components.schemas.InternetRequestUpdate.oneOf.reverse();
    expect(lines(spec('telecomx'), after)).toEqual([]);
  });

  it('without titles, branches are known by the values they fix (takeover: true / false)', () => {
    const before = spec('telecomx');
    for (const branch of before.components.schemas.InternetRequestUpdate.oneOf) delete branch.title;
    const after = structuredClone(before);
    after.components.schemas.InternetRequestUpdate.oneOf.reverse();
    delete after.components.schemas.InternetRequestUpdateFields.properties.notes.maxLength;
    expect(lines(before, after)).toEqual(['updateInternetRequest minor request body: field notes: maxLength 4096 → (none)']);
  });

  /** Every oneOf/anyOf of every spec (components and inline), read from the documents. */
  const unions: { vendor: string; path: Seg[]; branches: number }[] = [];
  for (const vendor of vendors) {
    const walk = (v: unknown, path: Seg[]): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          if ((k === 'oneOf' || k === 'anyOf') && Array.isArray(child) && child.length > 1) unions.push({ vendor, path: [...path, k], branches: child.length });
          walk(child, [...path, k]);
        }
      }
    };
    walk(spec(vendor), []);
  }
  const LOOSENABLE = new Set([
    'pattern',
    'format',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minItems',
    'maxItems',
    'enum',
    'const',
    'x-luhn',
  ]);
  /** Constraint keywords inside one branch, following its $refs: [path of the schema object, keyword]. */
  function constraintsIn(doc: Doc, start: Seg[]): [Seg[], string][] {
    const out: [Seg[], string][] = [];
    const seen = new Set<string>();
    const walk = (path: Seg[], depth: number): void => {
      const v = at(doc, path);
      if (!v || typeof v !== 'object' || depth > 12) return;
      if (Array.isArray(v)) return v.forEach((_, i) => walk([...path, i], depth + 1));
      if (typeof v.$ref === 'string' && v.$ref.startsWith('#/components/schemas/')) {
        const target = ['components', 'schemas', v.$ref.slice('#/components/schemas/'.length)];
        if (!seen.has(target.join('/'))) {
          seen.add(target.join('/'));
          walk(target, depth + 1);
        }
      }
      for (const [k, child] of Object.entries(v)) {
        if (LOOSENABLE.has(k) && (k !== 'const' || typeof child !== 'object')) out.push([path, k]);
        else if (!k.startsWith('x-') && k !== 'examples' && k !== 'example' && k !== 'default' && child && typeof child === 'object') walk([...path, k], depth + 1);
      }
    };
    walk(start, 0);
    return out;
  }
  const loosenings = unions.flatMap((u) =>
    Array.from({ length: u.branches }, (_, b) =>
      constraintsIn(spec(u.vendor), [...u.path, b]).map(([path, key]) => ({ vendor: u.vendor, union: u.path.join('/'), path, key })),
    ).flat(),
  );

  it('a loosening inside any one branch of any union never yields a mis-paired line', () => {
    expect(unions.length).toBeGreaterThan(20);
    expect(new Set(loosenings.map((l) => l.vendor)).size).toBeGreaterThanOrEqual(4);
    fc.assert(
      fc.property(fc.constantFrom(...loosenings), ({ vendor, path, key }) => {
        const after = spec(vendor);
        delete at(after, path)[key];
        const changes = diffSpecs(spec(vendor), after);
        const printed = changes.map((c) => `${c.subject} ${c.bump} ${c.message} @${c.pointer}`);
        expect(changes.length, `${path.join('/')}/${key}`).toBeGreaterThan(0);
        for (const c of changes) {
          expect(c.message, printed.join('\n')).not.toMatch(MISPAIRED);
          // Every line that is more than documentation names the keyword that went.
          if (c.bump !== 'patch') expect(c.pointer.split('/').pop(), printed.join('\n')).toBe(key);
        }
      }),
      // A whole-spec diff takes about half a second: a seeded sample of all the places.
      { seed: 16, numRuns: 12 },
    );
  }, 90_000);

  it('pairs a shuffled union back by identity, whatever the order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 6 }), fc.nat(), (titles, seed) => {
        const branches = titles.map((t) => ({ ids: [undefined, undefined, `title:${t}`, undefined], features: new Set(['type:object', 'prop:a']) }));
        const order = branches.map((_, i) => i).sort((x, y) => ((x * 7919 + seed) % 13) - ((y * 7919 + seed) % 13));
        const pairs = pairBranches(
          branches,
          order.map((i) => branches[i]!),
        );
        for (const [i, j] of pairs) expect(order[j]).toBe(i);
        expect(pairs.size).toBe(titles.length);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});

describe('a whole enum keyword', () => {
  it('dropped from a request field widens it (minor), not "removed enum value"', () => {
    const before = spec('totalmobile');
    before.components.schemas.TokenRequest.properties.grant_type.enum = ['password', 'refresh_token'];
    const after = structuredClone(before);
    delete after.components.schemas.TokenRequest.properties.grant_type.enum;
    expect(lines(before, after)).toEqual(['getToken minor request body: field grant_type is no longer limited to ["password","refresh_token"]']);
  });

  it('added to a request field narrows it (major)', () => {
    const before = spec('totalmobile');
    delete before.components.schemas.TokenRequest.properties.grant_type.enum;
    const after = structuredClone(before);
    after.components.schemas.TokenRequest.properties.grant_type.enum = ['password'];
    expect(lines(before, after)).toEqual(['getToken major request body: field grant_type is now limited to ["password"]']);
  });

  it('dropped from a response field is major (callers lose the literal union)', () => {
    const before = spec('tmt-first');
    const status = before.components.schemas.QuoteResponseResult.properties.status;
    expect(Array.isArray(status.enum)).toBe(true);
    const after = structuredClone(before);
    delete after.components.schemas.QuoteResponseResult.properties.status.enum;
    const changes = diffSpecs(before, after);
    expect(changes.map((c) => c.message)).toContain(`200 response body: field status is no longer limited to ${JSON.stringify(status.enum)}`);
    expect(changes.filter((c) => /removed enum value/.test(c.message))).toEqual([]);
    expect(highestBump(changes)).toBe('major');
  });

  it('one value removed from a list that stays is still a removed enum value', () => {
    const before = spec('totalmobile');
    before.components.schemas.TokenRequest.properties.grant_type.enum = ['password', 'refresh_token'];
    const after = structuredClone(before);
    after.components.schemas.TokenRequest.properties.grant_type.enum = ['password'];
    expect(lines(before, after)).toEqual(['getToken major request body: field grant_type: removed enum value "refresh_token"']);
  });
});
