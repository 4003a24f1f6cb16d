/**
 * `startMock({ vendors })`: every vendor's shipped spec served by ONE Prism process (Prism loads
 * once, so several vendors start in about the time of one), each vendor on its own free
 * 127.0.0.1 port behind a small front of its own in this process (coverage, Prism's request
 * violations surfaced).
 */
import { writeFileSync } from 'node:fs';
import { type Contract, loadContract, resolveVendorSpec } from './contract.js';
import { assertCoverage, combineCoverage, CoverageRecorder, type CoverageReport, formatCoverage } from './coverage.js';
import { type Front, startFront } from './front.js';
import { type PrismHost, startPrismHost } from './prism.js';
import { surfaceRequestViolations } from './violations.js';

export interface MockOptions<V extends string = string> {
  /** Vendor names (`tmt-first`, `atttool`, …): `@vendor-contracts/<vendor>` must be installed. */
  vendors: readonly V[];
  /** A spec file per vendor instead of the one its installed package ships. @default the shipped `openapi.yaml` */
  specs?: Partial<Record<V, string>>;
  /** Where to look for the vendor packages. @default process.cwd() */
  cwd?: string;
  /** Write the coverage report (JSON) here on `close()`; the table goes next to it as `<file>.txt`. @default none */
  coverageFile?: string;
  /** `close()` rejects with a CoverageError below this percentage (0–100). @default none */
  minCoverage?: number;
  /** How long Prism may take to serve every vendor. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
}

export interface Mock<V extends string = string> {
  /** Each vendor's base URL (`http://127.0.0.1:<port>`), by vendor name. */
  urls: Record<V, string>;
  /** The process id of the one Prism process serving every vendor (stopped by it on `close()`). */
  pid: number | undefined;
  /** Each vendor's Prism process id: the same {@link Mock.pid} for all, as one process serves them. */
  pids: Record<V, number | undefined>;
  /** The vendor's base URL; throws naming the started vendors for any other. */
  baseUrlFor(vendor: V): string;
  /** The coverage so far (every documented response of every started vendor). */
  coverage(): CoverageReport;
  /** Stops the Prism process (by its pid) and every front; writes the coverage report and applies `minCoverage` if set. Idempotent. */
  close(): Promise<CoverageReport>;
}

interface Running {
  vendor: string;
  front: Front;
  coverage: CoverageRecorder;
}

export async function startMock<const V extends string>(options: MockOptions<V>): Promise<Mock<V>> {
  const vendors = [...new Set(options.vendors)];
  if (vendors.length === 0) throw new Error('startMock: name at least one vendor, e.g. startMock({ vendors: ["tmt-first"] })');
  if (options.minCoverage !== undefined && !(options.minCoverage >= 0 && options.minCoverage <= 100)) {
    throw new RangeError(`startMock: minCoverage must be a percentage between 0 and 100, got ${options.minCoverage}`);
  }
  // Every spec is found and read before anything starts: a missing package fails fast, naming it.
  const contracts = vendors.map((vendor) => loadContract(vendor, options.specs?.[vendor] ?? resolveVendorSpec(vendor, options.cwd)));
  let prism: PrismHost;
  try {
    prism = await startPrismHost(
      contracts.map((c) => ({ name: c.vendor, spec: c.specFile })),
      { startTimeoutMs: options.startTimeoutMs },
    );
  } catch (error) {
    throw new Error(`startMock: could not start\n${(error as Error).message}`);
  }
  const started = await Promise.allSettled(contracts.map((contract) => startVendorFront(contract, prism.urls[contract.vendor]!)));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.flatMap((s, i) => (s.status === 'rejected' ? [`${vendors[i]}: ${(s.reason as Error).message}`] : []));
  const stopAll = () => Promise.all([prism.stop(), ...running.map((r) => r.front.close())]);
  if (failed.length) {
    await stopAll();
    throw new Error(`startMock: could not start\n${failed.join('\n')}`);
  }
  const urls = Object.fromEntries(running.map((r) => [r.vendor, r.front.url])) as Record<V, string>;
  const coverage = () => combineCoverage(running.map((r) => r.coverage.report()));
  let closing: Promise<CoverageReport> | undefined;
  const pids = Object.fromEntries(running.map((r) => [r.vendor, prism.pid])) as Record<V, number | undefined>;
  return {
    urls,
    pid: prism.pid,
    pids,
    baseUrlFor(vendor) {
      const url = urls[vendor];
      if (!url) throw new Error(`mock: "${vendor}" was not started; started: ${Object.keys(urls).join(', ')}`);
      return url;
    },
    coverage,
    close() {
      closing ??= (async () => {
        await stopAll();
        const report = coverage();
        if (options.coverageFile) {
          writeFileSync(options.coverageFile, `${JSON.stringify(report, null, 2)}\n`);
          writeFileSync(`${options.coverageFile}.txt`, formatCoverage(report));
        }
        if (options.minCoverage !== undefined) assertCoverage(report, options.minCoverage);
        return report;
      })();
      return closing;
    },
  };
}

async function startVendorFront(contract: Contract, prismUrl: string): Promise<Running> {
  const coverage = new CoverageRecorder(contract);
  const front = await startFront({
    target: prismUrl,
    rewrite: surfaceRequestViolations(contract),
    observe: (x) => coverage.record(x.method, x.pathname, x.status, parseJson(x.body)),
  });
  return { vendor: contract.vendor, front, coverage };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}
