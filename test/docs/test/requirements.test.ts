/** docs/requirements.md defines every requirement ID the tree cites, and the tests it names as proof exist. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { afterEach, describe, expect, it } from 'vitest';
import { citations, parseRequirements, REQUIREMENTS_DOC, requirementProblems } from '../src/requirements.js';

// Built, not written, so this file does not cite them itself.
const id = (letter: 'R' | 'S', n: number) => `${letter}${n}`;

describe('the repository', () => {
  const root = workspaceRoot();
  const requirements = parseRequirements(readFileSync(join(root, REQUIREMENTS_DOC), 'utf8'));
  const cited = citations(root);

  it('cites requirement IDs in code and tests, and the doc defines rows with proving tests', () => {
    expect(cited.length).toBeGreaterThan(20);
    expect(requirements.filter((r) => r.tests.length > 0).length).toBeGreaterThan(15);
  });

  it('cites only IDs defined in docs/requirements.md, whose listed tests exist with the quoted names', () => {
    expect(requirementProblems(root, requirements, cited)).toEqual([]);
  });
});

describe('requirementProblems on a small tree', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'requirements-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const doc = (rows: string[]) => ['| ID | Rule | Proved by |', '|---|---|---|', ...rows].join('\n');
  const problemsOf = (root: string) => requirementProblems(root, parseRequirements(readFileSync(join(root, REQUIREMENTS_DOC), 'utf8')), citations(root));

  it('accepts a tree whose citations are defined and whose tests exist', () => {
    const root = tree({
      [REQUIREMENTS_DOC]: doc([`| ${id('R', 1)} | Retry twice. | \`packages/a/test/retry.test.ts\` › "retries twice" |`]),
      'packages/a/src/retry.ts': `// Two retries (${id('R', 1)}).\n`,
      'packages/a/test/retry.test.ts': `it('retries twice', () => {});\n`,
    });
    expect(problemsOf(root)).toEqual([]);
  });

  it('names a comment that cites an undefined ID, with its file and line', () => {
    const root = tree({
      [REQUIREMENTS_DOC]: doc([`| ${id('R', 1)} | Retry twice. | \`packages/a/test/retry.test.ts\` |`]),
      'packages/a/test/retry.test.ts': `it('retries', () => {});\n`,
      'tools/b/src/x.ts': `const a = 1;\n// see ${id('S', 42)}\n`,
    });
    expect(problemsOf(root)).toEqual([`tools/b/src/x.ts:2 cites ${id('S', 42)}, which ${REQUIREMENTS_DOC} does not define`]);
  });

  it('names a listed test file that does not exist, and a quoted test name its file does not contain', () => {
    const root = tree({
      [REQUIREMENTS_DOC]: doc([
        `| ${id('R', 1)} | Retry twice. | \`packages/a/test/gone.test.ts\` |`,
        `| ${id('R', 2)} | Back off. | \`packages/a/test/retry.test.ts\` › "backs off" |`,
      ]),
      'packages/a/test/retry.test.ts': `it('retries', () => {});\n`,
    });
    expect(problemsOf(root)).toEqual([
      `${REQUIREMENTS_DOC}:3: ${id('R', 1)} lists packages/a/test/gone.test.ts, which does not exist`,
      `${REQUIREMENTS_DOC}:4: ${id('R', 2)} lists "backs off", which packages/a/test/retry.test.ts does not contain`,
    ]);
  });

  it('names a cited ID whose row lists no test, and an ID defined twice', () => {
    const root = tree({
      [REQUIREMENTS_DOC]: doc([`| ${id('S', 1)} | Validate first. | none yet |`, `| ${id('S', 1)} | Again. | none |`]),
      'test/c/test/v.test.ts': `it('validates (${id('S', 1)})', () => {});\n`,
    });
    expect(problemsOf(root)).toEqual([
      `${REQUIREMENTS_DOC}:3: ${id('S', 1)} is cited in the tree but lists no test that proves it`,
      `${REQUIREMENTS_DOC}:4: ${id('S', 1)} is defined twice`,
      `${REQUIREMENTS_DOC}:4: ${id('S', 1)} is cited in the tree but lists no test that proves it`,
    ]);
  });

  it('does not scan installed packages, build output or generated code', () => {
    const root = tree({
      [REQUIREMENTS_DOC]: doc([]),
      'packages/a/node_modules/x/index.js': `// ${id('R', 9)}\n`,
      'packages/a/dist/index.js': `// ${id('R', 9)}\n`,
      'packages/a/src/generated/types.ts': `// ${id('R', 9)}\n`,
      'test/ecosystem/toolchain/x.md': `${id('R', 9)}\n`,
    });
    expect(citations(root)).toEqual([]);
  });
});
