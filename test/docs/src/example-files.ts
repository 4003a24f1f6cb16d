/**
 * Examples as files: written to a fresh folder inside this package (so their imports resolve
 * through the workspace's node_modules, and `type: module` makes them ESM), removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Example, exampleName } from './readmes.js';
import { docsPackageRoot } from './run-example.js';

export interface ExampleFiles {
  dir: string;
  /** The file holding each example. */
  fileOf(example: Example): string;
  remove(): void;
}

export function writeExamples(examples: readonly Example[]): ExampleFiles {
  const dir = mkdtempSync(join(docsPackageRoot, '.examples-'));
  const files = new Map<Example, string>();
  for (const example of examples) {
    const file = join(dir, `${exampleName(example).replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
    writeFileSync(file, example.code);
    files.set(example, file);
  }
  return {
    dir,
    fileOf: (example) =>
      files.get(example) ??
      (() => {
        throw new Error(`${exampleName(example)} was not written`);
      })(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
