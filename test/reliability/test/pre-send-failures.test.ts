/**
 * Issue 11 item 2, "a failure before anything was sent is a validation error, never a network
 * error": for every path, query and header parameter of every operation of every vendor, a value
 * the request cannot carry (a lone surrogate, which no URL encodes; CR/LF or a non-Latin-1
 * character in a header) is a RequestValidationError naming `<in>.<name>`, and a per-call header
 * option that cannot be sent is a ConfigError naming `headers.<name>`. Either way: 0 requests,
 * `maybeApplied` unset, `onRetry` never called, the value not quoted in the message.
 */
import { ConfigError, RequestValidationError, type VendorContractsError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerParameters, withParameter } from '../src/parameters.js';
import { createClient, VENDORS, vendorAnswers, vendorFacts, successStep } from '../src/vendors.js';

const SEED = 11_002;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'pre-user', password: 'pre-password', bearer: 'pre-bearer' };

/** A marker the message must not quote, with something unsendable spliced in. */
const withInsert = (inserts: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ unit: fc.constantFrom('q', 'x', '7', '-'), minLength: 6, maxLength: 10 }), inserts, fc.nat({ max: 10 })).map(([marker, bad, at]) => ({
    marker,
    value: `${marker.slice(0, at)}${bad}${marker.slice(at)}`,
  }));
const loneSurrogate = withInsert(fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83D'));
const notAHeaderValue = withInsert(fc.constantFrom('\r\n', '\n', '\r', '\0', 'x\r\nInjected: 1', '€', '\u{1F600}'));

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

function expectNotSent(error: unknown, marker: string, retries: number, before: number): void {
  const e = error as VendorContractsError;
  expect(e.maybeApplied).toBeUndefined();
  expect(e.message).not.toContain(marker);
  expect(retries).toBe(0);
  expect(rig.ledger.length - before).toBe(0);
}

const parameters = VENDORS.flatMap((vendor) => vendorFacts(vendor).operations.flatMap((op) => callerParameters(op).map((parameter) => ({ vendor, parameter }))));

describe('anything thrown while building the request is not sent', () => {
  it('the specs have parameters of every kind to attack', () => {
    expect(new Set(parameters.map((p) => p.parameter.in))).toEqual(new Set(['path', 'query', 'header']));
  });

  it.each(VENDORS)('%s: an unsendable path, query or header value → RequestValidationError naming it, 0 requests', async (vendor) => {
    const facts = vendorFacts(vendor);
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, (e) => successStep(facts, e)).handle;
    let retries = 0;
    const hooks = { onRetry: () => void retries++ };
    const clients = [true, false].map((validateRequests) => createClient(vendor, rig.url, CREDENTIALS, { validateRequests, hooks, rateLimit: false }));
    const own = parameters.filter((p) => p.vendor === vendor);
    for (const [i, { parameter }] of own.entries()) {
      const values = parameter.in === 'header' ? fc.oneof(loneSurrogate, notAHeaderValue) : loneSurrogate;
      await fc.assert(
        fc.asyncProperty(values, fc.constantFrom(0, 1), async ({ marker, value }, which) => {
          const before = rig.ledger.length;
          retries = 0;
          const error = await clients[which]!.call(parameter.operationId, withParameter(facts, parameter, value)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, `${parameter.operationId} ${parameter.in}.${parameter.name} = ${JSON.stringify(value)}`).toBeInstanceOf(RequestValidationError);
          expect((error as RequestValidationError).issues.map((x) => x.path)).toContain(`${parameter.in}.${parameter.name}`);
          expectNotSent(error, marker, retries, before);
        }),
        { seed: SEED + i, numRuns: 12 },
      );
    }
  });

  it.each(VENDORS)('%s: an unsendable per-call header option → ConfigError naming it, 0 requests, for every operation', async (vendor) => {
    const facts = vendorFacts(vendor);
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, (e) => successStep(facts, e)).handle;
    let retries = 0;
    const client = createClient(vendor, rig.url, CREDENTIALS, { hooks: { onRetry: () => void retries++ }, rateLimit: false });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...facts.operations.map((op) => op.operationId)), notAHeaderValue, async (operationId, { marker, value }) => {
        const before = rig.ledger.length;
        retries = 0;
        const error = await client.call(operationId, facts.validInput.get(operationId) ?? {}, { headers: { 'X-Trace': value } }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toContain('headers.X-Trace');
        expectNotSent(error, marker, retries, before);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it.each(VENDORS)('%s: an unsendable client header option → ConfigError naming it when the client is created', (vendor) => {
    fc.assert(
      fc.property(notAHeaderValue, ({ marker, value }) => {
        const create = () => createClient(vendor, rig.url, CREDENTIALS, { headers: { 'X-Tenant': value } });
        expect(create).toThrow(ConfigError);
        expect(create).toThrow(/headers\.X-Tenant/);
        expect(create).not.toThrow(marker);
      }),
      { seed: SEED, numRuns: 10 },
    );
  });
});
