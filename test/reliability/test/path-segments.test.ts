/**
 * Issue 11 item 1, "a path parameter is exactly one non-empty segment": for every path parameter
 * of every operation of every vendor, the empty string, `.`, `..` and their percent-encoded
 * spellings are a RequestValidationError naming `path.<name>` with 0 requests sent (with request
 * validation on and off: the rule is the engine's, not the spec's); and for any input the client
 * accepts, the URL the server receives has exactly the template's number of segments.
 */
import { RequestValidationError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerParameters, operationRequests, segmentCount, withParameter } from '../src/parameters.js';
import { createClient, VENDORS, vendorAnswers, vendorFacts, successStep } from '../src/vendors.js';

const SEED = 11_001;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'seg-user', password: 'seg-password', bearer: 'seg-bearer' };

/** `''`, `.`, `..`, each dot possibly spelled `%2e`/`%2E`, once or twice encoded. */
const dotSegment = fc.oneof(
  fc.constant(''),
  fc.array(fc.constantFrom('.', '%2e', '%2E', '%252e', '%252E'), { minLength: 1, maxLength: 2 }).map((dots) => dots.join('')),
);

/** Anything a caller might pass: text with separators, dots and escapes, numbers, the dot segments. */
const anyValue = fc.oneof(
  dotSegment,
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', '/', '\\', '?', '#', '%', '2', 'e', 'E', ';', ',', ' ', 'é', '\u{1F600}'), maxLength: 8 }),
  fc.integer({ min: -5, max: 10_000 }),
  fc.string({ maxLength: 6 }),
);

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

const pathParameters = VENDORS.flatMap((vendor) =>
  vendorFacts(vendor).operations.flatMap((op) =>
    callerParameters(op)
      .filter((p) => p.in === 'path')
      .map((p) => ({ vendor, op, parameter: p })),
  ),
);

describe('a path parameter is exactly one non-empty segment', () => {
  it('the specs have path parameters to attack', () => {
    expect(pathParameters.length).toBeGreaterThan(0);
  });

  it.each(pathParameters.map((c) => ({ ...c, label: `${c.vendor}.${c.op.operationId} path.${c.parameter.name}` })))(
    '$label: empty, dot and dot-dot spellings → RequestValidationError, 0 requests',
    async ({ vendor, parameter }) => {
      const facts = vendorFacts(vendor);
      rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, (e) => successStep(facts, e)).handle;
      const clients = [true, false].map((validateRequests) => createClient(vendor, rig.url, CREDENTIALS, { validateRequests, retry: { maxRetries: 0 }, rateLimit: false }));
      await fc.assert(
        fc.asyncProperty(dotSegment, fc.constantFrom(0, 1), async (value, which) => {
          const before = rig.ledger.length;
          const error = await clients[which]!.call(parameter.operationId, withParameter(facts, parameter, value)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, `${JSON.stringify(value)} was accepted`).toBeInstanceOf(RequestValidationError);
          expect((error as RequestValidationError).issues.map((i) => i.path)).toContain(`path.${parameter.name}`);
          expect(rig.ledger.length - before).toBe(0);
        }),
        { seed: SEED, numRuns: 24 },
      );
    },
  );

  const vendorsWithPathParameters = [...new Set(pathParameters.map((c) => c.vendor))];
  it.each(vendorsWithPathParameters)('%s: for any accepted input, the server receives exactly the template’s segment count', async (vendor) => {
    const facts = vendorFacts(vendor);
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, (e) => successStep(facts, e)).handle;
    // Validation off: every value reaches the engine's own rule, whatever the spec allows.
    const client = createClient(vendor, rig.url, CREDENTIALS, { validateRequests: false, retry: { maxRetries: 0 }, rateLimit: false });
    const ops = facts.operations.filter((op) => callerParameters(op).some((p) => p.in === 'path'));
    for (const [i, op] of ops.entries()) {
      const names = callerParameters(op).filter((p) => p.in === 'path');
      await fc.assert(
        fc.asyncProperty(fc.tuple(...names.map(() => anyValue)), async (values) => {
          const input = facts.validInput.get(op.operationId) ?? {};
          const path = { ...input.path, ...Object.fromEntries(names.map((p, k) => [p.name, values[k]])) };
          const before = rig.ledger.length;
          const error = await client.call(op.operationId, { ...input, path }).then(
            () => undefined,
            (e: unknown) => e,
          );
          const sent = operationRequests(client.definition, rig.ledger.slice(before));
          if (error instanceof RequestValidationError) {
            expect(error.issues.every((issue) => issue.path.startsWith('path.'))).toBe(true);
            expect(sent).toHaveLength(0);
            return;
          }
          expect(sent, `${op.operationId} ${JSON.stringify(path)}: ${String(error)}`).toHaveLength(1);
          expect(segmentCount(sent[0]!.url), `${op.path} sent as ${sent[0]!.url}`).toBe(segmentCount(op.path));
        }),
        { seed: SEED + i, numRuns: 30 },
      );
    }
  });
});
