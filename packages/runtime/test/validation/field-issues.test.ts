/** How zod issues become FieldIssues: the path and the JSON Schema rule, for the awkward cases. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestValidationError } from '../../src/index.js';
import { checkAgainst, dottedPath } from '../../src/validate.js';
import { acmeClient } from '../support/client.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

const where = (p: readonly PropertyKey[]) => dottedPath('body', p);
const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = checkAgainst(schema, value, where);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.rule}`);
};

describe('field issues', () => {
  it('a missing enum field is `required`, a wrong one names the enum', () => {
    const schema = z.strictObject({ status: z.union([z.literal(1), z.literal(2)]), kind: z.enum(['a', 'b']) });
    expect(issuesOf(schema, { kind: 'a' })).toEqual(['body.status required']);
    expect(issuesOf(schema, { status: 1 })).toEqual(['body.kind required']);
    expect(issuesOf(schema, { status: 1, kind: 'c' })).toEqual(['body.kind enum: "a" | "b"']);
  });

  it('a discriminated union: a missing discriminator is `required`, an unknown one names its values', () => {
    const schema = z.discriminatedUnion('flag', [z.strictObject({ flag: z.literal('x'), a: z.string() }), z.strictObject({ flag: z.literal('y'), b: z.string() })]);
    expect(issuesOf(schema, { a: 's' })).toEqual(['body.flag required']);
    expect(issuesOf(schema, { flag: 'z', a: 's' })).toEqual(['body.flag enum: "x" | "y"']);
  });

  it('a union whose branches all fail reports the branch that knows the input keys, not one rejecting them as unknown', () => {
    // Both branches fail with 2 issues; only the first also calls `name` unknown.
    const schema = z.union([z.strictObject({ size: z.int().optional() }), z.strictObject({ name: z.string(), size: z.int(), other: z.string() })]);
    expect(issuesOf(schema, { name: 'n', size: 'big' }).sort()).toEqual(['body.other required', 'body.size type: number']);
  });

  it('a non-object body is rejected as it is, not turned into an object by a credential field', async () => {
    const seen = observedFetch(() => json({}));
    const error = await acmeClient({ fetch: seen.fetch })
      .call('createItem', { body: [1, 2] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => `${i.path} ${i.rule}`)).toEqual(['body type: object']);
    expect(seen.requests).toHaveLength(0);
  });
});
