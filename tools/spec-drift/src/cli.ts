/**
 * `npm run spec:drift -- <events.ndjson | drift-report.json> [--out <dir>] [--apply] [--vendor <v>]`
 *
 * Per vendor in the input: writes `<out>/<vendor>.overlay.yaml` (the proposed change, with its
 * evidence), applies it to a copy of `specs/<vendor>/openapi.yaml`, lints and classifies the copy
 * and prints the semver class and the changeset. `--apply` then writes the spec and the changeset;
 * run `npm run codegen -- <vendor>` after it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRequiredChangeset } from '@vendor-contracts/spec-diff';
import { parse, stringify } from 'yaml';
import { readInput } from './input.js';
import { propose } from './propose.js';
import { formatReview, review } from './review.js';

const USAGE = 'usage: npm run spec:drift -- <events.ndjson | drift-report.json> [--out <dir>] [--vendor <vendor>] [--apply]';

export async function main(argv: readonly string[], out: (line: string) => void, root: string): Promise<number> {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return false;
    args.splice(i, 1);
    return true;
  };
  const option = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const apply = flag('--apply');
  const outDir = option('--out');
  const only = option('--vendor');
  const [inputFile, ...rest] = args;
  if (!inputFile || rest.length > 0 || args.some((a) => a.startsWith('--'))) {
    out(USAGE);
    return 2;
  }
  const input = readInput(readFileSync(inputFile, 'utf8'));
  for (const s of input.skipped) out(`skipped ${s}`);
  const vendors = [...new Set(input.observations.map((o) => o.vendor))].filter((v) => !only || v === only).sort();
  if (vendors.length === 0) {
    out(`no drift for ${only ?? 'any vendor'} in ${inputFile}`);
    return 0;
  }
  let failed = false;
  for (const vendor of vendors) {
    const specFile = join(root, 'specs', vendor, 'openapi.yaml');
    if (!existsSync(specFile)) {
      out(`${vendor}: no spec at ${relative(root, specFile)}; its drift is left out`);
      failed = true;
      continue;
    }
    const proposal = propose(parse(readFileSync(specFile, 'utf8')), vendor, input.observations);
    const dir = resolve(outDir ?? dirname(inputFile));
    mkdirSync(dir, { recursive: true });
    const overlayFile = join(dir, `${vendor}.overlay.yaml`);
    writeFileSync(overlayFile, stringify(proposal.overlay, { lineWidth: 0, aliasDuplicateObjects: false }));
    out(`${vendor}: ${proposal.overlay.actions.length} overlay action(s) → ${relative(process.cwd(), overlayFile)}`);
    for (const u of proposal.unplaced) out(`  not placed: ${u}`);
    const result = await review(proposal.overlay, { root, vendor });
    out(formatReview(result));
    if (result.unmatched.length || result.newFindings.some((f) => f.severity === 'error') || result.codegen !== 'ok') failed = true;
    if (apply) {
      if (failed) {
        out(`${vendor}: not applied (see above)`);
        continue;
      }
      writeFileSync(specFile, result.text);
      const changeset = await writeRequiredChangeset(root, result.comparison);
      out(`${vendor}: wrote ${relative(root, specFile)}${changeset ? ` and ${changeset}` : ''}; now run npm run codegen -- ${vendor}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  main(process.argv.slice(2), (line) => console.log(line), root).then((code) => process.exit(code));
}
