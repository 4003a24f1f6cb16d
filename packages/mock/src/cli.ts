#!/usr/bin/env node
/**
 * `vendor-contracts-mock <vendor …> [--coverage-file f] [--min-coverage n] [-- command …]`
 * `vendor-contracts-mock verify <vendor> --upstream <url> [--report f] [-- command …]`
 *
 * Prints `<vendor>  <url>` per vendor and serves until Ctrl-C (SIGINT/SIGTERM), or, given a
 * command after `--`, runs it with each URL in `VENDOR_CONTRACTS_MOCK_<VENDOR>` (and, for verify,
 * `VENDOR_CONTRACTS_LIVE_<VENDOR>`) and stops when it ends. Then it prints the coverage table
 * (or the drift report) and exits non-zero when the command failed, the coverage is below
 * `--min-coverage`, or (verify) any drift was found.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CoverageError, formatCoverage } from './coverage.js';
import { startMock } from './start-mock.js';
import { verifyLive } from './verify-live.js';

const USAGE = `usage:
  vendor-contracts-mock <vendor …> [--coverage-file <file>] [--min-coverage <percent>] [-- <command …>]
  vendor-contracts-mock verify <vendor> --upstream <url> [--report <file>] [-- <command …>]
`;

function envName(prefix: string, vendor: string): string {
  return `${prefix}_${vendor.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
}

function runCommand(command: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
    child.once('error', (error) => {
      process.stderr.write(`vendor-contracts-mock: cannot run ${command[0]}: ${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const { values, positionals } = parseArgs({
    args: own,
    allowPositionals: true,
    options: {
      'coverage-file': { type: 'string' },
      'min-coverage': { type: 'string' },
      upstream: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }

  if (positionals[0] === 'verify') {
    const vendor = positionals[1];
    if (!vendor || positionals.length > 2 || !values.upstream) {
      process.stderr.write(`verify needs one vendor and --upstream <url>\n${USAGE}`);
      return 2;
    }
    const live = await verifyLive({ vendor, upstream: values.upstream, reportFile: values.report });
    process.stdout.write(`${vendor}  ${live.url}  (proxy to ${values.upstream})\n`);
    const code = command.length ? await runCommand(command, { [envName('VENDOR_CONTRACTS_LIVE', vendor)]: live.url }) : (await untilSignal(), 0);
    const report = await live.close();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return code || (report.findings.length ? 1 : 0);
  }

  const minCoverage = values['min-coverage'] === undefined ? undefined : Number(values['min-coverage'].replace(/%$/, ''));
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) {
    process.stderr.write(`--min-coverage must be a percentage between 0 and 100, got "${values['min-coverage']}"\n`);
    return 2;
  }
  const mock = await startMock({ vendors: positionals, coverageFile: values['coverage-file'], minCoverage });
  for (const [vendor, url] of Object.entries<string>(mock.urls)) process.stdout.write(`${vendor}  ${url}\n`);
  const code = command.length
    ? await runCommand(command, Object.fromEntries(Object.entries<string>(mock.urls).map(([v, url]) => [envName('VENDOR_CONTRACTS_MOCK', v), url])))
    : (await untilSignal(), 0);
  try {
    const report = await mock.close();
    process.stdout.write(formatCoverage(report));
    return code;
  } catch (error) {
    if (!(error instanceof CoverageError)) throw error;
    process.stdout.write(formatCoverage(error.report));
    process.stderr.write(`${error.message}\n`);
    return code || 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`vendor-contracts-mock: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
