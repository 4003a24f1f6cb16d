/**
 * Reads each vendor's spec at a base commit (`git show <commit>:specs/<v>/openapi.yaml`) and in the
 * working tree, and classifies what changed per vendor package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Bump, type SpecChange, BUMP_ORDER, diffSpecs, highestBump } from './classify.js';

export interface VendorReport {
  vendor: string;
  /** `@vendor-contracts/<vendor>` as its package.json names it. */
  packageName: string;
  bump: Bump | 'none';
  changes: SpecChange[];
}

export interface Comparison {
  /** What the caller asked for (e.g. `origin/main`), and the merge-base commit actually compared. */
  baseRef: string;
  baseCommit: string;
  vendors: VendorReport[];
  /** `@vendor-contracts/sdk` when packages/sdk exists: it re-exports every vendor, so it bumps with them. */
  facade: string | undefined;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/**
 * The commit to compare against: the merge-base of HEAD with the first of `candidates` that exists
 * (so commits that landed on main after we branched are not counted as our changes), or undefined
 * when there is no git repository or no such ref (e.g. a tarball, or a clone without main).
 */
export function resolveBase(root: string, candidates: readonly string[]): { ref: string; commit: string } | undefined {
  for (const ref of candidates) {
    const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim();
    if (!commit) continue;
    const base = git(root, ['merge-base', commit, 'HEAD'])?.trim();
    return { ref, commit: base || commit };
  }
  return undefined;
}

export function vendorsIn(root: string): string[] {
  const dir = join(root, 'specs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'openapi.yaml')))
    .map((e) => e.name)
    .sort();
}

function vendorsAt(root: string, commit: string): string[] {
  const out = git(root, ['ls-tree', '-d', '--name-only', `${commit}:specs`]) ?? '';
  return out
    .split('\n')
    .filter(Boolean)
    .filter((v) => git(root, ['cat-file', '-e', `${commit}:specs/${v}/openapi.yaml`]) !== undefined);
}

function packageName(root: string, dir: string, fallback: string): string {
  const file = join(root, 'packages', dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name : fallback;
}

export function facadeName(root: string): string | undefined {
  return existsSync(join(root, 'packages/sdk/package.json')) ? packageName(root, 'sdk', '@vendor-contracts/sdk') : undefined;
}

export function compareWithBase(root: string, base: { ref: string; commit: string }): Comparison {
  const now = vendorsIn(root);
  const then = vendorsAt(root, base.commit);
  const vendors: VendorReport[] = [];
  for (const vendor of [...new Set([...now, ...then])].sort()) {
    const name = packageName(root, vendor, `@vendor-contracts/${vendor}`);
    const beforeText = then.includes(vendor) ? git(root, ['show', `${base.commit}:specs/${vendor}/openapi.yaml`]) : undefined;
    const afterPath = join(root, 'specs', vendor, 'openapi.yaml');
    const afterText = now.includes(vendor) ? readFileSync(afterPath, 'utf8') : undefined;
    let changes: SpecChange[];
    if (beforeText === undefined) changes = [{ subject: 'document', bump: 'minor', message: 'new vendor spec', pointer: '' }];
    else if (afterText === undefined) changes = [{ subject: 'document', bump: 'major', message: 'vendor spec removed', pointer: '' }];
    else if (beforeText === afterText) changes = [];
    else changes = diffSpecs(parse(beforeText), parse(afterText));
    // A textual edit the classifier finds no change in (comments, key order, quoting) still
    // regenerates the package's header hash: a patch.
    if (changes.length === 0 && beforeText !== undefined && afterText !== undefined && beforeText !== afterText) {
      changes = [{ subject: 'document', bump: 'patch', message: 'formatting or comments only', pointer: '' }];
    }
    vendors.push({ vendor, packageName: name, bump: highestBump(changes), changes });
  }
  return { baseRef: base.ref, baseCommit: base.commit, vendors, facade: facadeName(root) };
}

/** The smallest bump each package needs: the vendor's own, and the largest of them for the facade. */
export function requiredBumps(comparison: Comparison): Map<string, Bump> {
  const required = new Map<string, Bump>();
  for (const v of comparison.vendors) {
    if (v.bump === 'none') continue;
    if (v.changes.some((c) => c.message === 'vendor spec removed')) continue; // nothing left to publish
    required.set(v.packageName, v.bump);
  }
  if (comparison.facade) {
    const top = comparison.vendors.reduce<Bump | 'none'>((b, v) => (BUMP_ORDER[v.bump] > BUMP_ORDER[b] ? v.bump : b), 'none');
    if (top !== 'none') required.set(comparison.facade, top);
  }
  return required;
}

/** The API changelog, grouped by package and operation. */
export function formatChangelog(comparison: Comparison, options: { heading?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.heading !== false) lines.push(`Spec changes since ${comparison.baseRef} (merge-base ${comparison.baseCommit.slice(0, 10)}):`);
  const changed = comparison.vendors.filter((v) => v.changes.length > 0);
  if (changed.length === 0) lines.push('  no spec changes');
  for (const v of changed) {
    lines.push(`${v.packageName}: ${v.bump}`);
    lines.push(...changelogLines(v.changes).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

export function changelogLines(changes: readonly SpecChange[]): string[] {
  const bySubject = new Map<string, SpecChange[]>();
  for (const c of changes) bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c]);
  const lines: string[] = [];
  for (const [subject, list] of bySubject) {
    const operation = list.find((c) => c.operation)?.operation;
    lines.push(operation ? `${subject} (${operation})` : subject);
    for (const c of list) lines.push(`  ${c.bump.padEnd(5)}  ${subject} ${c.message}`);
  }
  return lines;
}
