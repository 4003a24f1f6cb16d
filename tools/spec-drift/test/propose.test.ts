/**
 * What a proposal says for each kind of drift, on a small spec: only what was seen, questions for
 * the rest, one action per spec node however many operations reach it, and the same document
 * whatever the order of the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInput, type Observation } from '../src/input.js';
import { propose } from '../src/propose.js';

const SPEC = parse(`
openapi: 3.1.0
info: { title: fixture, version: '1' }
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      responses:
        '200':
          description: one order
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
              examples:
                one: { value: { id: 7, state: OPEN, total: 3, lines: [{ sku: a }] } }
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: orders
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Order' } }
components:
  schemas:
    Order:
      type: object
      required: [id, state]
      properties:
        id: { type: integer }
        state: { $ref: '#/components/schemas/State' }
        total: { type: number }
        note: { type: string, format: email, x-assumption: The document says little. }
        lines:
          type: array
          items:
            type: object
            properties:
              sku: { type: string, maxLength: 8 }
        extra:
          oneOf:
            - { $ref: '#/components/schemas/Extra' }
            - { type: 'null' }
    Extra:
      type: object
      properties:
        code: { type: string }
    State:
      type: string
      enum: [OPEN, CLOSED]
`);

const seen = (o: Partial<Observation> & Pick<Observation, 'pointer' | 'kind'>): Observation => ({
  vendor: 'acme',
  operationId: 'getOrder',
  status: 200,
  rule: '',
  count: 1,
  firstSeen: '2026-12-01T00:00:00.000Z',
  lastSeen: '2026-12-01T00:00:00.000Z',
  source: 'events',
  ...o,
});
const actionsOf = (observations: Observation[]) => propose(SPEC, 'acme', observations).overlay.actions;

describe('propose', () => {
  it('adds an unknown field as optional with the type seen, wherever the object is reached from', () => {
    const actions = actionsOf([
      seen({ pointer: '/channel', kind: 'unknown-field', shape: { type: 'string' }, count: 2 }),
      seen({ operationId: 'listOrders', pointer: '/3/channel', kind: 'unknown-field', shape: { type: 'string' }, lastSeen: '2026-12-03T00:00:00.000Z' }),
      seen({ pointer: '/extra/origin', kind: 'unknown-field', shape: { type: 'object', keys: ['city', 'zip'] } }),
    ]);
    expect(actions.map((a) => [a.target, a.update])).toEqual([
      [
        "$['components']['schemas']['Extra']['properties']",
        { origin: { type: 'object', properties: { city: {}, zip: {} }, 'x-assumption': expect.stringMatching(/types of its keys were not recorded/) } },
      ],
      [
        "$['components']['schemas']['Order']['properties']",
        { channel: { type: 'string', 'x-assumption': expect.stringMatching(/^Not in the vendor's documentation: seen 3 times in getOrder 200, listOrders 200/) } },
      ],
    ]);
    expect(actions[1]!['x-drift-evidence']).toEqual([
      {
        kind: 'unknown-field',
        operations: ['getOrder 200', 'listOrders 200'],
        pointers: ['/3/channel', '/channel'],
        count: 3,
        firstSeen: '2026-12-01T00:00:00.000Z',
        lastSeen: '2026-12-03T00:00:00.000Z',
        rule: '',
        source: 'events',
      },
    ]);
    expect(JSON.stringify(actions)).not.toMatch(/"required"/);
  });

  it('never types a field seen only as null, or one whose type a drift report did not record', () => {
    const actions = actionsOf([seen({ pointer: '/gone', kind: 'unknown-field', shape: { type: 'null' } }), seen({ pointer: '/unseen', kind: 'unknown-field' })]);
    const update = Object.assign({}, ...actions.map((a) => a.update)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(update.gone!)).toEqual(['x-assumption']);
    expect(update.gone!['x-assumption']).toMatch(/seen only as null; ask the vendor/);
    expect(Object.keys(update.unseen!)).toEqual(['x-assumption']);
    expect(update.unseen!['x-assumption']).toMatch(/type was not recorded/);
  });

  it('appends an enum value seen, and asks about one that was withheld', () => {
    const actions = actionsOf([
      seen({ pointer: '/state', kind: 'enum-value', value: 'ON_HOLD', shape: { type: 'string' } }),
      seen({ pointer: '/state', kind: 'enum-value', shape: { type: 'string' } }),
    ]);
    expect(actions.map((a) => [a.target, a.update])).toEqual([
      ["$['components']['schemas']['State']['enum']", 'ON_HOLD'],
      ["$['components']['schemas']['State']", { 'x-assumption': expect.stringMatching(/Values outside the enum were seen .* but not recorded/) }],
    ]);
    expect(actions[0]!['x-drift-evidence'][0]).toMatchObject({ observed: ['ON_HOLD'], shared: true, count: 2 });
  });

  it('turns a type change into the union only when both types were seen (the examples count), else the type seen with an assumption', () => {
    // `id` is 7 in the documented example: integer was seen too.
    const id = actionsOf([seen({ pointer: '/id', kind: 'type-change', rule: 'type: integer', shape: { type: 'string' } })]);
    expect(id.map((a) => a.update)).toEqual([{ type: ['string', 'integer'] }]);
    // `lines/*/sku` has no example of another type: only string → boolean was seen.
    const sku = actionsOf([seen({ operationId: 'listOrders', pointer: '/0/lines/1/sku', kind: 'type-change', rule: 'type: string', shape: { type: 'boolean' } })]);
    expect(sku.map((a) => [a.target, a.update ?? 'remove'])).toEqual([
      ["$['components']['schemas']['Order']['properties']['lines']['items']['properties']['sku']", { type: 'boolean' }],
      ["$['components']['schemas']['Order']['properties']['lines']['items']['properties']['sku']['maxLength']", 'remove'],
      [
        "$['components']['schemas']['Order']['properties']['lines']['items']['properties']['sku']",
        { 'x-assumption': expect.stringMatching(/The spec said string; only boolean was seen/) },
      ],
    ]);
    // Two types seen in the drift: their union (and the number the example shows).
    const total = actionsOf([
      seen({ pointer: '/total', kind: 'type-change', shape: { type: 'string' } }),
      seen({ pointer: '/total', kind: 'type-change', shape: { type: 'boolean' } }),
    ]);
    expect(total[0]!.update).toEqual({ type: ['string', 'integer', 'boolean'] });
  });

  it('leaves a value seen only as null a question, not a type', () => {
    const actions = actionsOf([seen({ pointer: '/total', kind: 'type-change', rule: 'type: number', shape: { type: 'null' } })]);
    expect(actions).toHaveLength(1);
    expect(actions[0]!.update).toEqual({ 'x-assumption': expect.stringMatching(/Seen only as null where the spec says number .*: is it nullable, or absent\? Not changed\./) });
  });

  it('drops a required field that was missing, and a format that answers miss, keeping the existing assumption', () => {
    const actions = actionsOf([
      seen({ pointer: '/state', kind: 'missing-required', rule: 'required' }),
      seen({ pointer: '/note', kind: 'format-miss', rule: 'format: email', shape: { type: 'string' } }),
    ]);
    expect(actions.map((a) => [a.target, a.remove ?? a.update])).toEqual([
      ["$['components']['schemas']['Order']['required'][?(@ == 'state')]", true],
      ["$['components']['schemas']['Order']['properties']['note']['format']", true],
      [
        "$['components']['schemas']['Order']['properties']['note']",
        { 'x-assumption': expect.stringMatching(/^The document says little\.\nDrift \(spec:drift\): The spec had format "email"/) },
      ],
    ]);
  });

  it('places nothing it cannot place, and says why', () => {
    const proposal = propose(SPEC, 'acme', [
      seen({ pointer: '/nope/deeper', kind: 'type-change', shape: { type: 'string' } }),
      seen({ operationId: 'noSuchOp', pointer: '/x', kind: 'unknown-field' }),
      seen({ pointer: '/{key}', kind: 'unknown-field' }),
    ]);
    expect(proposal.overlay.actions).toEqual([]);
    expect(proposal.unplaced).toEqual([
      'getOrder 200 /nope/deeper type-change: /nope/deeper: the spec declares no "nope" at components.schemas.Order',
      'getOrder 200 /{key} unknown-field: the key is not a field name (an array index, a map key or a redacted echo)',
      'noSuchOp 200 /x unknown-field: no operation noSuchOp in the spec',
    ]);
  });

  it('writes the same overlay whatever the order of the events', () => {
    const observations = [
      seen({ pointer: '/channel', kind: 'unknown-field', shape: { type: 'string' } }),
      seen({ pointer: '/state', kind: 'enum-value', value: 'ON_HOLD' }),
      seen({ pointer: '/state', kind: 'enum-value', value: 'ARCHIVED' }),
      seen({ pointer: '/id', kind: 'type-change', shape: { type: 'string' } }),
      seen({ pointer: '/note', kind: 'format-miss', rule: 'format: email' }),
      seen({ operationId: 'listOrders', pointer: '/0/total', kind: 'type-change', shape: { type: 'null' } }),
    ];
    const expected = propose(SPEC, 'acme', observations).overlay;
    fc.assert(
      fc.property(fc.shuffledSubarray(observations, { minLength: observations.length, maxLength: observations.length }), (shuffled) => {
        expect(propose(SPEC, 'acme', shuffled).overlay).toEqual(expected);
      }),
      { seed: 17, numRuns: 50 },
    );
    expect(expected.actions.filter((a) => String(a.target).endsWith("['enum']")).map((a) => a.update)).toEqual(['ARCHIVED', 'ON_HOLD']);
  });
});

describe('readInput', () => {
  it("reads the mock's drift report: rules become kinds, unmatched requests are listed, nothing is invented", () => {
    const report = {
      vendor: 'acme',
      upstream: 'http://127.0.0.1:9',
      exchanges: 3,
      findings: [
        { operationId: 'getOrder', method: 'GET', path: '/orders/{id}', status: 200, pointer: '/channel', rule: 'undocumented-field', message: 'x', count: 2 },
        { operationId: 'getOrder', method: 'GET', path: '/orders/{id}', status: 200, pointer: '/id', rule: 'type', message: 'must be integer', count: 1 },
        { operationId: null, method: 'GET', path: '/nowhere', status: 404, pointer: '', rule: 'status', message: 'undocumented status', count: 1 },
      ],
    };
    const input = readInput(JSON.stringify(report));
    expect(input.observations.map((o) => [o.kind, o.pointer, o.count, o.shape, o.firstSeen])).toEqual([
      ['unknown-field', '/channel', 2, undefined, undefined],
      ['type-change', '/id', 1, undefined, undefined],
    ]);
    expect(input.skipped).toEqual(['404 : the request matched no operation of the spec (undocumented status)']);
    // A type change whose new type the report did not record is a question, not an edit.
    expect(propose(SPEC, 'acme', input.observations).overlay.actions.map((a) => Object.keys(a.update as object))).toEqual([['channel'], ['x-assumption']]);
  });

  it('reads NDJSON drift events and lists the lines it cannot use', () => {
    const line = {
      v: 1,
      vendor: 'acme',
      operationId: 'getOrder',
      method: 'GET',
      path: '/orders/{id}',
      status: 200,
      pointer: '/x',
      kind: 'unknown-field',
      rule: 'declared properties',
      shape: { type: 'string' },
      count: 4,
      firstSeen: 'a',
      lastSeen: 'b',
    };
    const input = readInput(`${JSON.stringify(line)}\nnot json\n{"v":2}\n`);
    expect(input.observations).toHaveLength(1);
    expect(input.observations[0]).toMatchObject({ count: 4, shape: { type: 'string' }, source: 'events' });
    expect(input.skipped).toEqual(['line 2: not JSON', 'line 3: not a drift event (v1)']);
  });
});
