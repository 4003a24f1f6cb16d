/**
 * The one Node process that serves every requested spec: it loads Prism once (its modules cost
 * about a second of CPU, which is why one process per vendor made 5 vendors take 3.5× one) and
 * serves each spec from its own Prism HTTP server (`@stoplight/prism-http-server`), each on its
 * own free 127.0.0.1 port. Started by `prism.ts` as `node prism-host.js '<plan JSON>'` with an IPC
 * channel; it reports each spec as listening or failed on that channel.
 *
 * The servers are configured as `prism mock <spec> --errors` and `prism proxy <spec> <upstream>`
 * configure theirs (`@stoplight/prism-cli`'s createServer): request validation, response
 * validation, security checks, CORS, static examples (so `Prefer: code=…, example=…` selects a
 * named example). Nothing here reads `x-json-schema-faker`: that only shapes `--dynamic` answers,
 * which the mock never asks for.
 */
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

/** One spec to serve: `name` is how the parent refers to it (the vendor). */
export interface HostEntry {
  name: string;
  /** A file path, relative to the host's working directory or absolute. */
  spec: string;
  mode: 'mock' | 'proxy';
  /** The real API, for `proxy`. */
  upstream?: string;
}

/** What the host says on its IPC channel: one `listening` or `failed` per entry, then `ready`. */
export type HostMessage = { type: 'listening'; name: string; url: string } | { type: 'failed'; name: string; message: string } | { type: 'ready' };

function configFor(entry: HostEntry): IHttpConfig {
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  // The proxy passes the upstream's answer through (no --errors) and lists what breaks the spec
  // in `sl-violations`; the mock turns violations into errors (--errors).
  return entry.mode === 'proxy' ? { ...shared, isProxy: true, errors: false, upstream: new URL(entry.upstream!) } : { ...shared, isProxy: false, errors: true };
}

async function serve(entry: HostEntry, logger: ReturnType<typeof createLogger>): Promise<string> {
  if (entry.mode === 'proxy' && !entry.upstream) throw new Error('proxy mode needs an upstream URL');
  const operations = await getHttpOperationsFromSpec(entry.spec);
  if (operations.length === 0) throw new Error('the spec has no operations');
  const server = createServer(operations, {
    cors: true,
    config: configFor(entry),
    components: { logger: logger.child({ name: 'HTTP SERVER', vendor: entry.name }) },
  });
  // Port 0: the kernel picks a free port at bind time, so no other process can take it between a
  // probe and the bind.
  return server.listen(0, '127.0.0.1');
}

function send(message: HostMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  // The parent is gone (exited, crashed, SIGKILLed): never outlive it.
  process.once('disconnect', () => process.exit(0));
  if (!process.send) throw new Error('prism-host: start me through @vendor-contracts/mock (no IPC channel)');
  const entries = JSON.parse(process.argv[2] ?? '[]') as HostEntry[];
  // Prism's own log format (JSON lines on stdout), the level `prism mock` uses.
  const logger = createLogger('PRISM', { level: 'info' });
  // One after the other: the work is CPU in this one thread, and a report per entry says which
  // spec failed.
  for (const entry of entries) {
    try {
      const url = await serve(entry, logger);
      send({ type: 'listening', name: entry.name, url });
    } catch (error) {
      send({ type: 'failed', name: entry.name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  // Then it serves until stopped by its pid (SIGTERM, SIGKILL) or its parent goes away.
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`prism-host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
