/**
 * Prism for the monorepo's own tests: `@vendor-contracts/mock`'s Prism runner (the one copy of
 * it) serving `specs/<vendor>/openapi.yaml` from the workspace, with Prism run from the root so
 * errors name `specs/<vendor>/openapi.yaml` as in the docs. See packages/mock/src/prism.ts for
 * how Prism is configured (as `prism mock --errors`: static examples, violations as errors).
 *
 * TEST_API_BASE_URL_<VENDOR> (e.g. TEST_API_BASE_URL_TMT_FIRST) or TEST_API_BASE_URL, when set, is
 * used instead of starting Prism (e.g. a Prism already running from `npm run mock`); `stop()` then
 * does nothing. The tests rely on Prism's behaviour (Prefer, security, request validation), so the
 * URL must be a Prism serving the same spec.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { freePort, type PrismServer, startPrism as startMockPrism, startPrismHost } from '@vendor-contracts/mock';
import { specPath, workspaceRoot } from './workspace.js';

export { freePort, type PrismServer };

export interface PrismOptions {
  /** Serve this file instead of `specs/<vendor>/openapi.yaml`. */
  specPath?: string;
  /** How long Prism may take to say it is listening. @default 60000 @unit milliseconds */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. @default 5000 @unit milliseconds */
  stopTimeoutMs?: number;
  /** Honour TEST_API_BASE_URL(_<VENDOR>). @default true */
  useEnvBaseUrl?: boolean;
}

/** The env override for this vendor, if any. */
export function envBaseUrl(vendor: string): string | undefined {
  const specific = process.env[`TEST_API_BASE_URL_${vendor.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`];
  const url = specific || process.env.TEST_API_BASE_URL;
  return url ? url.replace(/\/+$/, '') : undefined;
}

export async function startPrism(vendor: string, options: PrismOptions = {}): Promise<PrismServer> {
  const fromEnv = options.useEnvBaseUrl === false ? undefined : envBaseUrl(vendor);
  if (fromEnv) {
    return { baseUrl: fromEnv, pid: undefined, output: () => '', exited: new Promise(() => {}), stop: async () => {} };
  }
  const document = options.specPath ?? specPath(vendor);
  if (!existsSync(document)) throw new Error(`startPrism(${vendor}): no spec at ${document}`);
  const shown = relative(workspaceRoot(), document);
  return startMockPrism(shown.startsWith('..') || isAbsolute(shown) ? document : shown, {
    cwd: workspaceRoot(),
    startTimeoutMs: options.startTimeoutMs,
    stopTimeoutMs: options.stopTimeoutMs,
  });
}

/**
 * Prism for several vendors at once: ONE process serving every vendor's spec, each on its own
 * port (Prism loads once, so five vendors start in about the time of one). Each server's `stop()`
 * stops that shared process (idempotent). A vendor with a TEST_API_BASE_URL(_<VENDOR>) override
 * gets that URL instead, as with {@link startPrism}.
 */
export async function startPrisms(vendors: readonly string[], options: Omit<PrismOptions, 'specPath'> = {}): Promise<Map<string, PrismServer>> {
  const servers = new Map<string, PrismServer>();
  const served: Array<{ name: string; spec: string }> = [];
  for (const vendor of vendors) {
    const fromEnv = options.useEnvBaseUrl === false ? undefined : envBaseUrl(vendor);
    if (fromEnv) servers.set(vendor, { baseUrl: fromEnv, pid: undefined, output: () => '', exited: new Promise(() => {}), stop: async () => {} });
    else served.push({ name: vendor, spec: relative(workspaceRoot(), specPath(vendor)) });
  }
  if (served.length === 0) return servers;
  const host = await startPrismHost(served, { cwd: workspaceRoot(), startTimeoutMs: options.startTimeoutMs, stopTimeoutMs: options.stopTimeoutMs });
  for (const { name } of served) servers.set(name, { baseUrl: host.urls[name]!, pid: host.pid, output: host.output, exited: host.exited, stop: host.stop });
  return servers;
}
