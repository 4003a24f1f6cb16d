/**
 * Issue 11 item 14, "onUnknownFields is bounded": for every operation of every vendor whose spec
 * documents a success body with an object in it, that body with N fields the spec does not
 * declare produces one event listing min(N, 100) pointers and counting the N − 100 left out.
 */
import { MAX_UNKNOWN_FIELD_POINTERS, schemasOf, type UnknownFieldsEvent } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer, type Step } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenPaths } from '../src/parameters.js';
import { createClient, VENDORS, vendorAnswers, vendorFacts } from '../src/vendors.js';

const SEED = 11_014;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'uf-user', password: 'uf-password', bearer: 'uf-bearer' };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The documented body with `n` undeclared keys in its first object (the root, or the first item), and where they sit. */
function withUnknownKeys(body: unknown, n: number): { body: unknown; at: string } | undefined {
  const keys = Object.fromEntries(Array.from({ length: n }, (_, i) => [`zz_undeclared_${i}`, i]));
  if (isObject(body)) return { body: { ...body, ...keys }, at: '' };
  if (Array.isArray(body) && isObject(body[0])) return { body: [{ ...body[0], ...keys }, ...body.slice(1)], at: '/0' };
  return undefined;
}

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

describe('onUnknownFields is bounded', () => {
  it.each(VENDORS)('%s: N undeclared fields → one event with min(N, 100) pointers and the rest counted', async (vendor) => {
    const facts = vendorFacts(vendor);
    const events: UnknownFieldsEvent[] = [];
    let step: Step = {};
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, () => step).handle;
    const client = createClient(vendor, rig.url, CREDENTIALS, { rateLimit: false, retry: { maxRetries: 0 }, hooks: { onUnknownFields: (e) => void events.push(e) } });
    // Where it applies: a documented success body whose first object the spec closes (not a map)
    // while tolerating new keys there (the engine's loose schema accepts them).
    const zod = new Map(await Promise.all(facts.operations.map(async (op) => [op.operationId, await schemasOf(client.definition.operations[op.operationId]!)] as const)));
    const applicable = facts.operations
      .filter((op) => {
        const documented = facts.successBody.get(op.operationId);
        const schemas = zod.get(op.operationId);
        const [loose, strict] = [schemas?.responses[String(documented?.status)], schemas?.strictResponses[String(documented?.status)]];
        const probe = documented && withUnknownKeys(documented.body, 1);
        if (tokenPaths(client.definition).has(op.path) || !loose || !strict || !probe) return false;
        return strict.safeParse(documented.body).success && !strict.safeParse(probe.body).success && loose.safeParse(probe.body).success;
      })
      .map((op) => op.operationId);
    expect(applicable.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...applicable), fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 100, max: 600 })), async (operationId, n) => {
        const documented = facts.successBody.get(operationId)!;
        const { body, at } = withUnknownKeys(documented.body, n)!;
        step = { status: documented.status, body };
        events.length = 0;
        await client.call(operationId, facts.validInput.get(operationId) ?? {});
        expect(events).toHaveLength(1);
        const listed = Math.min(n, MAX_UNKNOWN_FIELD_POINTERS);
        expect(events[0]!.pointers).toEqual(Array.from({ length: listed }, (_, i) => `${at}/zz_undeclared_${i}`));
        expect(events[0]!.omitted).toBe(n - listed);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});
