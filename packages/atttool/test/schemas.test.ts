import { describe, expect, it } from 'vitest';
import { Imei, OrderCompletedPayload, OrderCompletedPayloadStrict, PlaceOrderRequestStrict } from '@vendor-contracts/atttool/schemas';
import { responseExamples, spec } from './support/spec.js';

const imeiSchema = spec.components.schemas.Imei;
const webhookExample = spec.webhooks.orderCompleted.post.requestBody.content['application/json'].examples.orderCompleted.value;

describe('Imei (exported from ./schemas)', () => {
  it.each(imeiSchema.examples as string[])('accepts the spec example %s', (value) => {
    expect(Imei.safeParse(value).success).toBe(true);
  });

  it.each((imeiSchema['x-invalid-examples'] as Array<{ summary: string; value: string }>).map((e) => [e.summary, e.value] as const))('rejects: %s', (_, value) => {
    expect(Imei.safeParse(value).success).toBe(false);
  });

  it('the Luhn check is what rejects a 15-digit value with a wrong check digit', () => {
    const result = Imei.safeParse('354865093010295');
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual(['Invalid check digit: fails the Luhn rule']);
  });

  it('every IMEI key in the spec examples passes (the document IMEIs are Luhn-valid)', () => {
    const completed = responseExamples('post', '/v1/get').successful!.value as { imeis: object };
    const keys = [...Object.keys(webhookExample.imeis), ...Object.keys(completed.imeis)];
    expect(keys).toHaveLength(13);
    for (const key of keys) expect(Imei.safeParse(key).success, key).toBe(true);
  });
});

describe('the orderCompleted webhook payload (schema only; receivers come later)', () => {
  it('accepts the spec example, total_cost as a decimal string and imeis keyed by IMEI', () => {
    const parsed = OrderCompletedPayloadStrict.parse(webhookExample);
    expect(parsed.total_cost).toBe('0.25');
    expect(parsed.imeis['359488091497812']).toEqual({ status: 'Rejected', att_order_num: null, note: 'This device has been reported as lost or stolen', refunded: true });
  });

  it('keeps unknown keys as received, and reports them only in the strict variant', () => {
    const withExtra = { ...webhookExample, status: 'OK' };
    expect(OrderCompletedPayload.parse(withExtra)).toEqual(withExtra);
    expect(OrderCompletedPayloadStrict.safeParse(withExtra).success).toBe(false);
  });

  it('rejects a numeric total_cost, a non-UUID order_id and a missing imeis', () => {
    expect(OrderCompletedPayload.safeParse({ ...webhookExample, total_cost: 0.25 }).success).toBe(false);
    expect(OrderCompletedPayload.safeParse({ ...webhookExample, order_id: 'invalid_order_id' }).success).toBe(false);
    const { imeis: _imeis, ...withoutImeis } = webhookExample;
    expect(OrderCompletedPayload.safeParse(withoutImeis).success).toBe(false);
  });
});

describe('PlaceOrderRequest as sent', () => {
  it('rejects unknown keys (the request is strict)', () => {
    expect(PlaceOrderRequestStrict.safeParse({ api_key: '1e57f6246a384c978866154c3efea037', imeis: ['354865093010294'] }).success).toBe(true);
    expect(PlaceOrderRequestStrict.safeParse({ api_key: '1e57f6246a384c978866154c3efea037', imeis: ['354865093010294'], extra: 1 }).success).toBe(false);
  });
});
