/**
 * S1: invalid inputs for every operation of every vendor are rejected before the network,
 * naming the field and the JSON Schema rule. The inputs are the spec's own valid examples broken
 * by one keyword at a time (src/mutators.ts); fast-check picks the values, with a fixed seed.
 */
import { RequestValidationError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operationMutations } from '../src/mutators.js';
import { createClient, VENDORS, vendorFacts } from '../src/vendors.js';

const SEED = 4_2026;
/** Inputs per vendor, spread evenly over its mutations (each mutation gets at least 3). */
const RUNS_PER_VENDOR = 1_000;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'fuzz-user', password: 'fuzz-password', bearer: 'fuzz-bearer' };

const isAncestor = (ancestor: string, path: string) => path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);

let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

describe.each(VENDORS)('%s: invalid inputs never reach the network (S1)', (vendor) => {
  it(`≥ ${RUNS_PER_VENDOR} mutated inputs over every operation → RequestValidationError naming path and rule, 0 connections`, async () => {
    const facts = vendorFacts(vendor);
    const client = createClient(vendor, rig.url, CREDENTIALS, { retry: { maxRetries: 0 } });
    const mutations = facts.operations.flatMap((op) => operationMutations(facts.spec, op, facts.validInput.get(op.operationId) ?? {}));
    const perMutation = Math.max(3, Math.ceil(RUNS_PER_VENDOR / mutations.length));
    let inputs = 0;
    const keywords = new Set<string>();
    for (const [i, mutation] of mutations.entries()) {
      await fc.assert(
        fc.asyncProperty(mutation.arbitrary, async ({ input, path }) => {
          inputs++;
          const error = await client.call(mutation.operationId, input).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, `${mutation.operationId} ${mutation.keyword} at ${path} was accepted`).toBeInstanceOf(RequestValidationError);
          const issues = (error as RequestValidationError).issues;
          expect(
            issues.some((issue) => (issue.path === path || (mutation.inUnion && isAncestor(issue.path, path))) && mutation.rule.test(issue.rule)),
            `${mutation.operationId} ${mutation.keyword} at ${path}: got ${JSON.stringify(issues.map((x) => `${x.path} ${x.rule}`))}`,
          ).toBe(true);
        }),
        { seed: SEED + i, numRuns: perMutation },
      );
      keywords.add(mutation.keyword);
    }
    expect(inputs).toBeGreaterThanOrEqual(RUNS_PER_VENDOR);
    // Every operation that has a body or parameters got mutations.
    const mutated = new Set(mutations.map((m) => m.operationId));
    for (const op of facts.operations) if (op.parameters.some((p) => p['x-credential'] === undefined) || op.requestBody) expect(mutated, op.operationId).toContain(op.operationId);
    expect(keywords.has('required') || keywords.has('additionalProperties')).toBe(true);
    expect(rig.connections).toBe(0);
    expect(rig.ledger).toHaveLength(0);
  });
});
