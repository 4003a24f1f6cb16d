/**
 * `docs/requirements.md` against the tree: the requirement IDs (`R7`, `S3`, …) that comments, test
 * names and docs cite must be defined there, and the tests it lists as proof must exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REQUIREMENTS_DOC = 'docs/requirements.md';

/** A requirement ID as cited anywhere: `R10`, `S3`. */
const CITED_ID = /\b[RS][0-9]+\b/g;

export interface ProvingTest {
  /** A test file, relative to the workspace root. */
  file: string;
  /** A `describe`/`it` title (or its fixed part) that must appear in that file; absent for a whole file. */
  name?: string;
}

export interface Requirement {
  id: string;
  rule: string;
  tests: ProvingTest[];
  /** 1-based line of the row, for messages. */
  line: number;
}

/** The rows `| R1 | rule | proof |` of the doc's tables; proof cites tests as `path` › "name". */
export function parseRequirements(markdown: string): Requirement[] {
  const rows: Requirement[] = [];
  for (const [index, text] of markdown.split('\n').entries()) {
    const row = /^\|\s*([RS][0-9]+)\s*\|(.*)\|(.*)\|\s*$/.exec(text);
    if (!row) continue;
    const tests = [...row[3]!.matchAll(/`([^`]+\.test(?:-d)?\.ts)`(?:\s*›\s*"([^"]+)")?/g)].map(([, file, name]) => (name === undefined ? { file: file! } : { file: file!, name }));
    rows.push({ id: row[1]!, rule: row[2]!.trim(), tests, line: index + 1 });
  }
  return rows;
}

export interface Citation {
  id: string;
  /** `path:line`, relative to the workspace root. */
  at: string;
}

/** Where IDs are cited: our code, tests and docs; not generated code, vendor documents or installed packages. */
const SCANNED_ROOTS = ['packages', 'tools', 'test', 'docs', 'examples'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated', '__snapshots__', 'coverage']);
/** Installed or built trees inside the scanned roots: a toolchain project's packages, the TypeDoc output. */
const SKIPPED_PATHS = new Set(['test/ecosystem/toolchain', 'docs/api']);
const SCANNED_FILE = /\.(?:[cm]?ts|[cm]?js|md)$/;

function scannedFiles(root: string, dir: string, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !SKIPPED_PATHS.has(relative(root, path))) scannedFiles(root, path, out);
    } else if (SCANNED_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every citation of a requirement ID in the scanned files except the requirements doc itself. */
export function citations(root: string): Citation[] {
  const found: Citation[] = [];
  for (const file of SCANNED_ROOTS.flatMap((dir) => scannedFiles(root, join(root, dir), []))) {
    const path = relative(root, file);
    if (path === REQUIREMENTS_DOC) continue;
    for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
      for (const [id] of line.matchAll(CITED_ID)) found.push({ id, at: `${path}:${index + 1}` });
    }
  }
  return found;
}

/** What is wrong between the doc and the tree, one line each; empty when they agree. */
export function requirementProblems(root: string, requirements: Requirement[], cited: Citation[]): string[] {
  const problems: string[] = [];
  const defined = new Set(requirements.map((r) => r.id));
  for (const c of cited) if (!defined.has(c.id)) problems.push(`${c.at} cites ${c.id}, which ${REQUIREMENTS_DOC} does not define`);
  const seen = new Set<string>();
  for (const r of requirements) {
    if (seen.has(r.id)) problems.push(`${REQUIREMENTS_DOC}:${r.line}: ${r.id} is defined twice`);
    seen.add(r.id);
    if (r.rule === '') problems.push(`${REQUIREMENTS_DOC}:${r.line}: ${r.id} has no rule`);
    if (r.tests.length === 0 && cited.some((c) => c.id === r.id)) problems.push(`${REQUIREMENTS_DOC}:${r.line}: ${r.id} is cited in the tree but lists no test that proves it`);
    for (const t of r.tests) {
      const file = join(root, t.file);
      if (!existsSync(file)) problems.push(`${REQUIREMENTS_DOC}:${r.line}: ${r.id} lists ${t.file}, which does not exist`);
      else if (t.name !== undefined && !readFileSync(file, 'utf8').includes(t.name))
        problems.push(`${REQUIREMENTS_DOC}:${r.line}: ${r.id} lists "${t.name}", which ${t.file} does not contain`);
    }
  }
  return problems;
}
