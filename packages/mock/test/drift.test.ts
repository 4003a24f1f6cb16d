/**
 * Live verification through `prism proxy` (the real Prism) against a local fake vendor on
 * 127.0.0.1 that drifts: the report names each field that was added, dropped or changed type.
 * And the undocumented-field check over every documented example of every vendor.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { examples as tmtExamples } from '@vendor-contracts/tmt-first/examples';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../src/contract.js';
import { undocumentedFields } from '../src/drift.js';
import { type LiveVerification, verifyLive } from '../src/index.js';

const specsDir = new URL('../../../specs/', import.meta.url).pathname;

/** The vendor as it drifted: getJob answers the documented example with one field added, one required dropped, one retyped. */
function driftedJob(): Record<string, unknown> {
  const { customer_reference: _dropped, ...job } = structuredClone(tmtExamples.getJob[200].quoteSent) as Record<string, unknown>;
  return { ...job, connect_id: String(job.connect_id), loyalty_tier: 'gold', quote: { ...(job.quote as object), surcharge: 5 } };
}

let upstream: Server;
let upstreamUrl: string;
let live: LiveVerification;
const seen: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/job/')) res.end(JSON.stringify(driftedJob()));
    else if (req.url?.startsWith('/get-quotes')) res.end(JSON.stringify(tmtExamples.getQuotes[200].quotes));
    else res.writeHead(404).end(JSON.stringify({ error: 'Not found' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const address = upstream.address();
  upstreamUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  live = await verifyLive({ vendor: 'tmt-first', upstream: upstreamUrl });
}, 120_000);

afterAll(async () => {
  await live?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('verifyLive', () => {
  it('passes the real answers through and reports each drift by operation, status and JSON pointer', async () => {
    const client = createTmtFirstClient({ apiKey: 'live-key', baseUrl: live.url, validateResponses: false } as never);
    await client.getJob({ path: { connect_id: 12345 } }).catch(() => undefined);
    await client.getJob({ path: { connect_id: 12346 } }).catch(() => undefined);
    await client.getQuotes().catch(() => undefined);
    expect(seen).toEqual(['GET /job/12345', 'GET /job/12346', 'GET /get-quotes']);

    const report = live.drift();
    expect(report).toMatchObject({ vendor: 'tmt-first', upstream: upstreamUrl, exchanges: 3 });
    const brief = report.findings.map((f) => [f.operationId, f.method, f.path, f.status, f.pointer, f.rule, f.count]);
    // Exactly the three drifts (twice each, deduplicated), sorted; the documented quotes answer produced nothing.
    expect(brief).toEqual([
      ['getJob', 'GET', '/job/{connect_id}', 200, '/connect_id', 'type', 2],
      ['getJob', 'GET', '/job/{connect_id}', 200, '/customer_reference', 'required', 2],
      ['getJob', 'GET', '/job/{connect_id}', 200, '/loyalty_tier', 'undocumented-field', 2],
      ['getJob', 'GET', '/job/{connect_id}', 200, '/quote/surcharge', 'undocumented-field', 2],
    ]);
    expect(report.findings.find((f) => f.rule === 'required')!.message).toMatch(/customer_reference/);
  });

  it('close() stops the proxy and writes the same report as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-drift-'));
    try {
      const file = join(dir, 'drift.json');
      const own = await verifyLive({ vendor: 'tmt-first', upstream: upstreamUrl, reportFile: file });
      await fetch(`${own.url}/job/1`, { headers: { Authorization: 'k' } });
      const report = await own.close();
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
      expect(report.findings.map((f) => f.pointer)).toEqual(['/connect_id', '/customer_reference', '/loyalty_tier', '/quote/surcharge']);
      await expect(fetch(`${own.url}/job/1`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an upstream that is not an http(s) URL', async () => {
    await expect(verifyLive({ vendor: 'tmt-first', upstream: 'connectapi.tmttech.co.uk' })).rejects.toThrow(/absolute http\(s\) URL/);
    await expect(verifyLive({ vendor: 'tmt-first', upstream: 'file:///etc/passwd' })).rejects.toThrow(/must be http\(s\)/);
  });
});

describe('undocumented fields', () => {
  const vendors = readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const cases = vendors.flatMap((vendor) => {
    const contract = loadContract(vendor, join(specsDir, vendor, 'openapi.yaml'));
    return contract.operations.flatMap((op) =>
      Object.entries(op.responses).flatMap(([status, named]) => {
        const response = contract.document.paths[op.path][op.method.toLowerCase()].responses[status];
        const resolved = response.$ref ? contract.document.components.responses[response.$ref.split('/').pop()] : response;
        const schema = resolved?.content?.['application/json']?.schema;
        return schema ? Object.entries(named).map(([name, value]) => ({ label: `${vendor} ${op.operationId} ${status} ${name}`, doc: contract.document, schema, value })) : [];
      }),
    );
  });

  /** Pointers of every object inside a value. */
  const objectsIn = (value: unknown, pointer = ''): string[] =>
    value && typeof value === 'object'
      ? [...(Array.isArray(value) ? [] : [pointer]), ...Object.entries(value).flatMap(([k, v]) => objectsIn(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))]
      : [];

  it('finds none in any documented example of any vendor', () => {
    expect(cases.length).toBeGreaterThan(40);
    for (const c of cases) expect(undocumentedFields(c.doc, c.schema, c.value, ''), c.label).toEqual([]);
  });

  it('names exactly the field added anywhere in any example (unless that object is documented as open)', () => {
    const withObjects = cases.filter((c) => objectsIn(c.value).length > 0);
    let named = 0;
    fc.assert(
      fc.property(fc.constantFrom(...withObjects), fc.nat(), fc.string({ minLength: 1, maxLength: 8 }), (c, pick, suffix) => {
        const value = structuredClone(c.value);
        const targets = objectsIn(value);
        const target = targets[pick % targets.length]!;
        const node = target
          .split('/')
          .slice(1)
          .reduce((n: any, k) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], value);
        const key = `zz-undocumented/${suffix}`;
        node[key] = 1;
        const found = undocumentedFields(c.doc, c.schema, value, '');
        const pointer = `${target}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        expect(found.length === 0 || (found.length === 1 && found[0] === pointer), `${c.label}: ${JSON.stringify(found)}`).toBe(true);
        if (found.length) named++;
      }),
      { seed: 5, numRuns: 300 },
    );
    expect(named).toBeGreaterThan(150); // most objects in the specs are closed: the check is not vacuous
  });
});
