/**
 * `verifyLive({ vendor, upstream })`: Prism in proxy mode (as `prism proxy` runs it, in a process
 * of its own started like the mock's) on the vendor's shipped spec, in front of a
 * real vendor environment, behind the same small front as the mock. Point your contract tests at
 * its `url`; every answer that breaks the spec becomes a finding of the drift report.
 */
import { writeFileSync } from 'node:fs';
import { loadContract, resolveVendorSpec } from './contract.js';
import { DriftRecorder, type DriftReport } from './drift.js';
import { startFront } from './front.js';
import { startPrism } from './prism.js';

export interface LiveOptions {
  vendor: string;
  /** The vendor environment to verify (`https://connectapi-uat.tmttech.co.uk`). */
  upstream: string;
  /** A spec file instead of the one the installed vendor package ships. @default the shipped `openapi.yaml` */
  spec?: string;
  /** Where to look for the vendor package. @default process.cwd() */
  cwd?: string;
  /** Write the drift report (JSON) here on `close()`. @default none */
  reportFile?: string;
  /** How long Prism may take to start. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
}

export interface LiveVerification {
  /** Send the requests here (`http://127.0.0.1:<port>`): they reach `upstream` through Prism. */
  url: string;
  /** The drift found so far. */
  drift(): DriftReport;
  /** Stops Prism (by pid) and the front; writes `reportFile` if set; resolves with the report. Idempotent. */
  close(): Promise<DriftReport>;
}

export async function verifyLive(options: LiveOptions): Promise<LiveVerification> {
  let upstream: URL;
  try {
    upstream = new URL(options.upstream);
  } catch {
    throw new Error(`verifyLive: upstream must be an absolute http(s) URL, got "${options.upstream}"`);
  }
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new Error(`verifyLive: upstream must be http(s), got ${upstream.protocol}`);
  const contract = loadContract(options.vendor, options.spec ?? resolveVendorSpec(options.vendor, options.cwd));
  const prism = await startPrism(contract.specFile, { mode: 'proxy', upstream: upstream.href.replace(/\/+$/, ''), startTimeoutMs: options.startTimeoutMs });
  const drift = new DriftRecorder(contract, options.upstream);
  const front = await startFront({ target: prism.baseUrl, observe: (x) => drift.record(x) }).catch(async (error: unknown) => {
    await prism.stop();
    throw error;
  });
  let closing: Promise<DriftReport> | undefined;
  return {
    url: front.url,
    drift: () => drift.report(),
    close() {
      closing ??= (async () => {
        await Promise.all([front.close(), prism.stop()]);
        const report = drift.report();
        if (options.reportFile) writeFileSync(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
        return report;
      })();
      return closing;
    },
  };
}
