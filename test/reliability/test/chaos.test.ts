/**
 * R6 + R2: a seeded chaos run. 500 calls over every vendor's operations, at most 16 at a time,
 * against the fault rig, whose answer to each request is planned from the seed and the call's
 * correlation id (so the plan does not depend on timing): about 30 % of requests get a fault.
 * Then, joining the rig's ledger with the outcomes by correlation id:
 *   - every call settles, as a success or a typed error, with no unhandled rejection;
 *   - no non-idempotent request is applied twice (a retry only follows a 429, which the server
 *     rejected before doing anything);
 *   - every idempotent call whose plan has ≤ 2 faults before a good answer succeeds.
 * The seed is in every failure message; set CHAOS_SEED to replay another.
 */
import { VendorContractsError } from '@vendor-contracts/runtime';
import { CORRELATION_HEADER, type FaultServer, type LedgerEntry, startFaultServer, type Step, type TokenAuthority } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyClient, createClient, type Vendor, VENDORS, vendorAnswers, vendorFacts, successStep } from '../src/vendors.js';

const SEED = Number(process.env.CHAOS_SEED ?? 20_261_125);
const CALLS = Number(process.env.CHAOS_CALLS ?? 500);
const CONCURRENCY = 16;
const FAULT_P = 0.3;
const CREDENTIALS = { key: 'c0ffee00c0ffee00c0ffee00c0ffee00', username: 'chaos@example.test', password: 'chaos-password', bearer: 'chaos-bearer' };

/** Transient faults the rig can play; `applied` = the server did the work before failing. */
const FAULTS: Array<{ kind: string; step: Step; applied: boolean }> = [
  { kind: '500', step: { status: 500, body: {} }, applied: true },
  { kind: '502', step: { status: 502, body: {} }, applied: true },
  { kind: '503', step: { status: 503, body: {} }, applied: true },
  { kind: '504', step: { status: 504, body: {} }, applied: true },
  { kind: '408', step: { status: 408, body: {} }, applied: true },
  { kind: '429', step: { status: 429, body: {} }, applied: false },
  { kind: 'destroy-before-headers', step: { fault: 'destroy-before-headers' }, applied: true },
  { kind: 'destroy-mid-body', step: { fault: 'destroy-mid-body', body: { padding: 'x'.repeat(64) } }, applied: true },
  { kind: 'hang', step: { fault: 'hang' }, applied: true },
  { kind: 'stall-body', step: { fault: 'stall-body', body: { padding: 'x'.repeat(64) } }, applied: true },
];

interface PlannedCall {
  vendor: Vendor;
  operationId: string;
  /** Faults for the first attempts, in order; then a good answer (sometimes closing the keep-alive socket). */
  faults: number[];
  closeKeepAlive: boolean;
}

/** The whole run, from the seed: which operation each call makes and how its requests fail. */
function plan(seed: number): PlannedCall[] {
  const operations = VENDORS.flatMap((vendor) => {
    const facts = vendorFacts(vendor);
    // Totalmobile's own token operation is served by the rig's token authority, never faulted.
    return facts.operations
      .filter((op) => facts.validInput.has(op.operationId) && facts.successBody.has(op.operationId) && !op.path.endsWith('/token'))
      .map((op) => ({ vendor, operationId: op.operationId }));
  });
  // Each attempt faults with p = 0.3, independently: 0, 1, 2 or 3 leading faults.
  const leading = fc.integer({ min: 0, max: 999 }).map((n) => n / 1000);
  const call = fc.record({
    op: fc.constantFrom(...operations),
    rolls: fc.array(leading, { minLength: 3, maxLength: 3 }),
    kinds: fc.array(fc.nat({ max: FAULTS.length - 1 }), { minLength: 3, maxLength: 3 }),
    closeKeepAlive: fc.boolean(),
  });
  return fc.sample(call, { seed, numRuns: CALLS }).map(({ op, rolls, kinds, closeKeepAlive }) => {
    const n = rolls.findIndex((r) => r >= FAULT_P);
    const count = n === -1 ? 3 : n;
    return { ...op, faults: kinds.slice(0, count), closeKeepAlive };
  });
}

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

describe(`chaos run (R6, R2), seed ${SEED}`, () => {
  it(`${CALLS} calls, fault p = ${FAULT_P}, concurrency ≤ ${CONCURRENCY}: all settle typed, no duplicate applied, ≤ 2 faults heal`, async () => {
    const calls = plan(SEED);
    const cid = (i: number) => `chaos-${SEED}-${i}`;
    const byCid = new Map(calls.map((c, i) => [cid(i), c]));
    const seenPerCid = new Map<string, number>();
    const answers = new Map<LedgerEntry, { kind: string; applied: boolean }>();

    // The rig: planned faults by correlation id and attempt number, else the documented success.
    const handlers = new Map<Vendor, (entry: LedgerEntry) => Step>();
    let authority: TokenAuthority | undefined;
    for (const vendor of VENDORS) {
      const facts = vendorFacts(vendor);
      const answers_ = vendorAnswers(vendor, CREDENTIALS, Date.now, (entry) => {
        const id = entry.correlationId!;
        const call = byCid.get(id)!;
        const attempt = seenPerCid.get(id) ?? 0;
        seenPerCid.set(id, attempt + 1);
        const fault = call.faults[attempt] === undefined ? undefined : FAULTS[call.faults[attempt]!]!;
        answers.set(entry, fault ? { kind: fault.kind, applied: fault.applied } : { kind: 'ok', applied: true });
        if (fault) return fault.step;
        const ok = successStep(facts, entry);
        return call.closeKeepAlive && ok.fault === undefined ? { ...ok, fault: 'close-idle-keepalive' } : ok;
      });
      authority ??= answers_.authority;
      handlers.set(vendor, answers_.handle);
    }
    rig.fallback = (entry) => {
      const call = entry.correlationId ? byCid.get(entry.correlationId) : undefined;
      // Totalmobile's /token carries no correlation id: it is served (never faulted) by its authority.
      const vendor = call?.vendor ?? 'totalmobile';
      return handlers.get(vendor)!(entry);
    };

    // Attempts as the client made them (a keep-alive socket closed under a request fails it
    // before it reaches the rig, so the ledger alone undercounts).
    const attempts = new Map<string, number>();
    const countingFetch = (request: Request) => {
      const id = request.headers.get(CORRELATION_HEADER);
      if (id) attempts.set(id, (attempts.get(id) ?? 0) + 1);
      return globalThis.fetch(request);
    };
    let clock = 1_700_000_000_000;
    const clients = new Map<Vendor, AnyClient>(
      VENDORS.map((v) => [
        v,
        createClient(v, rig.url, CREDENTIALS, {
          timeout: 1_500, // real time: a hang or stalled body ends here
          deadline: 3_600_000, // on the injected clock, which backoff and rate-limit waits advance
          now: () => clock,
          monotonicNow: () => clock,
          sleep: async (ms) => void (clock += ms),
          fetch: countingFetch,
        }),
      ]),
    );

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const outcomes: Array<PromiseSettledResult<unknown>> = new Array(calls.length);
    try {
      // A pool of 16 workers, each taking the next call: bounded by the number of calls.
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const i = next++;
          const c = calls[i]!;
          const input = vendorFacts(c.vendor).validInput.get(c.operationId);
          outcomes[i] = await clients
            .get(c.vendor)!
            .call(c.operationId, input, { headers: { [CORRELATION_HEADER]: cid(i) } })
            .then(
              (value) => ({ status: 'fulfilled', value }) as const,
              (reason: unknown) => ({ status: 'rejected', reason }) as const,
            );
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await new Promise((r) => setImmediate(r)); // let any stray rejection surface
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }

    const why = (i: number, what: string) =>
      `seed ${SEED}, call ${i} (${calls[i]!.vendor}.${calls[i]!.operationId}, faults ${calls[i]!.faults.map((f) => FAULTS[f]!.kind).join(',') || 'none'}): ${what}`;
    expect(unhandled, `seed ${SEED}: unhandled rejections`).toEqual([]);
    expect(
      authority!.refused.map((r) => `${r.reason} ${r.entry.url}`),
      `seed ${SEED}: Totalmobile requests refused by the token authority`,
    ).toEqual([]);
    expect(outcomes.filter(Boolean)).toHaveLength(CALLS);

    const ledgerByCid = new Map<string, LedgerEntry[]>();
    for (const e of rig.ledger) if (e.correlationId) ledgerByCid.set(e.correlationId, [...(ledgerByCid.get(e.correlationId) ?? []), e]);

    let faultsInjected = 0;
    let healed = 0;
    for (const [i, outcome] of outcomes.entries()) {
      const c = calls[i]!;
      const definition = clients.get(c.vendor)!.definition.operations[c.operationId]!;
      const entries = ledgerByCid.get(cid(i)) ?? [];
      const served = entries.map((e) => answers.get(e)!);
      faultsInjected += served.filter((a) => a.kind !== 'ok').length;
      if (outcome.status === 'rejected') expect(outcome.reason, why(i, 'untyped error')).toBeInstanceOf(VendorContractsError);
      if (!definition.idempotent) {
        // Applied at most once: every request before the last was rejected unapplied (429).
        expect(served.filter((a) => a.applied).length, why(i, `applied ${served.length} times: ${served.map((a) => a.kind)}`)).toBeLessThanOrEqual(1);
      } else {
        // Idempotent: it gives up only after 3 failed attempts, so ≤ 2 transient faults always heal.
        const made = attempts.get(cid(i)) ?? 0;
        if (outcome.status === 'rejected') expect(made, why(i, `gave up after ${made} attempts: ${String(outcome.reason)}`)).toBe(3);
        if (c.faults.length <= 2 && made === entries.length) expect(outcome.status, why(i, 'failed with ≤ 2 faults')).toBe('fulfilled');
        if (c.faults.length === 3) expect(outcome.status, why(i, 'three faults, yet it succeeded')).toBe('rejected');
        if (c.faults.length > 0 && outcome.status === 'fulfilled') healed++;
      }
    }
    // The run really was chaotic: about 30 % of requests faulted, and some calls healed by retrying.
    expect(faultsInjected / rig.ledger.length, `seed ${SEED}`).toBeGreaterThan(0.15);
    expect(healed, `seed ${SEED}`).toBeGreaterThan(50);
  });
});
