/**
 * startMock against the specs the built vendor packages ship (resolved as a consumer resolves
 * them), driven by the real vendor clients: scenarios by documented example, Prism's request
 * violations in the client's error, coverage of what was served, every vendor served by one
 * Prism process, and that process stopped.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtttoolClient } from '@vendor-contracts/atttool';
import { examples as attExamples } from '@vendor-contracts/atttool/examples';
import { examples as infocareExamples } from '@vendor-contracts/infocare/examples';
import { ApiError, VendorError } from '@vendor-contracts/runtime';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { examples as telecomxExamples, requestExamples as telecomxRequests } from '@vendor-contracts/telecomx/examples';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { examples as tmtExamples, requestExamples as tmtRequests } from '@vendor-contracts/tmt-first/examples';
import { examples as totalmobileExamples } from '@vendor-contracts/totalmobile/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageError, type Mock, resolveVendorSpec, scenario, startMock } from '../src/index.js';

const ATT_KEY = '0123456789abcdef0123456789abcdef';
const VENDORS = ['tmt-first', 'atttool', 'telecomx', 'infocare', 'totalmobile'] as const;
let mock: Mock<(typeof VENDORS)[number]>;
const temp = mkdtempSync(join(tmpdir(), 'vc-mock-'));

beforeAll(async () => {
  mock = await startMock({ vendors: VENDORS });
}, 120_000);
afterAll(async () => {
  await mock?.close().catch(() => {});
  rmSync(temp, { recursive: true, force: true });
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
    expect(Object.keys(mock.urls).sort()).toEqual([...VENDORS].sort());
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set(urls).size).toBe(VENDORS.length);
    expect(mock.baseUrlFor('atttool')).toBe(mock.urls.atttool);
    expect(() => mock.baseUrlFor('nope' as never)).toThrow(/"nope" was not started; started: tmt-first, atttool, telecomx, infocare, totalmobile/);
    expect(alive(mock.pid!)).toBe(true);
  });

  it('fails before starting anything when a vendor package is not installed', async () => {
    await expect(startMock({ vendors: ['no-such-vendor'] })).rejects.toThrow(
      /cannot find @vendor-contracts\/no-such-vendor\/openapi\.yaml; install @vendor-contracts\/no-such-vendor/,
    );
    await expect(startMock({ vendors: [] })).rejects.toThrow(/at least one vendor/);
  });

  it('answers each call with the documented example its scenario names, through the real clients', async () => {
    const tmt = createTmtFirstClient({ apiKey: 'k', baseUrl: mock.baseUrlFor('tmt-first') });
    const job = await tmt.getJob({ path: { connect_id: 12345 } }, scenario(tmtExamples, 'getJob', 200, 'quoteSent'));
    expect(job).toStrictEqual(tmtExamples.getJob[200].quoteSent);

    const rejected = await tmt
      .respondToQuote(
        { body: tmtRequests.respondToQuote[Object.keys(tmtRequests.respondToQuote)[0] as keyof typeof tmtRequests.respondToQuote] as never },
        scenario(tmtExamples, 'respondToQuote', 404, 'quoteNotFound'),
      )
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

  it("serves all five vendors from one Prism process, each answering its own spec's example", async () => {
    // One process: every vendor's pid is the mock's pid, and it is a live process other than ours.
    expect(mock.pid).toBeTypeOf('number');
    expect(mock.pid).not.toBe(process.pid);
    expect(alive(mock.pid!)).toBe(true);
    expect(Object.keys(mock.pids).sort()).toEqual([...VENDORS].sort());
    expect(new Set(Object.values(mock.pids))).toEqual(new Set([mock.pid]));

    // Each vendor's URL answers a documented call of its own spec with the example it names (the
    // five example bodies differ, so a URL serving another vendor's spec could not pass).
    const calls = [
      { vendor: 'tmt-first', path: '/job/12345', headers: { Authorization: 'k' }, status: 200, example: 'quoteSent', expected: tmtExamples.getJob[200].quoteSent },
      {
        vendor: 'atttool',
        path: '/v1/get?api_key=6372a5bab4ae435a8baf33c0556771d9&order_id=17b8e0f2-3523-45e1-90d2-455e4b70ecf1',
        headers: {},
        status: 200,
        example: 'successful',
        expected: attExamples.getOrderStatusByQuery[200].successful,
      },
      {
        vendor: 'telecomx',
        path: '/internet/request/123457890123457890AAAA',
        method: 'POST',
        body: telecomxRequests.updateInternetRequest.offers,
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        status: 200,
        example: 'answeredFiberRequest',
        expected: telecomxExamples.updateInternetRequest[200].answeredFiberRequest,
      },
      { vendor: 'infocare', path: '/api/v3/routing', headers: { 'X-Hub-Api-Token': 't' }, status: 200, example: 'routed', expected: infocareExamples.getRouting[200].routed },
      {
        vendor: 'totalmobile',
        path: '/api/availability?PrimaryOrderNumber=PO1',
        headers: { Authorization: 'Bearer t' },
        status: 200,
        example: 'bookingScreenWeek',
        expected: totalmobileExamples.getAvailability[200].bookingScreenWeek,
      },
    ] as const;
    const before = mock.coverage();
    for (const call of calls) {
      const answer = await fetch(`${mock.baseUrlFor(call.vendor)}${call.path}`, {
        method: 'method' in call ? call.method : 'GET',
        headers: { ...call.headers, Prefer: `code=${call.status}, example=${call.example}` },
        ...('body' in call ? { body: JSON.stringify(call.body) } : {}),
      });
      expect({ vendor: call.vendor, status: answer.status, body: await answer.json() }).toStrictEqual({ vendor: call.vendor, status: call.status, body: call.expected });
    }
    // Each answer was counted for its own vendor, through its own front.
    const after = mock.coverage();
    for (const vendor of VENDORS) {
      expect(after.vendors.find((v) => v.vendor === vendor)!.covered - before.vendors.find((v) => v.vendor === vendor)!.covered).toBe(vendor === 'tmt-first' ? 0 : 1);
    }
  });
});

/** Processes whose command line contains `text` (`ps`, so not only our own children). */
function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-ww', '-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

describe('close', () => {
  it('stops the Prism process by its pid, writes nothing unasked and applies the gate', async () => {
    // A copy of the shipped spec, so the one process serving it can be told apart in `ps`.
    const spec = join(temp, 'tmt-first-copy.yaml');
    writeFileSync(spec, readFileSync(resolveVendorSpec('tmt-first')));
    const gated = await startMock({ vendors: ['tmt-first', 'atttool'], specs: { 'tmt-first': spec }, minCoverage: 50 });
    const pid = gated.pid!;
    expect(gated.pids).toStrictEqual({ 'tmt-first': pid, atttool: pid });
    expect(alive(pid)).toBe(true);
    expect(processesMentioning(spec).map((line) => Number.parseInt(line, 10))).toEqual([pid]);
    await expect(gated.close()).rejects.toBeInstanceOf(CoverageError);
    expect(alive(pid)).toBe(false);
    expect(processesMentioning(spec)).toEqual([]);
    await expect(fetch(`${gated.urls['tmt-first']}/job/1`)).rejects.toThrow();
    await expect(fetch(`${gated.urls.atttool}/v1/get`)).rejects.toThrow();
  }, 120_000);
});

describe('start-up errors', () => {
  it('names the vendor and the spec Prism could not serve, and leaves no process behind', async () => {
    // Valid YAML (so the mock reads it), but a $ref to a file that does not exist: Prism fails.
    const spec = join(temp, 'atttool-dangling-ref.yaml');
    writeFileSync(
      spec,
      "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '200': { $ref: './missing.yaml#/r' }\n",
    );
    const error = await startMock({ vendors: ['tmt-first', 'atttool'], specs: { atttool: spec } }).then(
      () => new Error('started'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^startMock: could not start\natttool: Prism could not serve .*atttool-dangling-ref\.yaml: Error opening file ".*missing\.yaml"/);
    expect(error.message).not.toMatch(/tmt-first/);
    // The host's command line names every spec it serves: none is left running.
    expect(processesMentioning(spec)).toEqual([]);
  }, 120_000);

  it('names the vendor whose spec is not YAML before starting anything', async () => {
    const spec = join(temp, 'broken.yaml');
    writeFileSync(spec, 'paths:\n  /ping: [\n');
    await expect(startMock({ vendors: ['tmt-first', 'atttool'], specs: { atttool: spec } })).rejects.toThrow(/atttool: cannot read the spec .*broken\.yaml: /);
  });
});
