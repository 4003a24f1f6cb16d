/**
 * The documentation under test: `README.md` and every `packages/<name>/README.md`, and the
 * TypeScript examples in them. A fence whose info string is `ts` (or `typescript`) is an example
 * that is type-checked and run; `ts no-run` is only type-checked (for code that needs a real
 * server, a listening port, or a secret the mock cannot stand in for). Other fences are ignored.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';

export interface Example {
  /** The README, relative to the workspace root (`packages/sdk/README.md`). */
  file: string;
  /** 1-based line of the opening fence, for messages (`packages/sdk/README.md:42`). */
  line: number;
  /** The code between the fences. */
  code: string;
  /** False for `ts no-run`: type-checked only. */
  run: boolean;
}

/** `README.md` and `packages/<name>/README.md` for every package folder, sorted, relative to the root. */
export function readmeFiles(root = workspaceRoot()): string[] {
  const packages = join(root, 'packages');
  const packageReadmes = readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packages, entry.name, 'README.md'))
    .filter((file) => existsSync(file))
    .sort();
  return [join(root, 'README.md'), ...packageReadmes].map((file) => relative(root, file));
}

const FENCE = /^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>[^`]*)$/;

/**
 * The `ts` examples of one Markdown text (CommonMark fences: ``` or ~~~, up to 3 spaces of
 * indent, closed by a fence of the same kind at least as long). An unclosed fence is an error
 * rather than a silently skipped example.
 */
export function extractExamples(markdown: string, file: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)?.groups;
    if (!open) continue;
    const [language = '', ...flags] = open.info!.trim().split(/\s+/);
    const closeAt = lines.findIndex((text, j) => {
      if (j <= i) return false;
      const close = FENCE.exec(text)?.groups;
      return close !== undefined && close.info!.trim() === '' && close.fence![0] === open.fence![0] && close.fence!.length >= open.fence!.length;
    });
    if (closeAt === -1) throw new Error(`${file}:${i + 1}: the code fence opened here is never closed`);
    if (language === 'ts' || language === 'typescript') {
      const indent = open.indent!.length;
      const body = lines.slice(i + 1, closeAt).map((text) => text.replace(new RegExp(`^ {0,${indent}}`), ''));
      examples.push({ file, line: i + 1, code: `${body.join('\n')}\n`, run: !flags.includes('no-run') });
    }
    i = closeAt;
  }
  return examples;
}

/** Every example of every README, in file order. */
export function allExamples(root = workspaceRoot()): Example[] {
  return readmeFiles(root).flatMap((file) => extractExamples(readFileSync(join(root, file), 'utf8'), file));
}

/** `packages/sdk/README.md:42`, the example's name in test titles and messages. */
export function exampleName(example: Example): string {
  return `${example.file}:${example.line}`;
}
