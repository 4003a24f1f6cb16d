/**
 * The changeset gate: the changesets in `.changeset/` (read with @changesets/read, the parser the
 * changesets CLI itself uses) must bump every package whose spec changed at least as much as the
 * classification demands.
 */
import readChangesets from '@changesets/read';
import writeChangeset from '@changesets/write';
import { type Bump, BUMP_ORDER, type SpecChange } from './classify.js';
import { type Comparison, requiredBumps } from './specs.js';

export interface GateFailure {
  packageName: string;
  required: Bump;
  found: Bump | 'none';
  message: string;
}

/** The largest bump the present changesets give each package. */
export async function foundBumps(root: string): Promise<Map<string, Bump | 'none'>> {
  const found = new Map<string, Bump | 'none'>();
  for (const changeset of await readChangesets(root)) {
    for (const release of changeset.releases) {
      const type = release.type as Bump | 'none';
      const current = found.get(release.name) ?? 'none';
      if (BUMP_ORDER[type] > BUMP_ORDER[current]) found.set(release.name, type);
    }
  }
  return found;
}

export async function checkChangesets(root: string, comparison: Comparison): Promise<GateFailure[]> {
  const found = await foundBumps(root);
  const failures: GateFailure[] = [];
  for (const [packageName, required] of requiredBumps(comparison)) {
    const have = found.get(packageName) ?? 'none';
    if (BUMP_ORDER[have] >= BUMP_ORDER[required]) continue;
    failures.push({
      packageName,
      required,
      found: have,
      message: `${packageName} needs a ${required} changeset (the spec changes demand ${required}; the changesets in .changeset/ give ${have})`,
    });
  }
  return failures;
}

/** One release-notes line: `- major: updateInternetRequest (PUT /internetrequest/{id}) request body: field offers[].product is now required`. */
function changesetLine(c: SpecChange): string {
  return `- ${c.bump}: ${c.subject}${c.operation ? ` (${c.operation})` : ''} ${c.message}`;
}

/** The changeset the comparison needs: the required bumps, and the API changelog as its summary (undefined when none is needed). */
export function requiredChangeset(comparison: Comparison): { summary: string; releases: Array<{ name: string; type: Bump }> } | undefined {
  const required = requiredBumps(comparison);
  if (required.size === 0) return undefined;
  const summary = comparison.vendors
    .filter((v) => v.changes.length > 0)
    .map((v) => [`${v.vendor} API changes:`, '', ...v.changes.map(changesetLine)].join('\n'))
    .join('\n\n');
  return { summary, releases: [...required].map(([name, type]) => ({ name, type })) };
}

/** Writes one changeset with the required bumps and the API changelog as its summary; returns its file name. */
export async function writeRequiredChangeset(root: string, comparison: Comparison): Promise<string | undefined> {
  const changeset = requiredChangeset(comparison);
  if (!changeset) return undefined;
  const id = await writeChangeset(changeset, root, { prettier: false });
  return `.changeset/${id}.md`;
}
