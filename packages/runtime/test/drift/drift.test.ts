/**
 * Drift events built from the client's hooks: one structured record per distinct drift, counted,
 * bounded, sampled, written as NDJSON — and never a credential, a query value or a body value,
 * whatever the vendor's answer holds (property test over hostile bodies).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createVendorClient, type VendorDefinition } from '../../src/index.js';
import { createDriftRecorder, type DriftEvent } from '../../src/drift/index.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';
import { definition } from '../support/fixture.js';

const SECRET = 'canary-9f3a1c7e5b2d';
const line = (strict: boolean) => (strict ? z.strictObject({ sku: z.string() }) : z.looseObject({ sku: z.string() }));
const order = (strict: boolean) =>
  (strict ? z.strictObject : z.looseObject)({ state: z.enum(['OPEN', 'CLOSED']), count: z.int(), mail: z.email().optional(), lines: z.array(line(strict)).optional() });

const withOrders: VendorDefinition = {
  ...definition,
  operations: {
    ...definition.operations,
    getOrder: {
      operationId: 'getOrder',
      method: 'GET',
      path: '/orders/{id}',
      security: [{ KeyQuery: [] }],
      idempotent: true,
      credentials: [],
      responseVendorErrors: {},
      request: { path: z.strictObject({ id: z.string() }), query: z.strictObject({ ref: z.string().optional() }) },
      responses: { '200': order(false) },
      strictResponses: { '200': order(true) },
    },
  },
};

function client(answer: (request: Request) => unknown, hooks: ReturnType<ReturnType<typeof createDriftRecorder>['hooks']>) {
  return createVendorClient<any, any>(withOrders, {
    baseUrl: 'https://api.acme.test',
    credentials: { KeyQuery: SECRET },
    retry: { maxRetries: 0 },
    fetch: observedFetch((r) => json(answer(r))).fetch,
    hooks,
  }) as any;
}

const clock = () => {
  let t = Date.parse('2026-12-01T00:00:00.000Z');
  return () => (t += 1000);
};

describe('drift events', () => {
  it('records an unknown field once with its shape, counts repeats, and writes NDJSON windows that sum to the count', async () => {
    const lines: string[] = [];
    const first: DriftEvent[] = [];
    const drift = createDriftRecorder({ now: clock(), ndjson: (l) => lines.push(l), onDrift: (e) => first.push(e) });
    const c = client(() => ({ state: 'OPEN', count: 1, lines: [{ sku: 'a' }, { sku: 'b', colour: 'red' }], warranty: { months: 3, kind: 'x' } }), drift.hooks());
    for (let i = 0; i < 5; i++) await c.getOrder({ path: { id: 'o1' } });
    expect(first.map((e) => [e.pointer, e.kind, e.shape])).toEqual([
      ['/lines/*/colour', 'unknown-field', { type: 'string' }],
      ['/warranty', 'unknown-field', { type: 'object', keys: ['kind', 'months'] }],
    ]);
    expect(drift.events().map((e) => [e.pointer, e.count, e.firstSeen, e.lastSeen])).toEqual([
      ['/lines/*/colour', 5, '2026-12-01T00:00:01.000Z', '2026-12-01T00:00:05.000Z'],
      ['/warranty', 5, '2026-12-01T00:00:01.000Z', '2026-12-01T00:00:05.000Z'],
    ]);
    await drift.flush();
    await drift.flush(); // nothing new: no more lines
    const written = lines.map((l) => JSON.parse(l) as DriftEvent);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(written.map((e) => [e.pointer, e.count, e.firstSeen, e.lastSeen])).toEqual([
      ['/lines/*/colour', 1, '2026-12-01T00:00:01.000Z', '2026-12-01T00:00:01.000Z'],
      ['/warranty', 1, '2026-12-01T00:00:01.000Z', '2026-12-01T00:00:01.000Z'],
      ['/lines/*/colour', 4, '2026-12-01T00:00:02.000Z', '2026-12-01T00:00:05.000Z'],
      ['/warranty', 4, '2026-12-01T00:00:02.000Z', '2026-12-01T00:00:05.000Z'],
    ]);
    expect(written[0]).toMatchObject({ v: 1, vendor: 'acme', operationId: 'getOrder', method: 'GET', path: '/orders/{id}', status: 200, rule: 'declared properties' });
  });

  it('turns each issue of a ResponseContractError into its kind: type change, enum value, missing field, format miss', async () => {
    const drift = createDriftRecorder({ now: clock() });
    const errors: unknown[] = [];
    const c = client(() => ({ state: 'ON_HOLD', count: '7', mail: 'not-an-email', lines: [{ sku: 1 }, {}] }), drift.hooks({ onError: (e) => errors.push(e.error) }));
    await expect(c.getOrder({ path: { id: 'o1' } })).rejects.toThrow(/breaks the contract/);
    expect(errors).toHaveLength(1); // the caller's own hook still runs
    expect(drift.events().map((e) => [e.pointer, e.kind, e.rule, e.shape?.type, e.value, e.valueWithheld])).toEqual([
      ['/count', 'type-change', 'type: number', 'string', undefined, undefined],
      ['/lines/*/sku', 'missing-required', 'required', undefined, undefined, undefined],
      ['/lines/*/sku', 'type-change', 'type: string', 'integer', undefined, undefined],
      ['/mail', 'format-miss', 'format: email', 'string', undefined, undefined],
      ['/state', 'enum-value', 'enum: "OPEN" | "CLOSED"', 'string', 'ON_HOLD', undefined],
    ]);
  });

  it('keeps an enum value only when it is a short literal', async () => {
    const drift = createDriftRecorder();
    const values = ['x'.repeat(49), 'two\nlines', 'a@b.example', '{"json":1}'];
    let i = 0;
    const c = client(() => ({ state: values[i++], count: 1 }), drift.hooks());
    for (const _ of values) await c.getOrder({ path: { id: 'o1' } }).catch(() => undefined);
    expect(drift.events().map((e) => [e.value, e.valueWithheld])).toEqual([[undefined, true]]);
    expect(drift.events()[0]!.count).toBe(values.length);
  });

  it('holds at most maxKeys distinct drifts and counts the rest as dropped', async () => {
    const drift = createDriftRecorder({ maxKeys: 3 });
    let n = 0;
    const c = client(() => ({ state: 'OPEN', count: 1, [`field_${n++}`]: true }), drift.hooks());
    for (let i = 0; i < 10; i++) await c.getOrder({ path: { id: 'o1' } });
    expect(drift.events().map((e) => e.pointer)).toEqual(['/field_0', '/field_1', '/field_2']);
    expect(drift.stats()).toMatchObject({ distinct: 3, dropped: 7 });
  });

  it('looks at the sampled share of answers only', async () => {
    let r = 0;
    const drift = createDriftRecorder({ sampleRate: 0.5, random: () => [0.1, 0.9][r++ % 2]! });
    const c = client(() => ({ state: 'OPEN', count: 1, extra: 1 }), drift.hooks());
    for (let i = 0; i < 10; i++) await c.getOrder({ path: { id: 'o1' } });
    expect(drift.events()[0]!.count).toBe(5);
    expect(drift.stats().sampledOut).toBe(5);
  });

  it('writes to a WritableStream and counts a sink that fails instead of throwing into the call', async () => {
    const chunks: string[] = [];
    const drift = createDriftRecorder({ ndjson: new WritableStream<string>({ write: (c) => void chunks.push(c) }) });
    await client(() => ({ state: 'OPEN', count: 1, extra: 1 }), drift.hooks()).getOrder({ path: { id: 'o1' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(chunks.map((c) => (JSON.parse(c) as DriftEvent).pointer)).toEqual(['/extra']);

    const broken = createDriftRecorder({
      ndjson: () => {
        throw new Error('disk full');
      },
    });
    await expect(client(() => ({ state: 'OPEN', count: 1, extra: 1 }), broken.hooks()).getOrder({ path: { id: 'o1' } })).resolves.toMatchObject({ extra: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(broken.stats().writeErrors).toBe(1);
  });
});

describe('drift events never carry a credential, a query value or a body value', () => {
  const b64 = (s: string) => btoa(s);
  /** The spellings of the credential a careless vendor echoes. */
  const spelling = fc.constantFrom(
    (s: string) => s,
    (s: string) => s.toUpperCase(),
    encodeURIComponent,
    b64,
    (s: string) => `key_${s}`,
    (s: string) => `${s.slice(0, 12)}`,
  );
  /** A body value the events must never show (not a short literal: a literal may be an enum value). */
  const marker = fc.stringMatching(/^[a-z]{6}$/).map((s) => `value:${s}@data`);

  it('for hostile bodies with the credential in keys and values, at every kind of drift', async () => {
    await fc.assert(
      fc.asyncProperty(spelling, spelling, marker, marker, fc.constantFrom('success', 'contract'), async (asKey, asValue, m1, m2, mode) => {
        const key = asKey(SECRET);
        const lines: string[] = [];
        const seen: unknown[] = [];
        const drift = createDriftRecorder({ ndjson: (l) => lines.push(l), onDrift: (e) => seen.push(e) });
        const body =
          mode === 'success'
            ? { state: 'OPEN', count: 1, [key]: m1, nested: { [key]: { deeper: m2 }, [m1]: 1 }, lines: [{ sku: m2, [key]: asValue(SECRET) }] }
            : { state: asValue(SECRET), count: m1, mail: `${asValue(SECRET)}${m2}`, lines: [{ sku: { [key]: m2 } }], [key]: asValue(SECRET) };
        const c = client(() => body, drift.hooks());
        await c.getOrder({ path: { id: m1 }, query: { ref: m2 } }).catch(() => undefined);
        await drift.flush();
        const text = JSON.stringify([seen, drift.events(), lines]).toLowerCase();
        expect(seen.length).toBeGreaterThan(0);
        for (const form of [SECRET, SECRET.slice(0, 12), SECRET.slice(-8), encodeURIComponent(SECRET), b64(SECRET)]) expect(text).not.toContain(form.toLowerCase());
        expect(text).not.toContain(m1.toLowerCase());
        expect(text).not.toContain(m2.toLowerCase());
      }),
      { seed: 17, numRuns: 150 },
    );
  });
});
