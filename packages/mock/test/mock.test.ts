/**
 * startMock against the specs the built vendor packages ship (resolved as a consumer resolves
 * them), driven by the real vendor clients: scenarios by documented example, Prism's request
 * violations in the client's error, coverage of what was served, and every process stopped.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createAtttoolClient } from '@vendor-contracts/atttool';
import { examples as attExamples } from '@vendor-contracts/atttool/examples';
import { ApiError, VendorError } from '@vendor-contracts/runtime';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { requestExamples as telecomxRequests } from '@vendor-contracts/telecomx/examples';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { examples as tmtExamples, requestExamples as tmtRequests } from '@vendor-contracts/tmt-first/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageError, type Mock, resolveVendorSpec, scenario, startMock } from '../src/index.js';

const ATT_KEY = '0123456789abcdef0123456789abcdef';
let mock: Mock<'tmt-first' | 'atttool' | 'telecomx'>;

beforeAll(async () => {
  mock = await startMock({ vendors: ['tmt-first', 'atttool', 'telecomx'] });
}, 120_000);
afterAll(async () => {
  await mock?.close().catch(() => {});
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startMock', () => {
  it('serves the spec each installed vendor package ships, each vendor on its own 127.0.0.1 port', () => {
    const shipped = resolveVendorSpec('tmt-first');
    expect(shipped).toMatch(/packages\/tmt-first\/dist\/openapi\.yaml$/);
    const header = /@spec-sha256 ([0-9a-f]{64})/.exec(readFileSync(new URL('../../tmt-first/src/generated/operations.ts', import.meta.url), 'utf8'))?.[1];
    expect(createHash('sha256').update(readFileSync(shipped)).digest('hex')).toBe(header);

    const urls = Object.values(mock.urls);
    expect(Object.keys(mock.urls).sort()).toEqual(['atttool', 'telecomx', 'tmt-first']);
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set(urls).size).toBe(3);
    expect(mock.baseUrlFor('atttool')).toBe(mock.urls.atttool);
    expect(() => mock.baseUrlFor('nope' as never)).toThrow(/"nope" was not started; started: tmt-first, atttool, telecomx/);
    for (const pid of Object.values<number | undefined>(mock.pids)) expect(alive(pid!)).toBe(true);
  });

  it('fails before starting anything when a vendor package is not installed', async () => {
    await expect(startMock({ vendors: ['no-such-vendor'] })).rejects.toThrow(/cannot find @vendor-contracts\/no-such-vendor\/openapi\.yaml; install @vendor-contracts\/no-such-vendor/);
    await expect(startMock({ vendors: [] })).rejects.toThrow(/at least one vendor/);
  });

  it('answers each call with the documented example its scenario names, through the real clients', async () => {
    const tmt = createTmtFirstClient({ apiKey: 'k', baseUrl: mock.baseUrlFor('tmt-first') });
    const job = await tmt.getJob({ path: { connect_id: 12345 } }, scenario(tmtExamples, 'getJob', 200, 'quoteSent'));
    expect(job).toStrictEqual(tmtExamples.getJob[200].quoteSent);

    const rejected = await tmt
      .respondToQuote({ body: tmtRequests.respondToQuote[Object.keys(tmtRequests.respondToQuote)[0] as keyof typeof tmtRequests.respondToQuote] as never }, scenario(tmtExamples, 'respondToQuote', 404, 'quoteNotFound'))
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ApiError);
    expect(rejected).toMatchObject({ status: 404, body: tmtExamples.respondToQuote[404].quoteNotFound });

    const att = createAtttoolClient({ apiKey: ATT_KEY, baseUrl: mock.baseUrlFor('atttool') });
    const funds = await att.placeOrder({ body: { imeis: ['354865093010294'] } }, scenario(attExamples, 'placeOrder', 200, 'notEnoughFunds')).catch((e: unknown) => e);
    expect(funds).toBeInstanceOf(VendorError);
    expect((funds as VendorError).body).toStrictEqual(attExamples.placeOrder[200].notEnoughFunds);
  });

  it("shows Prism's violation, not the canned example text, when Prism rejects a request", async () => {
    const telecomx = createTelecomxClient({ token: 't', baseUrl: mock.baseUrlFor('telecomx'), validateRequests: false });
    // The documented request, with the first offer's `commitment` (months, an integer) as text.
    const body = structuredClone(telecomxRequests.updateInternetRequest.offers) as unknown as { offers: Array<Record<string, unknown>> };
    body.offers[0]!.commitment = 'twelve';
    const error = await telecomx.updateInternetRequest({ path: { requestId: '123457890123457890AAAA' }, body } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toMatch(/request rejected by the mock \(it breaks the spec\): body\.offers\.0\.commitment: .*commitment must be (integer|number)/);
    expect((error as ApiError).message).not.toMatch(/Invalid length/);
  });

  it('records what was served: operations, statuses and the documented examples, by name', () => {
    const report = mock.coverage();
    const tmt = report.vendors.find((v) => v.vendor === 'tmt-first')!;
    const item = (op: string, status: string, example?: string) =>
      tmt.operations.find((o) => o.operationId === op)!.items.find((i) => i.status === status && i.example === example)!;
    expect(item('getJob', '200', 'quoteSent').hits).toBeGreaterThanOrEqual(1);
    expect(item('respondToQuote', '404', 'quoteNotFound').hits).toBeGreaterThanOrEqual(1);
    expect(item('respondToQuote', '200', 'accepted').hits).toBe(0);
    expect(item('getQuotes', '200', 'quotes').hits).toBe(0);
    const att = report.vendors.find((v) => v.vendor === 'atttool')!;
    expect(att.operations.find((o) => o.operationId === 'placeOrder')!.items.find((i) => i.example === 'notEnoughFunds')!.hits).toBe(1);
    expect(report.total).toBe(report.vendors.reduce((n, v) => n + v.total, 0));
    // The three example answers above; the request Prism rejected exercised no documented answer.
    expect(report.covered).toBe(3);
    expect(report.vendors.find((v) => v.vendor === 'telecomx')!.covered).toBe(0);
    expect(report.vendors.find((v) => v.vendor === 'telecomx')!.operations[0]!.calls).toBe(1);
  });
});

describe('close', () => {
  it('stops every Prism by its pid, writes nothing unasked and applies the gate', async () => {
    const gated = await startMock({ vendors: ['tmt-first'], minCoverage: 50 });
    const pid = gated.pids['tmt-first']!;
    expect(alive(pid)).toBe(true);
    await expect(gated.close()).rejects.toBeInstanceOf(CoverageError);
    expect(alive(pid)).toBe(false);
    await expect(fetch(`${gated.urls['tmt-first']}/job/1`)).rejects.toThrow();
  }, 120_000);
});
