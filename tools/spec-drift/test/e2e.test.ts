/**
 * Issue 17 §4, end to end: a fake TMT First on 127.0.0.1 drifts (adds an optional field, answers
 * an enum value the spec lacks, changes a field's type); the real generated client calls it with a
 * drift recorder writing NDJSON to a file; those events become an overlay; the overlay applied to
 * a copy of the spec regenerates (real codegen) types that have the new field, and spec-diff calls
 * the new field minor and the type change major. The overlay and changeset are kept as snapshots.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateVendor } from '@vendor-contracts/codegen';
import { createDriftRecorder } from '@vendor-contracts/runtime/drift';
import { driftFile } from '@vendor-contracts/runtime/drift/node';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readInput } from '../src/input.js';
import { propose } from '../src/propose.js';
import { review } from '../src/review.js';

const ROOT = join(import.meta.dirname, '../../..');
const SPEC_FILE = join(ROOT, 'specs/tmt-first/openapi.yaml');
const spec = parse(readFileSync(SPEC_FILE, 'utf8'));
const documented = spec.paths['/job/{connect_id}'].get.responses['200'].content['application/json'].examples.quoteSent.value as Record<string, unknown>;

/** What the drifting upstream answers, call after call. */
const DRIFTS: Array<Record<string, unknown>> = [
  { ...documented, warranty_months: 12 }, // a new optional field (accepted, reported)
  { ...documented, ra_flag: 2 }, // an enum value the spec does not list
  { ...documented, job_id: 'J-123456' }, // integer → string
];

let server: Server;
let url: string;
const scratch = mkdtempSync(join(tmpdir(), 'spec-drift-e2e-'));
beforeAll(async () => {
  let call = 0;
  server = createServer((request, response) => {
    const body = DRIFTS[call++ % DRIFTS.length];
    response.writeHead(request.url?.startsWith('/job/') ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** Type-checks `snippet` next to `types` (a generated types.ts); returns the diagnostics' text. */
function typeCheck(types: string, snippet: string): string[] {
  const dir = mkdtempSync(join(scratch, 'tc-'));
  writeFileSync(join(dir, 'types.ts'), types);
  writeFileSync(join(dir, 'snippet.ts'), snippet);
  const program = ts.createProgram([join(dir, 'snippet.ts')], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const SNIPPET = `import type { components } from './types.js';
type Device = components['schemas']['Device'];
declare const device: Device;
export const months: number | undefined = device.warranty_months;
export const id: string | number = device.job_id;
export const flag: 0 | 1 | 2 = device.ra_flag;
`;

describe('drift, end to end', () => {
  it('drifting upstream → events → overlay → regenerated types with the new field; minor for the field, major for the type', async () => {
    const eventsFile = join(scratch, 'events.ndjson');
    let t = Date.parse('2026-12-07T09:00:00.000Z');
    const drift = createDriftRecorder({ ndjson: driftFile(eventsFile), now: () => (t += 60_000) });
    const client = createTmtFirstClient({ apiKey: 'e2e-key-not-a-secret', baseUrl: url, retry: { maxRetries: 0 }, hooks: drift.hooks() });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++)
      outcomes.push(
        await client.getJob({ path: { connect_id: 12345 } }).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      );
    expect(outcomes).toEqual(['ok', 'ResponseContractError', 'ResponseContractError', 'ok', 'ResponseContractError', 'ResponseContractError']);
    await drift.flush();

    const input = readInput(readFileSync(eventsFile, 'utf8'));
    expect(input.skipped).toEqual([]);
    expect(input.observations.map((o) => [o.kind, o.pointer])).toEqual([
      ['unknown-field', '/warranty_months'],
      ['enum-value', '/ra_flag'],
      ['type-change', '/job_id'],
      ['unknown-field', '/warranty_months'],
      ['enum-value', '/ra_flag'],
      ['type-change', '/job_id'],
    ]);
    const proposal = propose(spec, 'tmt-first', input.observations);
    expect(proposal.unplaced).toEqual([]);
    const overlayText = stringify(proposal.overlay, { lineWidth: 0, aliasDuplicateObjects: false });
    await expect(overlayText).toMatchFileSnapshot('__snapshots__/e2e.overlay.yaml');

    const result = await review(proposal.overlay, { root: ROOT, vendor: 'tmt-first' });
    expect(result.unmatched).toEqual([]);
    expect(result.newFindings).toEqual([]);
    expect(result.codegen).toBe('ok');
    const getJob = result.changes.filter((c) => c.subject === 'getJob').map((c) => `${c.bump} ${c.message}`);
    expect(getJob).toContain('minor 200 response body: added field warranty_months');
    expect(getJob).toContain('minor 200 response body: field ra_flag: added enum value 2');
    expect(getJob.find((c) => c.includes('job_id: type'))).toMatch(/^major 200 response body: field job_id: type integer → /);
    expect(result.bump).toBe('major');
    await expect(result.changeset).toMatchFileSnapshot('__snapshots__/e2e.changeset.md');

    // Real codegen of the changed copy: the new field, the wider type and the new enum value are in the types.
    const copy = join(scratch, 'openapi.yaml');
    writeFileSync(copy, result.text);
    const files = await generateVendor({ vendor: 'tmt-first', specFile: copy, specPath: 'specs/tmt-first/openapi.yaml', outDir: join(scratch, 'generated') });
    expect(typeCheck(files.get('types.ts')!, SNIPPET)).toEqual([]);
    // The same snippet against the committed types fails: the test would notice a no-op overlay.
    const before = typeCheck(readFileSync(join(ROOT, 'packages/tmt-first/src/generated/types.ts'), 'utf8'), SNIPPET).join('\n');
    expect(before).toMatch(/warranty_months/);
    expect(before).toMatch(/Type 'string' is not assignable to type 'number'|not assignable to type 'string \| number'|Type '0 \| 1' is not assignable|string/);
  }, 120_000);
});
