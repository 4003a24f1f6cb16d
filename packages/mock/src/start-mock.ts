/**
 * `startMock({ vendors })`: each vendor's shipped spec served by its own Prism behind a small
 * front (coverage, Prism's request violations surfaced), each on its own free 127.0.0.1 port.
 * The vendors start in parallel, so several take about as long as one.
 */
import { writeFileSync } from 'node:fs';
import { type Contract, loadContract, resolveVendorSpec } from './contract.js';
import { assertCoverage, combineCoverage, CoverageRecorder, type CoverageReport, formatCoverage } from './coverage.js';
import { type Front, startFront } from './front.js';
import { type PrismServer, startPrism } from './prism.js';
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
  /** How long each Prism may take to start. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
}

export interface Mock<V extends string = string> {
  /** Each vendor's base URL (`http://127.0.0.1:<port>`), by vendor name. */
  urls: Record<V, string>;
  /** Each vendor's Prism process id (each is stopped by its own pid). */
  pids: Record<V, number | undefined>;
  /** The vendor's base URL; throws naming the started vendors for any other. */
  baseUrlFor(vendor: V): string;
  /** The coverage so far (every documented response of every started vendor). */
  coverage(): CoverageReport;
  /** Stops every Prism (by pid) and front; writes the coverage report and applies `minCoverage` if set. Idempotent. */
  close(): Promise<CoverageReport>;
}

interface Running {
  vendor: string;
  contract: Contract;
  prism: PrismServer;
  front: Front;
  coverage: CoverageRecorder;
}

export async function startMock<const V extends string>(options: MockOptions<V>): Promise<Mock<V>> {
  const vendors = [...new Set(options.vendors)];
  if (vendors.length === 0) throw new Error('startMock: name at least one vendor, e.g. startMock({ vendors: ["tmt-first"] })');
  if (options.minCoverage !== undefined && !(options.minCoverage >= 0 && options.minCoverage <= 100)) {
    throw new RangeError(`startMock: minCoverage must be a percentage between 0 and 100, got ${options.minCoverage}`);
  }
  // Every spec is found before anything starts: a missing package fails fast, naming it.
  const contracts = vendors.map((vendor) => loadContract(vendor, options.specs?.[vendor] ?? resolveVendorSpec(vendor, options.cwd)));
  const settled = await Promise.allSettled(contracts.map((contract) => startVendor(contract, options)));
  const running = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${vendors[i]}: ${(s.reason as Error).message}`] : []));
  if (failed.length) {
    await Promise.all(running.map(stopVendor));
    throw new Error(`startMock: could not start\n${failed.join('\n')}`);
  }
  const urls = Object.fromEntries(running.map((r) => [r.vendor, r.front.url])) as Record<V, string>;
  const coverage = () => combineCoverage(running.map((r) => r.coverage.report()));
  let closing: Promise<CoverageReport> | undefined;
  const pids = Object.fromEntries(running.map((r) => [r.vendor, r.prism.pid])) as Record<V, number | undefined>;
  return {
    urls,
    pids,
    baseUrlFor(vendor) {
      const url = urls[vendor];
      if (!url) throw new Error(`mock: "${vendor}" was not started; started: ${Object.keys(urls).join(', ')}`);
      return url;
    },
    coverage,
    close() {
      closing ??= (async () => {
        await Promise.all(running.map(stopVendor));
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

async function startVendor(contract: Contract, options: MockOptions): Promise<Running> {
  const prism = await startPrism(contract.specFile, { mode: 'mock', startTimeoutMs: options.startTimeoutMs });
  const coverage = new CoverageRecorder(contract);
  try {
    const front = await startFront({
      target: prism.baseUrl,
      rewrite: surfaceRequestViolations(contract),
      observe: (x) => coverage.record(x.method, x.pathname, x.status, parseJson(x.body)),
    });
    return { vendor: contract.vendor, contract, prism, front, coverage };
  } catch (error) {
    await prism.stop();
    throw error;
  }
}

async function stopVendor(r: Running): Promise<void> {
  await Promise.all([r.front.close(), r.prism.stop()]);
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}
