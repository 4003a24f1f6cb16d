/**
 * `codegen [vendor ...] [--check]` — regenerate packages/<vendor>/src/generated from
 * specs/<vendor>/openapi.yaml for every vendor (or the ones named). With --check nothing is
 * written: it exits 1 naming each file that regenerating would change, and the fix command.
 * The runtime's test fixture spec (`acme`) is generated and checked along with the vendors.
 */
import { discoverFixtures, discoverVendors } from './config.js';
import { generateVendor } from './generate.js';
import { describeDrift, diffOutput, writeOutput } from './write.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const wanted = args.filter((a) => !a.startsWith('--'));
const all = [...discoverVendors(), ...discoverFixtures()];
const unknown = wanted.filter((w) => !all.some((t) => t.vendor === w));
if (unknown.length) {
  process.stderr.write(`codegen: no spec for ${unknown.join(', ')} (looked for specs/<vendor>/openapi.yaml; found ${all.map((t) => t.vendor).join(', ')})\n`);
  process.exit(2);
}
const targets = wanted.length ? all.filter((t) => wanted.includes(t.vendor)) : all;

let failed = false;
for (const target of targets) {
  try {
    const files = await generateVendor(target);
    if (check) {
      const drift = diffOutput(target.outDir, files);
      if (drift.length) {
        failed = true;
        process.stderr.write(`${describeDrift(drift, target.vendor)}\n`);
      } else process.stdout.write(`codegen --check: ${target.vendor} is up to date\n`);
    } else {
      const touched = writeOutput(target.outDir, files);
      process.stdout.write(`codegen: ${target.vendor}: ${touched.length ? `${touched.length} file(s) updated` : 'up to date'}\n`);
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`codegen: ${target.vendor}: ${(error as Error).message}\n`);
  }
}
process.exit(failed ? 1 : 0);
