/**
 * `spec-lint [vendor ...]` — lint specs/<vendor>/openapi.yaml (every vendor by default) with
 * Spectral's oas rules and ours; exit 1 on any error (warnings are printed), naming file, line and rule.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFindings, isFailing, lintSpec } from './lint.js';

// VENDOR_CONTRACTS_ROOT lets tests lint a temporary copy of the workspace.
const root = resolve(process.env.VENDOR_CONTRACTS_ROOT || fileURLToPath(new URL('../../..', import.meta.url)));
const specs = join(root, 'specs');
const all = readdirSync(specs, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(specs, d.name, 'openapi.yaml')))
  .map((d) => d.name)
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  process.stderr.write(`spec-lint: no spec for ${unknown.join(', ')} (found ${all.join(', ')})\n`);
  process.exit(2);
}

let failed = false;
for (const vendor of wanted.length ? wanted : all) {
  const specFile = join(specs, vendor, 'openapi.yaml');
  const findings = await lintSpec(specFile, { vendor, operationsFile: join(specs, 'operations.yaml') });
  if (findings.length) process.stderr.write(`${formatFindings(specFile, findings, root)}\n`);
  if (isFailing(findings)) failed = true;
  else process.stdout.write(`spec-lint: ${vendor}: ${findings.length ? `no errors, ${findings.length} warning(s) or note(s)` : 'clean'}\n`);
}
process.exit(failed ? 1 : 0);
