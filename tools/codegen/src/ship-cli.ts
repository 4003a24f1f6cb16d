/** `ship-cli <vendor>` — the vendor build's last step: copies the spec into `packages/<vendor>/dist` (see ship.ts). */
import { join } from 'node:path';
import { discoverVendors, workspaceRoot } from './config.js';
import { SHIPPED_SPEC, shipSpec } from './ship.js';

const vendor = process.argv[2];
const target = discoverVendors().find((t) => t.vendor === vendor);
if (!target) {
  process.stderr.write(`ship: no spec for "${vendor ?? ''}" (usage: ship-cli <vendor>)\n`);
  process.exit(2);
}
shipSpec(target.specFile, join(workspaceRoot, 'packages', target.vendor));
process.stdout.write(`ship: ${target.vendor}: ${SHIPPED_SPEC.yaml}, ${SHIPPED_SPEC.json}\n`);
