/**
 * The CLI as a consumer's CI runs it (`vendor-contracts-mock …`, here from source with tsx): it
 * prints each vendor's URL, stays up until Ctrl-C, or runs a command with the URLs in the
 * environment and gates on the coverage it reached.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'vc-mock-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Run {
  pid: number;
  code: Promise<number | null>;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  interrupt: () => void;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return {
    pid: child.pid!,
    code,
    output: () => out,
    async waitFor(pattern) {
      const deadline = Date.now() + 90_000;
      for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
        const m = pattern.exec(out);
        if (m) return m;
        await Promise.race([new Promise<void>((r) => waiters.push(r)), code, new Promise((r) => setTimeout(r, 1000))]);
        if (child.exitCode !== null && !pattern.test(out)) throw new Error(`CLI exited ${child.exitCode}:\n${out}`);
      }
      throw new Error(`no ${pattern} within 90 s:\n${out}`);
    },
    interrupt: () => child.kill('SIGINT'),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The direct children of `pid` (pgrep -P; exit code 1 means none). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('vendor-contracts-mock', () => {
  it('prints the URL, serves until Ctrl-C, then writes the coverage report and table', async () => {
    const file = join(temp, 'coverage.json');
    const run = start(['tmt-first', '--coverage-file', file]);
    const [, url] = await run.waitFor(/^tmt-first {2}(http:\/\/127\.0\.0\.1:\d+)$/m);
    const answer = await fetch(`${url}/job/1`, { headers: { Authorization: 'k', Prefer: 'code=404, example=notFound' } });
    expect(answer.status).toBe(404);
    run.interrupt();
    expect(await run.code).toBe(0);
    expect(run.output()).toMatch(/✓ +getJob +404 +notFound +1/);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.covered).toBe(1);
    expect(readFileSync(`${file}.txt`, 'utf8')).toMatch(/contract coverage: 1\//);
    await expect(fetch(`${url}/job/1`)).rejects.toThrow();
  }, 120_000);

  it('serves several vendors from one Prism process, which does not outlive a CLI killed with SIGKILL', async () => {
    const run = start(['tmt-first', 'atttool']);
    const [, tmtUrl] = await run.waitFor(/^tmt-first {2}(http:\/\/127\.0\.0\.1:\d+)$/m);
    const [, attUrl] = await run.waitFor(/^atttool {2}(http:\/\/127\.0\.0\.1:\d+)$/m);
    expect((await fetch(`${tmtUrl}/job/1`, { headers: { Authorization: 'k', Prefer: 'code=404, example=notFound' } })).status).toBe(404);
    expect((await fetch(`${attUrl}/v1/get?api_key=6372a5bab4ae435a8baf33c0556771d9&order_id=17b8e0f2-3523-45e1-90d2-455e4b70ecf1`)).status).toBe(200);
    // The CLI's one child is Prism, serving both vendors.
    const [prism, ...others] = childrenOf(run.pid);
    expect(others).toEqual([]);
    expect(alive(prism!)).toBe(true);

    // No signal handler, no exit hook runs: Prism must notice on its own that its parent is gone.
    process.kill(run.pid, 'SIGKILL');
    expect(await run.code).toBe(null);
    for (let i = 0; i < 100 && alive(prism!); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(prism!)).toBe(false);
    await expect(fetch(`${tmtUrl}/job/1`)).rejects.toThrow();
  }, 120_000);

  it('runs a command with the URLs in the environment and fails it below --min-coverage', async () => {
    const script = "const r = await fetch(process.env.VENDOR_CONTRACTS_MOCK_TMT_FIRST + '/job/1', { headers: { Authorization: 'k' } }); console.log('status', r.status);";
    const run = start(['tmt-first', '--min-coverage', '50', '--', process.execPath, '--input-type=module', '-e', script]);
    expect(await run.code).toBe(1);
    expect(run.output()).toMatch(/status 200/);
    expect(run.output()).toMatch(/contract coverage [\d.]+% is below the minimum 50%/);
    expect(run.output()).toMatch(/tmt-first getJob 404 notFound/);
  }, 120_000);

  it('refuses a bad threshold and an unknown vendor before starting Prism', async () => {
    const bad = start(['tmt-first', '--min-coverage', 'lots']);
    expect(await bad.code).toBe(2);
    expect(bad.output()).toMatch(/--min-coverage must be a percentage between 0 and 100, got "lots"/);
    const unknown = start(['no-such-vendor']);
    expect(await unknown.code).toBe(1);
    expect(unknown.output()).toMatch(/cannot find @vendor-contracts\/no-such-vendor\/openapi\.yaml/);
  }, 60_000);
});
