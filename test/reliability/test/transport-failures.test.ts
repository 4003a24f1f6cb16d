/**
 * How failures below HTTP are reported, for every operation of every vendor:
 * - Issue 11 item 3, "deterministic response failures are not retried": an answer that cannot be
 *   read as HTTP (80 kB of headers, a malformed status line, header, length or chunk) will fail
 *   the same way every time: a ResponseFormatError (`reason: 'http'`), 1 request, no retry.
 * - Issue 11 item 15, "connection errors say where": a ConnectionError names the origin
 *   (scheme://host:port, never the base path or a query) and the underlying cause code.
 */
import { ConnectionError, ResponseFormatError } from '@vendor-contracts/runtime';
import { type FaultServer, refusedUrl, startFaultServer, type Step } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationRequests, tokenPaths } from '../src/parameters.js';
import { createClient, VENDORS, vendorAnswers, vendorFacts } from '../src/vendors.js';

const SEED = 11_003;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'tr-user', password: 'tr-password', bearer: 'tr-bearer' };

/** Answers no HTTP/1.1 parser accepts, the same on every attempt. */
const unreadable: fc.Arbitrary<{ kind: string; step: Step }> = fc.oneof(
  fc.integer({ min: 70_000, max: 120_000 }).map((n) => ({ kind: `${n} bytes of headers`, step: { status: 200, headers: { 'x-padding': 'a'.repeat(n) }, body: {} } })),
  fc
    .constantFrom(
      'HTTX/1.1 200 OK\r\n\r\n',
      'garbage\r\n\r\n',
      'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nBad Header\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    )
    .map((bytes) => ({ kind: JSON.stringify(bytes.slice(0, 30)), step: { fault: 'raw-response', bytes } as Step })),
);

function causeChain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && out.length < 8; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

describe('deterministic response failures are not retried', () => {
  it.each(VENDORS)('%s: an answer no HTTP parser reads → ResponseFormatError, 1 request, no retry, for every operation', async (vendor) => {
    const facts = vendorFacts(vendor);
    let retries = 0;
    const client = createClient(vendor, rig.url, CREDENTIALS, { rateLimit: false, sleep: async () => undefined, hooks: { onRetry: () => void retries++ } });
    // The token endpoint is answered by the rig's token authority, so it is not attacked here.
    const attacked = facts.operations.filter((op) => !tokenPaths(client.definition).has(op.path));
    // One token authority for the whole run, so the client's cached token stays valid.
    let step: Step = {};
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, () => step).handle;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...attacked.map((op) => op.operationId)), unreadable, async (operationId, { kind, step: unreadableStep }) => {
        step = unreadableStep;
        const before = rig.ledger.length;
        retries = 0;
        const error = await client.call(operationId, facts.validInput.get(operationId) ?? {}).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${operationId} answered with ${kind}`).toBeInstanceOf(ResponseFormatError);
        expect((error as ResponseFormatError).reason).toBe('http');
        expect(operationRequests(client.definition, rig.ledger.slice(before))).toHaveLength(1);
        expect(retries).toBe(0);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

describe('connection errors say where', () => {
  it.each(VENDORS)('%s: a refused connection names the origin and ECONNREFUSED, never the base path, for every operation', async (vendor) => {
    const facts = vendorFacts(vendor);
    const origin = await refusedUrl();
    const client = createClient(vendor, `${origin}/base-path-secret`, CREDENTIALS, { rateLimit: false, sleep: async () => undefined, retry: { maxRetries: 0 } });
    for (const op of facts.operations) {
      const error = await client.call(op.operationId, facts.validInput.get(op.operationId) ?? {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      const connection = causeChain(error).find((e) => e instanceof ConnectionError) as ConnectionError | undefined;
      expect(connection, `${op.operationId}: ${String(error)}`).toBeDefined();
      expect(connection!.message).toContain(origin);
      expect(connection!.message).toContain('ECONNREFUSED');
      expect(connection!.message).not.toContain('base-path-secret');
    }
  });

  it.each(VENDORS)('%s: a port fetch refuses to use names the origin and the cause ("bad port")', async (vendor) => {
    const client = createClient(vendor, 'http://127.0.0.1:6000', CREDENTIALS, { retry: { maxRetries: 0 } });
    const facts = vendorFacts(vendor);
    const op = facts.operations.find((o) => !client.definition.operations[o.operationId]?.security.every((r) => Object.keys(r).length > 0)) ?? facts.operations[0]!;
    const error = await client.call(op.operationId, facts.validInput.get(op.operationId) ?? {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    const connection = causeChain(error).find((e) => e instanceof ConnectionError) as ConnectionError | undefined;
    expect(connection, String(error)).toBeDefined();
    expect(connection!.message).toContain('http://127.0.0.1:6000');
    expect(connection!.message).toContain('bad port');
  });
});
