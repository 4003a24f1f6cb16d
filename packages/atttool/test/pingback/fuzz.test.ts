/**
 * S7: 1,000 fuzzed deliveries over raw HTTP (fast-check) ⇒ every answer a 4xx, the handler never
 * called, the server still up. Each delivery is bad in one generated way; extra headers ride along.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPingbackUrl } from '../../src/pingback/index.js';
import { agent, completedPayload, type Delivery, deliver, SECRET, type Served, serveReceiver } from '../support/pingback-server.js';

let served: Served;
let handlerCalls = 0;
beforeAll(async () => {
  served = await serveReceiver({ handler: () => void (handlerCalls += 1) });
});
afterAll(async () => {
  agent.destroy();
  await served.close();
});

const JSON_TYPE = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^x-[a-z0-9-]{1,16}$/),
  fc.stringMatching(/^[ -~]{0,40}$/).map((v) => v.trim()),
  { maxKeys: 4 },
);
const notAGuid = fc.anything().filter((v) => typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));

/** A valid payload broken in one place: a field of the wrong type or missing, or an IMEI result broken. */
const brokenPayload = fc.oneof(
  notAGuid.map((orderId) => ({ ...completedPayload(), order_id: orderId })),
  fc
    .anything()
    .filter((v) => typeof v !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(v))
    .map((cost) => ({ ...completedPayload(), total_cost: cost })),
  fc
    .anything()
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map((imeis) => ({ ...completedPayload(), imeis })),
  fc.constantFrom('order_id', 'total_cost', 'imeis').map((drop) => {
    const payload: Record<string, unknown> = completedPayload();
    delete payload[drop];
    return payload;
  }),
  fc
    .record({ status: fc.anything().filter((v) => typeof v !== 'string'), refunded: fc.anything().filter((v) => typeof v !== 'boolean') }, { requiredKeys: [] })
    .filter((r) => Object.keys(r).length > 0)
    .map((broken) => ({ ...completedPayload(), imeis: { '359488091564579': { status: 'Unlocked', att_order_num: null, note: 'n', refunded: false, ...broken } } })),
);

/** One bad delivery: [what it is, the request]. */
const badDelivery: fc.Arbitrary<Delivery> = fc.oneof(
  // wrong type: a valid payload with a broken field
  fc.tuple(brokenPayload, JSON_TYPE).map(([payload, type]) => ({ headers: { 'content-type': type }, body: JSON.stringify(payload) })),
  // any JSON value at all (none of them is a completed order)
  fc.tuple(fc.jsonValue(), JSON_TYPE).map(([value, type]) => ({ headers: { 'content-type': type }, body: JSON.stringify(value) ?? 'undefined' })),
  // malformed JSON: a valid body cut short, or random text
  fc.integer({ min: 0, max: 200 }).map((cut) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(completedPayload()).slice(0, cut) })),
  fc
    .string({ maxLength: 200 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((text) => ({ headers: { 'content-type': 'application/json' }, body: text })),
  // raw bytes
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(bytes) })),
  // a good body with a wrong content-type
  fc
    .oneof(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'), fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/))
    .filter((type) => type !== 'application/json')
    .map((type) => ({ headers: { 'content-type': type }, body: JSON.stringify(completedPayload()) })),
  // too large (declared or chunked)
  fc.tuple(fc.integer({ min: 65_537 - 200, max: 200_000 }), fc.boolean()).map(([size, chunked]) => ({
    headers: { 'content-type': 'application/json', ...(chunked ? { 'transfer-encoding': 'chunked' } : {}) },
    body: JSON.stringify({ ...completedPayload(), pad: 'x'.repeat(size) }),
  })),
  // not a POST
  fc
    .constantFrom('GET', 'PUT', 'PATCH', 'DELETE')
    .map((method) => ({ method, headers: { 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: JSON.stringify(completedPayload()) }) })),
);

it('1,000 fuzzed deliveries: 100 % 4xx, 0 handler calls, the server keeps serving', async () => {
  const statuses: number[] = [];
  await fc.assert(
    fc.asyncProperty(badDelivery, extraHeaders, fc.boolean(), async (delivery, extra, forged) => {
      const { url } = createPingbackUrl({ baseUrl: `${served.origin}/hook`, secret: SECRET, allowPrivatePingback: true });
      const target = forged ? url.replace(/atttool_token=[^&]+/, 'atttool_token=forged') : url;
      const answer = await deliver(target, { ...delivery, headers: { ...extra, ...delivery.headers } });
      statuses.push(answer.status);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      if (forged) expect(answer.status).toBe(404);
      expect(handlerCalls).toBe(0);
    }),
    { numRuns: 1000 },
  );
  expect(statuses).toHaveLength(1000);
  expect(new Set(statuses)).toEqual(new Set([400, 404, 405, 413, 415, 422]));
  // Still serving: a good delivery goes through.
  const { url } = createPingbackUrl({ baseUrl: `${served.origin}/hook`, secret: SECRET, allowPrivatePingback: true });
  expect((await deliver(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(completedPayload(randomUUID())) })).status).toBe(200);
  expect(handlerCalls).toBe(1);
}, 120_000);
