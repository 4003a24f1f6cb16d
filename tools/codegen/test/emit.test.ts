/**
 * The generator on small purpose-built specs (test/fixtures/<case>.yaml, one feature each):
 * - its output, snapshotted to test/__snapshots__/<case>/{types,schemas,operations}.ts (which
 *   tsc type-checks: they are real modules importing zod and @vendor-contracts/runtime);
 * - the behaviour of the generated zod (imported from a temporary copy of the fresh output);
 * - the loud failures: each unsupported construct throws naming the spec and the rule.
 * `npx vitest run -u` rewrites the snapshots after an intended generator change.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { generateVendor, type VendorTarget } from '../src/index.js';
import { emitSchemas } from '../src/emit/schemas.js';
import { emitOperations } from '../src/emit/operations.js';
import { SchemaError } from '../src/emit/zod.js';
import { TempGenerated } from './support/generated.js';

const here = dirname(fileURLToPath(import.meta.url));
const CASES = [
  'strings',
  'numbers',
  'integer-enums',
  'nullable',
  'discriminated',
  'allof',
  'additional-properties',
  'arrays',
  'luhn',
  'parameters',
  'form-body',
  'response-refs',
  'extensions',
  'aliases',
  'url-policy',
] as const;
type Case = (typeof CASES)[number];

const target = (c: Case): VendorTarget => ({
  vendor: c,
  specFile: join(here, 'fixtures', `${c}.yaml`),
  specPath: `tools/codegen/test/fixtures/${c}.yaml`,
  outDir: join(here, '__snapshots__', c),
});

type Module = Record<string, any>;
const output = new Map<Case, Map<string, string>>();
const schemas = new Map<Case, Module>();
const operations = new Map<Case, Module>();
const temp = new TempGenerated();

beforeAll(async () => {
  for (const c of CASES) {
    const files = await generateVendor(target(c));
    output.set(c, files);
    operations.set(c, await temp.load(c, files, 'operations.ts'));
    schemas.set(c, await temp.load(c, files, 'schemas.ts'));
  }
});
afterAll(() => temp.remove());

const ok = (schema: ZodType, value: unknown) => expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(true);
const bad = (schema: ZodType, value: unknown) => expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(false);

describe('snapshots', () => {
  it.each(CASES)('%s', async (c) => {
    const files = output.get(c)!;
    expect([...files.keys()]).toEqual(['types.ts', 'schemas.ts', 'checks.ts', 'operations.ts', 'examples.ts', 'index.ts']);
    for (const [name, text] of files) await expect(text).toMatchFileSnapshot(`__snapshots__/${c}/${name}`);
  });
});

describe('strings: formats, lengths, patterns', () => {
  const valid = {
    name: 'Ann',
    email: 'ann@example.com',
    id: '0b3c6c1e-5f0a-4c2b-9a57-1c0e2d3f4a5b',
    homepage: 'https://example.com/a',
    born: '2024-02-29',
    seen: '2024-05-01T10:00:00Z',
    address: '192.168.0.1',
    phone: 'call me maybe',
    postcode: 'ST5 9JQ',
    initials: 'ÉL',
    code: '2024-01-01',
  };
  it('accepts a valid value; strict rejects unknown keys, tolerant keeps them', () => {
    const { Contact, ContactStrict } = schemas.get('strings')!;
    ok(ContactStrict, valid);
    bad(ContactStrict, { ...valid, extra: 1 });
    expect(Contact.parse({ ...valid, extra: 1 })).toMatchObject({ extra: 1 });
  });
  it.each<[string, unknown]>([
    ['name', ''],
    ['name', 'x'.repeat(11)],
    ['email', 'not-an-email'],
    ['id', 'not-a-uuid'],
    ['homepage', 'not a url'],
    ['born', '2023-02-29'],
    ['born', '01/05/2024'],
    ['seen', '2024-05-01 10:00:00'],
    ['seen', '2024-05-01T10:00:00'],
    ['address', '256.1.1.1'],
    ['postcode', 'st5 9jq'],
    ['initials', 'el'],
    ['code', '1999-01-01'],
    ['code', '2x'],
  ])('rejects %s = %j', (key, value) => {
    bad(schemas.get('strings')!.ContactStrict, { ...valid, [key]: value });
  });
  it('accepts a date-time with an offset, and any string for a documentation-only format', () => {
    const { ContactStrict } = schemas.get('strings')!;
    ok(ContactStrict, { ...valid, seen: '2024-05-01T10:00:00+02:00', phone: '' });
  });
});

describe('numbers: integer, ranges, exclusive bounds, multipleOf', () => {
  it.each<[string, unknown, boolean]>([
    ['count', 0, true],
    ['count', 100, true],
    ['count', -1, false],
    ['count', 101, false],
    ['count', 1.5, false],
    ['count', '5', false],
    ['ratio', 0.5, true],
    ['ratio', 0, false],
    ['ratio', 1, false],
    ['price', 19.99, true],
    ['price', 19.999, false],
    ['price', -0.01, false],
    ['step', 10, true],
    ['step', 7, false],
    ['any', 1e300, true],
  ])('%s = %j → %s', (key, value, valid) => {
    const { MeasureStrict } = schemas.get('numbers')!;
    expect(MeasureStrict.safeParse({ count: 1, [key]: value }).success).toBe(valid);
  });
});

describe('integer enums with x-enum-varnames', () => {
  it('exports the named values and accepts exactly the enum', () => {
    const { Priority, PriorityValues, Colour, TaskStrict } = schemas.get('integer-enums')!;
    expect(PriorityValues).toEqual({ Low: 1, Normal: 2, High: 3 });
    for (const v of [1, 2, 3]) ok(Priority, v);
    for (const v of [0, 4, '1', 1.5]) bad(Priority, v);
    bad(Colour, 'blue');
    ok(TaskStrict, { priority: PriorityValues.High, colour: 'red', version: 2 });
    bad(TaskStrict, { priority: 1, version: 3 });
    bad(TaskStrict, {});
  });
});

describe('nullable: type lists, oneOf with null, enums with null', () => {
  const valid = { text: null, note: null, point: null, level: null, either: null, nothing: null };
  it('accepts null where the spec allows it, and the non-null values', () => {
    const { HolderStrict } = schemas.get('nullable')!;
    ok(HolderStrict, valid);
    ok(HolderStrict, { text: 'a', note: 'abc', point: { x: 1 }, level: 2, either: 'a', nothing: null });
    ok(HolderStrict, { ...valid, either: 3 });
  });
  it.each<[string, unknown]>([
    ['note', 'abcdef'],
    ['point', { x: 'a' }],
    ['point', { x: 1, y: 2 }],
    ['level', 3],
    ['either', true],
    ['either', 1.5],
    ['nothing', 'x'],
  ])('rejects %s = %j', (key, value) => {
    bad(schemas.get('nullable')!.HolderStrict, { ...valid, [key]: value });
  });
  it('still requires a nullable field to be present', () => {
    const { text: _, ...rest } = valid;
    bad(schemas.get('nullable')!.HolderStrict, rest);
  });
});

describe('discriminated oneOf (a conditional requirement)', () => {
  it('requires the address exactly when mode = delivery', () => {
    const { ShipmentStrict } = schemas.get('discriminated')!;
    ok(ShipmentStrict, { ref: 'a', mode: 'pickup' });
    ok(ShipmentStrict, { ref: 'a', mode: 'delivery', address: '1 Lane' });
    bad(ShipmentStrict, { ref: 'a', mode: 'delivery' });
    bad(ShipmentStrict, { ref: 'a', mode: 'delivery', address: '' });
    bad(ShipmentStrict, { ref: 'a', mode: 'drone' });
    bad(ShipmentStrict, { mode: 'pickup' });
  });
  it('rejects the wrong branch’s fields when strict, keeps them when tolerant', () => {
    const { Shipment, ShipmentStrict } = schemas.get('discriminated')!;
    bad(ShipmentStrict, { ref: 'a', mode: 'pickup', address: '1 Lane' });
    expect(Shipment.parse({ ref: 'a', mode: 'pickup', address: '1 Lane' })).toMatchObject({ address: '1 Lane' });
  });
  it('discriminates on enum values too, and falls back to a plain union', () => {
    const { FlaggedStrict, Untagged } = schemas.get('discriminated')!;
    ok(FlaggedStrict, { flag: 0 });
    ok(FlaggedStrict, { flag: 2, reason: 'x' });
    bad(FlaggedStrict, { flag: 1 });
    bad(FlaggedStrict, { flag: 3, reason: 'x' });
    ok(Untagged, 'a');
    ok(Untagged, 1);
    bad(Untagged, true);
    bad(Untagged, 1.5);
  });
  it('oneOf accepts exactly one matching branch; anyOf at least one', () => {
    const { Overlapping, AnyOverlapping } = schemas.get('discriminated')!;
    ok(Overlapping, 'ab');
    ok(Overlapping, 'abcdefg');
    bad(Overlapping, 'abcd');
    ok(AnyOverlapping, 'abcd');
    ok(AnyOverlapping, 'ab');
  });
});

describe('allOf merged into one object', () => {
  it('requires every part’s required fields and applies the parts’ facets', () => {
    const { DocumentStrict, Document } = schemas.get('allof')!;
    const valid = { name: 'n', created: '2024-01-01T00:00:00Z', body: 'b' };
    ok(DocumentStrict, valid);
    for (const key of ['name', 'created', 'body']) {
      const { [key as keyof typeof valid]: _, ...rest } = valid;
      bad(DocumentStrict, rest);
    }
    bad(DocumentStrict, { ...valid, name: '' });
    bad(DocumentStrict, { ...valid, body: 'x'.repeat(101) });
    bad(DocumentStrict, { ...valid, extra: 1 });
    expect(Document.parse({ ...valid, extra: 1 })).toMatchObject({ extra: 1 });
  });
  it('intersects a property that two parts define: the narrower type and both parts’ facets hold', () => {
    const { MeasuredStrict } = schemas.get('allof')!;
    ok(MeasuredStrict, { quantity: 1.5 });
    bad(MeasuredStrict, { quantity: null });
    bad(MeasuredStrict, { quantity: -1 });
    bad(MeasuredStrict, {});
  });
});

describe('additionalProperties', () => {
  it('types the values of a map', () => {
    const { Labels } = schemas.get('additional-properties')!;
    ok(Labels, { a: 'x', b: 'y' });
    bad(Labels, { a: 1 });
    bad(Labels, { a: 'x'.repeat(11) });
  });
  it('types the extra keys beside known ones', () => {
    const { CountersStrict } = schemas.get('additional-properties')!;
    ok(CountersStrict, { total: 1, extra: 2 });
    bad(CountersStrict, { total: 1, extra: 'x' });
    bad(CountersStrict, { extra: 2 });
  });
  it('an explicit false rejects unknown keys even when received; unstated follows the direction', () => {
    const { Closed, Open, OpenStrict } = schemas.get('additional-properties')!;
    bad(Closed, { a: 'x', b: 1 });
    expect(Open.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
    bad(OpenStrict, { a: 'x', b: 1 });
  });
});

describe('arrays', () => {
  it('checks items, bounds and uniqueness', () => {
    const { Tags, Matrix } = schemas.get('arrays')!;
    ok(Tags, ['a', 'b']);
    bad(Tags, []);
    bad(Tags, ['a', 'b', 'c', 'd']);
    bad(Tags, ['a', 'a']);
    bad(Tags, ['']);
    ok(Matrix, [[1, 2], [3]]);
    bad(Matrix, [[1, 'x']]);
  });
  it('keeps nested objects strict or tolerant with their parent', () => {
    const { Basket, BasketStrict } = schemas.get('arrays')!;
    const value = { items: [{ sku: 'a', colour: 'red' }] };
    bad(BasketStrict, value);
    expect(Basket.parse(value)).toEqual(value);
  });
});

describe('x-luhn', () => {
  it('rejects a wrong check digit', () => {
    const { Imei, HandsetStrict } = schemas.get('luhn')!;
    ok(Imei, '490154203237518');
    bad(Imei, '490154203237517');
    bad(Imei, '49015420323751');
    ok(HandsetStrict, { imei: '490154203237518', spare: '79927398713' });
    bad(HandsetStrict, { imei: '490154203237518', spare: '79927398710' });
    bad(HandsetStrict, { imei: '490154203237518', spare: '7992739871x' });
  });
  it('emits the helper only when a schema uses it', () => {
    expect(output.get('luhn')!.get('schemas.ts')).toContain('function luhn(');
    expect(output.get('strings')!.get('schemas.ts')).not.toContain('function luhn(');
  });
});

describe('x-url-policy', () => {
  const rules = (schema: ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => (i as { params?: { rule?: string } }).params?.rule ?? i.code) ?? [];
  it('refuses what the declared policy refuses, naming the rule, never the URL', () => {
    const { CallbackUrl, HookStrict } = schemas.get('url-policy')!;
    expect(rules(CallbackUrl, 'https://hooks.example.com/p')).toEqual([]);
    expect(rules(CallbackUrl, 'http://hooks.example.com/p')).toEqual(['x-url-policy: scheme']);
    expect(rules(CallbackUrl, 'https://u:p@hooks.example.com/p')).toEqual(['x-url-policy: userinfo']);
    expect(rules(CallbackUrl, 'https://0x7f.1/p?token=SEKRET')).toEqual(['x-url-policy: public-host']);
    expect(rules(CallbackUrl, 'http://[::ffff:10.0.0.1]/p')).toEqual(['x-url-policy: public-host']);
    expect(rules(CallbackUrl, 'ftp://127.0.0.1/p')).toEqual(['x-url-policy: scheme']);
    expect(JSON.stringify(CallbackUrl.safeParse('https://127.0.0.1/p?token=SEKRET').error)).not.toContain('SEKRET');
    // A policy without publicHost leaves hosts alone; its own schemes still hold.
    expect(rules(HookStrict, { url: 'https://a.example/p', mirror: 'wss://127.0.0.1/m' })).toEqual([]);
    expect(rules(HookStrict, { url: 'https://a.example/p', mirror: 'http://a.example/m' })).toEqual(['x-url-policy: scheme']);
  });
  it('imports the runtime module only when a schema uses it, in schemas.ts and checks.ts', () => {
    for (const file of ['schemas.ts', 'checks.ts']) {
      expect(output.get('url-policy')!.get(file)).toContain("from '@vendor-contracts/runtime/url-policy'");
      expect(output.get('luhn')!.get(file)).not.toContain('url-policy');
    }
  });
  it('refuses the extension where it would check nothing', () => {
    const doc = (schema: object) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { Bad: schema, Url: { type: 'string' } } } });
    expect(() => emitSchemas(doc({ type: 'integer', 'x-url-policy': { schemes: ['https'] } }), 'bad.yaml')).toThrow(/x-url-policy applies to a string schema/);
    expect(() => emitSchemas(doc({ $ref: '#/components/schemas/Url', 'x-url-policy': { schemes: ['https'] } }), 'bad.yaml')).toThrow(/x-url-policy applies to a string schema/);
  });
});

describe('parameters in path, query and header', () => {
  it('validates each location as a strict object, path parameters always required', () => {
    const { getItemRequest: r } = schemas.get('parameters')!;
    ok(r.path, { itemId: 1 });
    bad(r.path, { itemId: 0 });
    bad(r.path, {});
    ok(r.query, { limit: 50 });
    ok(r.query, { limit: 1, view: 'full' });
    bad(r.query, {});
    bad(r.query, { limit: 51 });
    bad(r.query, { limit: 1, view: 'long' });
    bad(r.query, { limit: 1, page: 2 });
    ok(r.header, { 'Accept-Language': 'en' });
    bad(r.header, {});
    bad(r.header, { 'Accept-Language': 'en', 'X-Trace-Id': 'nope' });
  });
  it('lets an operation parameter override the path-level one', () => {
    const { deleteItemRequest } = schemas.get('parameters')!;
    ok(deleteItemRequest.path, { itemId: '12' });
    bad(deleteItemRequest.path, { itemId: 12 });
  });
  it('gives responses by status, null without a JSON body', () => {
    const { getItemResponses, getItemResponsesStrict } = schemas.get('parameters')!;
    expect(getItemResponses['204']).toBeNull();
    expect(getItemResponses['200'].parse({ id: 1, more: true })).toEqual({ id: 1, more: true });
    bad(getItemResponsesStrict['200'], { id: 1, more: true });
    const { operations: ops } = operations.get('parameters')!;
    expect(ops.getItem).toMatchObject({ method: 'GET', path: '/items/{itemId}', idempotent: true, credentials: [] });
    expect(ops.deleteItem).toMatchObject({ method: 'DELETE', idempotent: true });
  });
});

describe('form-urlencoded and optional bodies', () => {
  it('records the media type and validates the body', () => {
    const { createTokenRequest, putNoteRequest } = schemas.get('form-body')!;
    ok(createTokenRequest.body, { grant_type: 'client_credentials', client_id: 'c' });
    bad(createTokenRequest.body, { grant_type: 'password', client_id: 'c' });
    bad(createTokenRequest.body, { grant_type: 'client_credentials', client_id: 'c', secret: 's' });
    bad(createTokenRequest.body, undefined);
    ok(putNoteRequest.body, undefined);
    const { operations: ops } = operations.get('form-body')!;
    expect(ops.createToken).toMatchObject({
      bodyMediaType: 'application/x-www-form-urlencoded',
      security: [],
      idempotent: false,
    });
    expect(ops.putNote).toMatchObject({ bodyMediaType: 'application/json', idempotent: true });
  });
});

describe('responses and request bodies by $ref', () => {
  it('resolves components/responses and components/requestBodies', () => {
    const { createThingRequest, createThingResponses } = schemas.get('response-refs')!;
    expect(Object.keys(createThingResponses)).toEqual(['201', '404', 'default']);
    ok(createThingResponses['201'], { name: 'n' });
    ok(createThingResponses['404'], { title: 'Not found' });
    bad(createThingResponses['404'], { name: 'n' });
    expect(createThingResponses.default).toBeNull();
    ok(createThingRequest.body, { name: 'n' });
    bad(createThingRequest.body, undefined);
  });
});

describe('vendor extensions in operations.ts', () => {
  it('carries x-rate-limit, servers by x-environment and security schemes', () => {
    const { definition } = operations.get('extensions')!;
    expect(definition).toMatchObject({
      vendor: 'extensions',
      title: 'Extensions fixture',
      version: '3.2.1',
      rateLimit: { limit: 10, windowSeconds: 1 },
      servers: { production: 'https://eu.example.test/api', test: 'https://sandbox.example.test/api' },
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        Bearer: { type: 'http', scheme: 'bearer' },
      },
    });
  });
  it('carries x-api-versions, x-idempotent, x-credential and x-vendor-error (operation, response, root)', () => {
    const { operations: ops } = operations.get('extensions')!;
    expect(ops.placeOrder).toMatchObject({
      method: 'POST',
      apiVersions: [1, 2],
      idempotent: true,
      security: [{ ApiKey: [] }],
      credentials: [
        { in: 'header', name: 'X-Partner', credential: 'partnerId' },
        { in: 'body', name: 'api_key', credential: 'apiKey' },
      ],
      vendorError: { when: { pointer: '/status', pattern: '^ERR_' }, code: '/status' },
      responseVendorErrors: { '200': { when: { pointer: '/error', present: true }, message: '/error' } },
    });
    expect(ops.listOrders).toMatchObject({
      security: [{ Bearer: [] }],
      vendorError: { when: { pointer: '/ok', pattern: '^false$' } },
    });
    expect(ops.listOrders.apiVersions).toBeUndefined();
  });
  it('finds x-credential body fields through allOf parts and oneOf branches', () => {
    const { operations: ops } = operations.get('extensions')!;
    expect(ops.cancelOrder.credentials).toEqual([{ in: 'body', name: 'api_key', credential: 'apiKey' }]);
  });
  it('refuses x-credential fields it could not fill: nested, or in only some branches', () => {
    const spec = (schema: unknown) => ({
      openapi: '3.1.0',
      info: { title: 'Bad', version: '1' },
      paths: { '/x': { post: { operationId: 'x', requestBody: { content: { 'application/json': { schema } } }, responses: {} } } },
    });
    const key = { type: 'string', 'x-credential': 'apiKey' };
    expect(() => emitOperations(spec({ type: 'object', properties: { auth: { type: 'object', properties: { key } } } }), 'bad')).toThrow(
      /POST \/x request body: x-credential inside "auth" is nested; only top-level body fields can be filled/,
    );
    expect(() =>
      emitOperations(
        spec({
          oneOf: [
            { type: 'object', properties: { key } },
            { type: 'object', properties: { other: { type: 'string' } } },
          ],
        }),
        'bad',
      ),
    ).toThrow(/POST \/x request body: every oneOf\/anyOf branch must declare the same x-credential fields/);
  });
});

describe('loud failures name the spec and the rule', () => {
  const SPEC = 'specs/bad/openapi.yaml';
  const doc = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) => ({
    openapi: '3.1.0',
    info: { title: 'Bad', version: '1' },
    paths,
    components: { schemas },
  });
  const get = (extra: Record<string, unknown>) => ({
    '/things': { get: { operationId: 'listThings', responses: {}, ...extra } },
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'an unsupported keyword',
      doc({ Thing: { type: 'object', properties: { tags: { type: 'string', not: { const: 'a' } } } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/properties\/tags: unsupported keyword "not"$/,
    ],
    [
      'a dangling $ref',
      doc({ Thing: { type: 'object', properties: { a: { $ref: '#/components/schemas/Nope' } } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/properties\/a: unsupported or dangling \$ref #\/components\/schemas\/Nope$/,
    ],
    ['a $ref outside components/schemas', doc({ Thing: { $ref: 'other.yaml#/Thing' } }), /^specs\/bad\/openapi\.yaml: .*unsupported or dangling \$ref other\.yaml#\/Thing$/],
    [
      'a recursive schema',
      doc({ Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } }),
      /^specs\/bad\/openapi\.yaml: recursive schemas are not supported: Node → Node$/,
    ],
    [
      'mutually recursive schemas',
      doc({
        A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
        B: { type: 'array', items: { $ref: '#/components/schemas/A' } },
      }),
      /^specs\/bad\/openapi\.yaml: recursive schemas are not supported: A → B → A$/,
    ],
    [
      'oneOf with sibling properties',
      doc({ Thing: { oneOf: [{ type: 'object' }, { type: 'string' }], properties: { a: { type: 'string' } } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "properties" beside oneOf\/anyOf would be ignored/,
    ],
    [
      'a constraint beside $ref',
      doc({ Id: { type: 'string' }, Thing: { type: 'object', properties: { a: { $ref: '#/components/schemas/Id', maxLength: 3 } } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/properties\/a: "maxLength" beside \$ref would be ignored/,
    ],
    [
      'a string facet without a type',
      doc({ Thing: { minLength: 2 } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "minLength" without "type: string" would check nothing; add the type$/,
    ],
    [
      'a number facet on a string',
      doc({ Thing: { type: 'string', maximum: 3 } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "maximum" without "type: number\|integer" would check nothing; add the type$/,
    ],
    [
      'an enum value of another type',
      doc({ Thing: { type: 'integer', enum: [1, 'two'] } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: enum\/const value "two" is not of type "integer"$/,
    ],
    [
      'a facet beside enum',
      doc({ Thing: { type: 'string', enum: ['a', 'bb'], maxLength: 1 } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "maxLength" beside enum\/const would be ignored/,
    ],
    [
      'a 3.0-style boolean exclusiveMinimum',
      doc({ Thing: { type: 'number', minimum: 0, exclusiveMinimum: true } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "exclusiveMinimum" is a boolean \(OpenAPI 3\.0 style\)/,
    ],
    [
      'a pattern JavaScript cannot compile',
      doc({ Thing: { type: 'string', pattern: '(?<name' } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: "pattern" does not compile as a JavaScript unicode RegExp/,
    ],
    [
      'an object const',
      doc({ Thing: { type: 'object', const: { a: 1 } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: an object or array "const" is not supported/,
    ],
    [
      'allOf parts that set a property keyword differently',
      doc({
        Thing: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string', maxLength: 3 } } },
            { type: 'object', properties: { a: { type: 'string', maxLength: 5 } } },
          ],
        },
      }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/allOf\/1\/properties\/a: allOf parts set "maxLength" differently for this property; define it once$/,
    ],
    [
      'allOf parts with disjoint types for a property',
      doc({
        Thing: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } } },
            { type: 'object', properties: { a: { type: 'integer' } } },
          ],
        },
      }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/allOf\/1\/properties\/a: allOf parts give this property disjoint types \(string and integer\)$/,
    ],
    [
      'a component named Error',
      doc({ Error: { type: 'object', properties: { message: { type: 'string' } } } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Error: "Error" would shadow the global Error/,
    ],
    [
      'a component name that is not PascalCase',
      doc({ 'thing-one': { type: 'string' } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/thing-one: component names must be PascalCase/,
    ],
    [
      'an allOf part that is not an object',
      doc({ Thing: { allOf: [{ type: 'string' }] } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing\/allOf\/0: allOf parts must be objects$/,
    ],
    ['an array without items', doc({ Thing: { type: 'array' } }), /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: an array needs "items"$/],
    [
      'a required property missing from properties',
      doc({ Thing: { type: 'object', required: ['a'], properties: {} } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: required property "a" is not in "properties"$/,
    ],
    ['an unsupported type', doc({ Thing: { type: 'file' } }), /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Thing: unsupported type "file"$/],
    [
      'x-enum-varnames that do not name every value',
      doc({ Level: { type: 'integer', enum: [1, 2], 'x-enum-varnames': ['One'] } }),
      /^specs\/bad\/openapi\.yaml: #\/components\/schemas\/Level: x-enum-varnames must name every enum value$/,
    ],
    [
      'an unsupported keyword in a parameter schema',
      doc({}, get({ parameters: [{ name: 'q', in: 'query', schema: { type: 'string', contains: {} } }] })),
      /^specs\/bad\/openapi\.yaml: #\/paths\/~1things\/get\/parameters\/q: unsupported keyword "contains"$/,
    ],
    [
      'a cookie parameter',
      doc({}, get({ parameters: [{ name: 'c', in: 'cookie', schema: { type: 'string' } }] })),
      /^specs\/bad\/openapi\.yaml: #\/paths\/~1things\/get: cookie parameters are not supported$/,
    ],
    [
      'a dangling $ref in a response body',
      doc(
        {},
        get({
          responses: {
            '200': {
              description: 'd',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
            },
          },
        }),
      ),
      /^specs\/bad\/openapi\.yaml: #\/paths\/~1things\/get\/responses\/200: unsupported or dangling \$ref #\/components\/schemas\/Nope$/,
    ],
  ])('%s', (_title, spec, expected) => {
    expect(() => emitSchemas(spec, SPEC)).toThrow(expected);
  });

  it('throws SchemaError for schema rules, so callers can tell them from crashes', () => {
    expect(() => emitSchemas(doc({ Thing: { type: 'string', not: {} } }), SPEC)).toThrow(SchemaError);
  });

  it('rejects request bodies it cannot validate, and operations without an operationId', () => {
    const xml = get({ requestBody: { content: { 'application/xml': { schema: { type: 'string' } } } } });
    expect(() => emitSchemas(doc({}, xml), SPEC)).toThrow(/listThings: request body media types application\/xml are not supported/);
    expect(() => emitOperations(doc({}, { '/x': { get: { responses: {} } } }), 'bad')).toThrow(/GET \/x: every operation needs an operationId/);
  });

  it('refuses a spec that is not OpenAPI 3.1', async () => {
    const t = { ...target('strings'), specFile: join(here, 'fixtures', 'not-3.1.yaml') };
    await expect(generateVendor(t)).rejects.toThrow(/not-3\.1\.yaml: expected "openapi: 3\.1\.x"/);
  });
});

describe('x-alias-of and x-envelope', () => {
  it('reads an alias as its canonical property, validated under the spelling received', () => {
    const { Thing, ThingStrict } = schemas.get('aliases')!;
    for (const schema of [Thing, ThingStrict]) {
      expect(schema.parse({ Items: [{ id: 'a' }] })).toEqual({ items: [{ id: 'a' }] });
      expect(schema.parse({ items: [{ id: 'b' }] })).toEqual({ items: [{ id: 'b' }] });
      expect(schema.parse({ Items: [{ id: 'a' }], items: [{ id: 'b' }] })).toEqual({ items: [{ id: 'a' }] });
      expect(schema.parse({ Items: null, items: [{ id: 'b' }] })).toEqual({ items: [{ id: 'b' }] });
      expect(schema.parse({})).toEqual({});
      const issues = schema.safeParse({ Items: [{}] }).error?.issues ?? [];
      expect(issues.map((i: { path: unknown[] }) => i.path)).toEqual([['Items', 0, 'id']]);
    }
  });

  it('types the canonical property only', () => {
    const types = output.get('aliases')!.get('types.ts')!;
    expect(types).toMatch(/items\?: /);
    expect(types).not.toMatch(/Items\?: /);
  });

  it('puts x-envelope in the definition and its pointer in EnvelopePayload', () => {
    expect(operations.get('aliases')!.definition.envelope).toEqual({ payload: '/data' });
    expect(output.get('aliases')!.get('operations.ts')).toContain("export type EnvelopePayload = '/data';");
    expect(output.get('extensions')!.get('operations.ts')).toContain("export type EnvelopePayload = '';");
  });

  it.each([
    ['names no property of the object', { x: { type: 'string', 'x-alias-of': 'y' } }, [], /must name another property/],
    ['is required', { x: { type: 'string' }, X: { type: 'string', 'x-alias-of': 'x' } }, ['X'], /cannot be required/],
    ['has another schema', { x: { type: 'string' }, X: { type: 'integer', 'x-alias-of': 'x' } }, [], /same schema/],
  ])('refuses an alias that %s', (_, properties, required, message) => {
    const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { type: 'object', required, properties } } } };
    expect(() => emitSchemas(doc, 'inline.yaml')).toThrow(message);
  });
});
