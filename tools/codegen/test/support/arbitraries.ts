/**
 * fast-check arbitraries of the values a spec schema describes (the subset the generator accepts),
 * shared by the differential test and the check-issue property test. Written here: json-schema-faker
 * does not know `x-luhn` nor our oneOf/allOf readings, and fast-check gives fixed seeds directly.
 */
import fc from 'fast-check';
import type { ZodEmitter } from '../../src/emit/zod.js';

type Json = Record<string, any>;

/** A fast-check arbitrary of values the schema describes (the subset the generator accepts). */
export function arbitraryOf(schema: Json, emitter: ZodEmitter, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 12) return fc.constant(null);
  const s = schema.$ref ? emitter.resolve(schema, '#') : schema;
  const next = (x: Json) => arbitraryOf(x, emitter, depth + 1);
  if (s.allOf) return next(emitter.mergeAllOf(s, '#'));
  if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf).map(next));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types: string[] = [].concat(s.type ?? (s.properties ? 'object' : []));
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((t) => typedArbitrary(t, s, next)));
}

function typedArbitrary(type: string, s: Json, next: (x: Json) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined);
      const ints = fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 });
      return s.multipleOf ? ints.map((n) => n - (n % s.multipleOf)) : ints;
    }
    case 'number':
      return fc.double({
        min: s.minimum ?? -1e9,
        max: s.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
        minExcluded: s.exclusiveMinimum !== undefined,
        maxExcluded: s.exclusiveMaximum !== undefined,
      });
    case 'string':
      return stringArbitrary(s);
    case 'array':
      return fc.array(next(s.items), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': {
      const props = Object.entries<Json>(s.properties ?? {});
      const required: string[] = s.required ?? [];
      const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, next(v)])), { requiredKeys: required });
      const ap = s.additionalProperties;
      if (props.length === 0 && ap && typeof ap === 'object') return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), next(ap), { maxKeys: 3 });
      return record;
    }
    default:
      throw new Error(`differential: no arbitrary for type ${type}`);
  }
}

/** Format samples include the RFC spellings the issue names (lower-case t/z, leap second, offsets, RFC 5322 specials). */
const FORMAT_SAMPLES: Record<string, fc.Arbitrary<string>> = {
  email: fc.oneof(fc.emailAddress(), fc.constantFrom('a!b@test.org', '~bob@test.org', 'a/b@test.org', 'a=b@test.org', "o'hara+tag@mail.example.co.uk")),
  'date-time': fc.oneof(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2024-01-01t00:00:00z', '2016-12-31T23:59:60Z', '2024-06-01T12:30:00+02:00', '2024-06-01T12:30:00.123456-05:30', '2016-12-31T18:59:60-05:00'),
  ),
  date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  uuid: fc.uuid(),
  uri: fc.oneof(fc.webUrl(), fc.constantFrom('urn:isbn:0451450523', 'mailto:a@test.org', 'https://some.com/valid/url')),
  ipv4: fc.ipV4(),
};

function stringArbitrary(s: Json): fc.Arbitrary<string> {
  if (typeof s.format === 'string' && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
  if (s.pattern !== undefined) return fc.stringMatching(new RegExp(s.pattern, 'u'));
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 20, 20) });
}
