/**
 * `npm run mock [vendor …]` — serve every vendor's spec (or only the named ones) with Prism, one
 * free port each, and print `<vendor>  http://127.0.0.1:<port>` per vendor. Ctrl-C (SIGINT) or
 * SIGTERM stops them all. Point the contract tests at one of them with
 * `TEST_API_BASE_URL_<VENDOR>=http://127.0.0.1:<port>` (or TEST_API_BASE_URL).
 */
import { type PrismServer, startPrism } from './prism.js';
import { listVendors } from './workspace.js';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('usage: npm run mock [-- vendor …]   (default: every specs/*/openapi.yaml)\n');
    return 0;
  }
  const available = listVendors();
  const unknown = argv.filter((v) => !available.includes(v));
  if (unknown.length) {
    process.stderr.write(`unknown vendor(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  const vendors = argv.length ? [...new Set(argv)] : available;
  if (vendors.length === 0) {
    process.stderr.write('no specs/*/openapi.yaml found\n');
    return 2;
  }

  const servers = new Map<string, PrismServer>();
  const stopAll = () => Promise.all([...servers.values()].map((s) => s.stop())); // stop() is idempotent
  let stopRequested = false;
  const signalled = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopRequested = true;
        resolve();
      });
    }
  });

  const results = await Promise.allSettled(
    vendors.map(async (vendor) => {
      const server = await startPrism(vendor, { useEnvBaseUrl: false });
      servers.set(vendor, server);
      return server;
    }),
  );
  if (stopRequested) {
    await stopAll(); // a signal arrived while starting (Ctrl-C also reaches Prism itself)
    return 0;
  }
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${vendors[i]}: ${(r.reason as Error).message}`] : []));
  if (failed.length) {
    process.stderr.write(`Prism failed to start:\n${failed.join('\n')}\n`);
    await stopAll();
    return 1;
  }

  for (const vendor of vendors) process.stdout.write(`${vendor}  ${servers.get(vendor)!.baseUrl}\n`);

  // Wait for a signal, or for a Prism to die on its own, which takes the others down with it so
  // the list above stays true.
  const crashed = Promise.race([...servers].map(([vendor, server]) => server.exited.then((exit) => ({ vendor, server, ...exit }))));
  const crash = await Promise.race([signalled.then(() => undefined), crashed]);
  if (crash && crash.signal !== 'SIGINT') await new Promise((resolve) => setTimeout(resolve, 250)); // a group-wide signal may be on its way
  if (!crash || stopRequested || crash.signal === 'SIGINT') {
    await stopAll();
    return 0;
  }
  process.stderr.write(`Prism for ${crash.vendor} exited (code ${crash.code}, signal ${crash.signal}):\n${crash.server.output().slice(-4000)}\n`);
  await stopAll();
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
