/**
 * The CLI on a throwaway copy of the workspace: a drift report in, the overlay beside it, the review
 * printed; `--apply` writes the spec and a changeset, and refuses when the review fails.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli.js';

const ROOT = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'spec-drift-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function workspace(): string {
  const root = mkdtempSync(join(scratch, 'ws-'));
  cpSync(join(ROOT, 'specs/tmt-first'), join(root, 'specs/tmt-first'), { recursive: true });
  cpSync(join(ROOT, 'specs/operations.yaml'), join(root, 'specs/operations.yaml'));
  mkdirSync(join(root, 'packages/tmt-first'), { recursive: true });
  cpSync(join(ROOT, 'packages/tmt-first/package.json'), join(root, 'packages/tmt-first/package.json'));
  mkdirSync(join(root, '.changeset'));
  return root;
}

const report = (findings: unknown[]) => JSON.stringify({ vendor: 'tmt-first', upstream: 'https://connectapi-uat.tmttech.co.uk', exchanges: 4, findings });

describe('npm run spec:drift', () => {
  it('proposes from a drift report, and --apply writes the spec and the changeset', async () => {
    const root = workspace();
    const input = join(root, 'drift-report.json');
    writeFileSync(
      input,
      report([{ operationId: 'getJob', method: 'GET', path: '/job/{connect_id}', status: 200, pointer: '/warranty_months', rule: 'undocumented-field', message: 'x', count: 4 }]),
    );
    const out: string[] = [];
    expect(await main([input, '--apply'], (l) => out.push(l), root)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^tmt-first: 1 overlay action\(s\)/);
    expect(text).toMatch(/tmt-first: minor change/);
    expect(text).toMatch(/codegen on the changed copy: ok/);
    const overlay = parse(readFileSync(join(root, 'tmt-first.overlay.yaml'), 'utf8'));
    expect(overlay.actions[0]['x-drift-evidence'][0]).toMatchObject({ kind: 'unknown-field', count: 4, source: 'drift report of https://connectapi-uat.tmttech.co.uk' });
    const spec = parse(readFileSync(join(root, 'specs/tmt-first/openapi.yaml'), 'utf8'));
    // A report does not record types: the field is added as a question, with no type.
    expect(Object.keys(spec.components.schemas.Device.properties.warranty_months)).toEqual(['x-assumption']);
    const changesets = readdirSync(join(root, '.changeset'));
    expect(changesets).toHaveLength(1);
    expect(readFileSync(join(root, '.changeset', changesets[0]!), 'utf8')).toMatch(/"@vendor-contracts\/tmt-first": minor[\s\S]*added field warranty_months/);
  }, 120_000);

  it('applies a type change the examples still validate against, and exits 1 for a vendor with no spec', async () => {
    const root = workspace();
    const before = readFileSync(join(root, 'specs/tmt-first/openapi.yaml'), 'utf8');
    const input = join(root, 'events.ndjson');
    const event = {
      v: 1,
      vendor: 'tmt-first',
      operationId: 'getJob',
      method: 'GET',
      path: '/job/{connect_id}',
      status: 200,
      pointer: '/quote/quote_price',
      kind: 'type-change',
      rule: 'type: string',
      shape: { type: 'boolean' },
      count: 1,
      firstSeen: 'a',
      lastSeen: 'b',
    };
    writeFileSync(input, `${JSON.stringify(event)}\n`);
    const out: string[] = [];
    const code = await main([input, '--apply', '--out', join(root, 'proposals')], (l) => out.push(l), root);
    // quote_price: string with a pattern; only boolean was seen and the examples show strings → string | boolean, pattern dropped.
    expect(out.join('\n')).toMatch(/quote\.quote_price: type string → string \| boolean/);
    expect(code).toBe(0);
    expect(readFileSync(join(root, 'specs/tmt-first/openapi.yaml'), 'utf8')).not.toBe(before);

    const missing = workspace();
    const bad = join(missing, 'events.ndjson');
    writeFileSync(bad, `${JSON.stringify({ ...event, vendor: 'no-such-vendor' })}\n`);
    const lines: string[] = [];
    expect(await main([bad, '--apply'], (l) => lines.push(l), missing)).toBe(1);
    expect(lines).toContain('no-such-vendor: no spec at specs/no-such-vendor/openapi.yaml; its drift is left out');
  }, 120_000);

  it('prints its usage for a wrong call', async () => {
    const out: string[] = [];
    expect(await main(['--bogus'], (l) => out.push(l), ROOT)).toBe(2);
    expect(out[0]).toMatch(/^usage: npm run spec:drift --/);
  });
});
