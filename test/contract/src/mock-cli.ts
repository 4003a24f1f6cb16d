/**
 * `npm run mock [vendor …]` — serve every vendor's spec (or only the named ones) with ONE Prism
 * process (the mock package's Prism host, as `startMock` uses: Prism loads once, each vendor on its
 * own free 127.0.0.1 port), and print `<vendor>  http://127.0.0.1:<port>` per vendor. Ctrl-C
 * (SIGINT) or SIGTERM stops it. Point the contract tests at one of them with
 * `TEST_API_BASE_URL_<VENDOR>=http://127.0.0.1:<port>` (or TEST_API_BASE_URL).
 */
import { type PrismServer, startPrisms } from './prism.js';
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

  let servers = new Map<string, PrismServer>();
  let stopRequested = false;
  const signalled = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopRequested = true;
        resolve();
      });
    }
  });

  try {
    // The workspace's specs (not the packages' built copies), served as Prism itself answers: the
    // contract tests rely on its behaviour, so no front is put before it.
    servers = await startPrisms(vendors, { useEnvBaseUrl: false });
  } catch (error) {
    if (stopRequested) return 0; // a signal arrived while starting (Ctrl-C also reaches Prism itself)
    process.stderr.write(`Prism failed to start:\n${(error as Error).message}\n`);
    return 1;
  }
  // Every vendor's server is the same process: stopping one stops them all (idempotent).
  const prism = servers.get(vendors[0]!)!;
  if (stopRequested) {
    await prism.stop();
    return 0;
  }

  for (const vendor of vendors) process.stdout.write(`${vendor}  ${servers.get(vendor)!.baseUrl}\n`);
  process.stdout.write(`# one Prism process (pid ${prism.pid}) serves ${vendors.length} vendor(s); Ctrl-C stops it\n`);

  // Wait for a signal, or for Prism to die on its own, which ends this tool so the list above stays true.
  const crash = await Promise.race([signalled.then(() => undefined), prism.exited]);
  if (crash && crash.signal !== 'SIGINT') await new Promise((resolve) => setTimeout(resolve, 250)); // a group-wide signal may be on its way
  if (!crash || stopRequested || crash.signal === 'SIGINT') {
    await prism.stop();
    return 0;
  }
  process.stderr.write(`Prism exited (code ${crash.code}, signal ${crash.signal}):\n${prism.output().slice(-4000)}\n`);
  await prism.stop();
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
