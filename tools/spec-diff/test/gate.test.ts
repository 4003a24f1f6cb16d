/**
 * The changeset gate end to end in a throwaway git repository: main holds the real TMT First spec,
 * a branch edits it, and the CLI (the same `main` that `npm run spec:check-changesets` runs)
 * compares against the merge-base with main.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const workspace = fileURLToPath(new URL('../../../', import.meta.url));
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
async function run(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await main(argv, (l) => lines.push(l), repo);
  return { code, output: lines.join('\n') };
}
function writePackage(dir: string, name: string): void {
  mkdirSync(join(repo, 'packages', dir), { recursive: true });
  writeFileSync(join(repo, 'packages', dir, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
}
function changeset(file: string, releases: Record<string, string>): void {
  const front = Object.entries(releases)
    .map(([n, t]) => `'${n}': ${t}`)
    .join('\n');
  writeFileSync(join(repo, '.changeset', file), `---\n${front}\n---\n\nWhat changed.\n`);
}
/** The edit under test: TMT stops sending a device's `status`. */
function removeDeviceStatus(): void {
  const file = join(repo, 'specs/tmt-first/openapi.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text
    .replace('        - status\n        - tracking_number\n', '        - tracking_number\n')
    .replace(/        status:\n          type: string\n          description: The current status, in upper case[^\n]*\n/, '');
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'spec-diff-gate-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'test');
  mkdirSync(join(repo, 'specs/tmt-first'), { recursive: true });
  cpSync(join(workspace, 'specs/tmt-first/openapi.yaml'), join(repo, 'specs/tmt-first/openapi.yaml'));
  mkdirSync(join(repo, '.changeset'));
  cpSync(join(workspace, '.changeset/config.json'), join(repo, '.changeset/config.json'));
  writePackage('tmt-first', '@vendor-contracts/tmt-first');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('spec:check-changesets', () => {
  it('classifies a removed response field as major and fails without a major changeset', async () => {
    removeDeviceStatus();
    const { code, output } = await run('check');
    expect(code).toBe(1);
    expect(output).toContain('@vendor-contracts/tmt-first: major');
    expect(output).toContain('getJob 200 response body: removed field status');
    expect(output).toContain('@vendor-contracts/tmt-first needs a major changeset (the spec changes demand major; the changesets in .changeset/ give none)');
  });

  it('fails with a changeset that bumps too little, naming required and found', async () => {
    removeDeviceStatus();
    changeset('too-small.md', { '@vendor-contracts/tmt-first': 'minor' });
    const { code, output } = await run('check');
    expect(code).toBe(1);
    expect(output).toContain('@vendor-contracts/tmt-first needs a major changeset (the spec changes demand major; the changesets in .changeset/ give minor)');
  });

  it('passes with a major changeset, and the changelog names the field', async () => {
    removeDeviceStatus();
    changeset('drop-status.md', { '@vendor-contracts/tmt-first': 'major' });
    git('add', '-A');
    git('commit', '-qm', 'drop status');
    const { code, output } = await run('check');
    expect(output).toContain('getJob 200 response body: removed field status');
    expect(output).toContain('listDevices 200 response body: removed field status of each item');
    expect(output).toContain('\n  getJob (GET /job/{connect_id})\n');
    expect(output).toContain('changesets: OK');
    expect(code).toBe(0);
  });

  it('also demands the facade @vendor-contracts/sdk once it exists', async () => {
    writePackage('sdk', '@vendor-contracts/sdk');
    removeDeviceStatus();
    changeset('drop-status.md', { '@vendor-contracts/tmt-first': 'major', '@vendor-contracts/sdk': 'patch' });
    const { code, output } = await run('check');
    expect(code).toBe(1);
    expect(output).toContain('@vendor-contracts/sdk needs a major changeset (the spec changes demand major; the changesets in .changeset/ give patch)');
    expect(output).not.toContain('@vendor-contracts/tmt-first needs');
  });

  it('compares with the merge-base, so changes that landed on main later are not ours', async () => {
    git('checkout', '-q', 'main');
    removeDeviceStatus();
    git('commit', '-qam', 'main moves on');
    git('checkout', '-q', 'feature');
    const { code, output } = await run('check');
    expect(output).toContain('no spec changes');
    expect(code).toBe(0);
  });

  it('--write creates the changeset with the changelog as its body, which then passes', async () => {
    writePackage('sdk', '@vendor-contracts/sdk');
    removeDeviceStatus();
    const written = await run('check', '--write');
    expect(written.code).toBe(0);
    const files = readdirSync(join(repo, '.changeset')).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(1);
    const body = readFileSync(join(repo, '.changeset', files[0]!), 'utf8');
    expect(body).toMatch(/"@vendor-contracts\/tmt-first": major/);
    expect(body).toMatch(/"@vendor-contracts\/sdk": major/);
    // Each release-notes line stands alone: bump, method name, HTTP route, where, field.
    expect(body).toContain('- major: getJob (GET /job/{connect_id}) 200 response body: removed field status');
    expect((await run('check')).code).toBe(0);
  });

  it('passes a description-only edit with a patch changeset, and fails it with none', async () => {
    const file = join(repo, 'specs/tmt-first/openapi.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("description: Engineer's notes.", "description: The engineer's notes."));
    const without = await run('check');
    expect(without.output).toContain('getJob 200 response body: field notes: description changed');
    expect(without.code).toBe(1);
    changeset('wording.md', { '@vendor-contracts/tmt-first': 'patch' });
    expect((await run('check')).code).toBe(0);
  });

  it('passes cleanly with no base branch to compare with', async () => {
    git('branch', '-m', 'main', 'trunk');
    removeDeviceStatus();
    const { code, output } = await run('check');
    expect(output).toContain('no base branch');
    expect(code).toBe(0);
  });

  it('rejects a --base that does not exist', async () => {
    const { code, output } = await run('diff', '--base', 'no-such-branch');
    expect(output).toContain('base ref "no-such-branch" not found');
    expect(code).toBe(2);
  });
});
