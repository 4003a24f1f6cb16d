import { describe, expect, it } from 'vitest';
import { devices } from '../src/payloads.js';
import { mutants, oursAccepts } from '../src/peers/mutants.js';
import { peerValidators, toTypeBox, unknownFieldHandling, withUnknownField } from '../src/peers/validators.js';
import { allChecks, disagreements } from '../src/validator-peers.js';

const bodies = mutants();
const device = devices(1)[0]!;

describe('the mutants of the validator table', () => {
  it('hold both verdicts, and the spec rejects every removed required field and every wrong kind', () => {
    const invalid = bodies.filter((m) => !m.valid).map((m) => m.name);
    expect(bodies.find((m) => m.name === 'the valid body')?.valid).toBe(true);
    expect(invalid).toContain('device.connect_id removed');
    expect(invalid).toContain('device.date_in = a date without GMT');
    expect(invalid).toContain('quote.quote_price = a price with one decimal');
    expect(invalid).toContain('device.ra_flag = 2');
    expect(invalid).toContain('device.job_id = 1.5');
    // Edits the spec allows stay valid, so a validator that rejects too much is caught as well.
    const valid = bodies.filter((m) => m.valid).map((m) => m.name);
    expect(valid).toEqual(expect.arrayContaining(['device.imei = null', 'device.date_out = a date', 'quote.quote_price = a price', 'a device with an unknown field']));
    expect(invalid.length).toBeGreaterThan(200);
  });
});

describe('every validator of the table is the spec', () => {
  it('accepts the valid 1,000-device body', () => {
    const body = devices(1000);
    for (const [id, validator] of Object.entries(peerValidators())) expect({ id, ok: validator.check(body).ok }).toEqual({ id, ok: true });
  });

  it("ajv, TypeBox, arktype, valibot, zod/mini, zod and ours give the spec's verdict on every mutant", async () => {
    const checks = allChecks();
    expect(Object.keys(checks).sort()).toEqual(['ajv', 'arktype', 'ours', 'typebox', 'valibot', 'zod', 'zod from spec', 'zod/mini']);
    expect(await disagreements(checks, bodies)).toEqual([]);
  });

  it('names a validator that is looser or stricter than the spec', async () => {
    const found = await disagreements(
      {
        loose: () => ({ ok: true }),
        strict: (value) => ({ ok: Array.isArray(value) && value.length === 1 && typeof value[0] === 'object' && value[0] !== null && !('x_new_field' in value[0]) }),
      },
      bodies,
    );
    expect(found).toContain('loose on device.connect_id removed');
    expect(found).toContain('strict on an empty list');
    expect(found).toContain('strict on a device with an unknown field');
  });
});

describe('unknown fields', () => {
  it('reads keep, strip and reject from what a library hands back', async () => {
    const validators = peerValidators();
    const handling = (id: string) => unknownFieldHandling(validators[id]!.check(withUnknownField(device)));
    expect(handling('ajv')).toBe('keeps');
    expect(handling('typebox')).toBe('keeps');
    expect(handling('valibot')).toBe('strips');
    expect(handling('zod/mini')).toBe('strips');
    expect(handling('zod')).toBe('strips');
    expect(handling('zod from spec')).toBe('keeps');
    expect(unknownFieldHandling({ ok: false })).toBe('rejects');
    // The spec lets TMT add fields, and our client keeps them for the caller.
    expect(unknownFieldHandling(await oursAccepts(withUnknownField(device)))).toBe('keeps');
  });
});

describe('toTypeBox', () => {
  it('refuses a keyword it does not translate rather than dropping the rule', () => {
    expect(() => toTypeBox({ type: 'string', minLength: 3 }, {})).toThrow('keyword "minLength" is not supported');
    expect(() => toTypeBox({ $ref: '#/$defs/Missing' }, {})).toThrow('unresolved #/$defs/Missing');
  });
});
