/**
 * npm run spec:diff -- [--base <ref>]                   the API changelog since the merge-base with <ref>
 * npm run spec:check-changesets -- [--base <ref>] [--write]
 *     fails when .changeset/ does not bump each changed vendor package (and @vendor-contracts/sdk)
 *     at least as much as its spec changes demand; --write creates that changeset instead.
 * Without --base: origin/main, then main. No such ref (or no git): nothing to compare, exit 0.
 * VENDOR_CONTRACTS_ROOT overrides the workspace root (tests point it at a temp repo).
 */
import { fileURLToPath } from 'node:url';
import { checkChangesets, writeRequiredChangeset } from './changesets.js';
import { compareWithBase, formatChangelog, resolveBase } from './specs.js';

export async function main(argv: string[], out: (line: string) => void, rootDir?: string): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'diff' && command !== 'check') {
    out('usage: spec-diff diff|check [--base <ref>] [--write]');
    return 2;
  }
  const baseAt = rest.indexOf('--base');
  const baseArg = baseAt >= 0 ? rest[baseAt + 1] : undefined;
  if (baseAt >= 0 && !baseArg) {
    out('--base needs a git ref, e.g. --base origin/main');
    return 2;
  }
  const root = rootDir ?? process.env.VENDOR_CONTRACTS_ROOT ?? fileURLToPath(new URL('../../../', import.meta.url));
  const base = resolveBase(root, baseArg ? [baseArg] : ['origin/main', 'main']);
  if (!base) {
    if (baseArg) {
      out(`spec-diff: base ref "${baseArg}" not found`);
      return 2;
    }
    out('spec-diff: no base branch (origin/main or main) to compare with; nothing to check');
    return 0;
  }
  const comparison = compareWithBase(root, base);
  out(formatChangelog(comparison));
  if (command === 'diff') return 0;
  const failures = await checkChangesets(root, comparison);
  if (failures.length === 0) {
    out('changesets: OK');
    return 0;
  }
  if (rest.includes('--write')) {
    const file = await writeRequiredChangeset(root, comparison);
    out(`changesets: wrote ${file}; review its summary and commit it`);
    return 0;
  }
  for (const f of failures) out(`changesets: ${f.message}`);
  out('changesets: add one with `npx changeset`, or `npm run spec:check-changesets -- --write` to write it from this changelog');
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}
