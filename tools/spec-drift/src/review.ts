/**
 * What a proposal would do, checked before anyone applies it: the overlay applied to a copy of the
 * spec, that copy linted (tools/spec-lint) and compared with the spec (tools/spec-diff), giving
 * the semver class per package and the changeset `--apply` would write; codegen run on the copy
 * (in memory) so a change the generator cannot take is caught before anyone applies it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bump, type Comparison, diffSpecs, formatChangelog, highestBump, requiredChangeset, type SpecChange } from '@vendor-contracts/spec-diff';
import { type Finding, lintSpec } from '@vendor-contracts/spec-lint';
import { generateVendor } from '@vendor-contracts/codegen';
import { parse } from 'yaml';
import { applyOverlay } from './overlay.js';
import type { Overlay } from './propose.js';

export interface Review {
  vendor: string;
  /** The spec text with the overlay applied. */
  text: string;
  unmatched: string[];
  /** spec-lint's errors and warnings on the changed copy that the spec itself does not have. */
  newFindings: Finding[];
  changes: SpecChange[];
  bump: Bump | 'none';
  comparison: Comparison;
  /** The changeset file `--apply` writes (front matter and summary). */
  changeset: string | undefined;
  /** What codegen said of the changed copy (`ok`, or its error): a spec it cannot generate is no proposal. */
  codegen: string;
}

export interface ReviewOptions {
  root: string;
  vendor: string;
  /** @default `<root>/packages/<vendor>/package.json`'s name, else `@vendor-contracts/<vendor>` */
  packageName?: string;
  /** @default `@vendor-contracts/sdk` when `<root>/packages/sdk` exists */
  facade?: string;
}

export async function review(overlay: Overlay, options: ReviewOptions): Promise<Review> {
  const { root, vendor } = options;
  const specFile = join(root, 'specs', vendor, 'openapi.yaml');
  const before = readFileSync(specFile, 'utf8');
  const { text, unmatched } = applyOverlay(before, overlay);
  const changes = diffSpecs(parse(before), parse(text));
  const bump = highestBump(changes);
  const packageName = options.packageName ?? readName(join(root, 'packages', vendor, 'package.json')) ?? `@vendor-contracts/${vendor}`;
  const facade = options.facade ?? readName(join(root, 'packages', 'sdk', 'package.json'));
  const comparison: Comparison = { baseRef: `specs/${vendor}/openapi.yaml`, baseCommit: 'working tree', vendors: [{ vendor, packageName, bump, changes }], facade };

  // The copy sits in a temp dir; spec-lint reads specs/operations.yaml from the real tree.
  const scratch = mkdtempSync(join(tmpdir(), 'spec-drift-'));
  try {
    const copy = join(scratch, 'openapi.yaml');
    writeFileSync(copy, text);
    writeFileSync(join(scratch, 'before.yaml'), before);
    const operationsFile = join(root, 'specs', 'operations.yaml');
    const [after, base] = await Promise.all([lintSpec(copy, { vendor, operationsFile }), lintSpec(join(scratch, 'before.yaml'), { vendor, operationsFile })]);
    const known = new Set(base.map((f) => `${f.rule} ${f.path} ${f.message}`));
    const newFindings = after.filter((f) => f.severity !== 'info' && f.severity !== 'hint' && !known.has(`${f.rule} ${f.path} ${f.message}`));
    const codegen = await generateVendor({ vendor, specFile: copy, specPath: `specs/${vendor}/openapi.yaml`, outDir: join(scratch, 'generated') }).then(
      () => 'ok',
      (error: Error) => error.message.replace(copy, `specs/${vendor}/openapi.yaml (changed copy)`),
    );
    return { vendor, text, unmatched, newFindings, changes, bump, comparison, changeset: changesetText(comparison), codegen };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** The changeset file `--apply` writes (spec-diff's `requiredChangeset`, as @changesets/write lays it out). */
export function changesetText(comparison: Comparison): string | undefined {
  const changeset = requiredChangeset(comparison);
  if (!changeset) return undefined;
  return `---\n${changeset.releases.map((r) => `"${r.name}": ${r.type}`).join('\n')}\n---\n\n${changeset.summary}\n`;
}

/** The printed review: semver class, the API changelog, lint news and the changeset. */
export function formatReview(r: Review): string {
  const lines = [`${r.vendor}: ${r.bump === 'none' ? 'no API change' : `${r.bump} change`}`];
  lines.push(formatChangelog(r.comparison, { heading: false }));
  if (r.unmatched.length) lines.push('Overlay actions that matched nothing:', ...r.unmatched.map((u) => `  ${u}`));
  if (r.newFindings.length) lines.push('spec-lint on the changed copy (new findings):', ...r.newFindings.map((f) => `  line ${f.line} ${f.severity} ${f.rule} ${f.message}`));
  else lines.push('spec-lint on the changed copy: no new findings');
  lines.push(r.codegen === 'ok' ? 'codegen on the changed copy: ok' : `codegen on the changed copy fails: ${r.codegen}`);
  lines.push(r.changeset ? `Changeset --apply would write:\n${r.changeset}` : 'No changeset needed.');
  return lines.join('\n');
}
