/**
 * The lint/format fence: Biome (root `biome.jsonc`) must never touch generated code. Biome cannot skip a
 * file by its first line, so the config ignores the folders generated files live in; this test finds every
 * file that starts with the codegen header and proves Biome ignores each one, so a header-marked file in a
 * new place fails here instead of being reformatted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isGenerated } from '../src/header.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const biome = join(root, 'node_modules', '.bin', 'biome');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'coverage']);
const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;

function headerMarkedFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) headerMarkedFiles(path, out);
    } else if (SOURCE.test(entry.name) && isGenerated(readFileSync(path, 'utf8').slice(0, 400))) {
      out.push(relative(root, path));
    }
  }
  return out;
}

/** The files Biome lints and formats among `paths` (its `--verbose` run lists them; ignored paths are left out). */
function processedByBiome(paths: string[]): string[] {
  const run = spawnSync(biome, ['format', '--colors=off', '--verbose', ...paths], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const output = `${run.stdout}${run.stderr}`;
  const list = /Files processed:\n([\s\S]*?)\n\s*\n/.exec(output)?.[1];
  if (list === undefined) throw new Error(`biome format --verbose printed no list of processed files:\n${output}`);
  return [...list.matchAll(/^\s*- (\S+)$/gm)].map((m) => m[1]!);
}

describe('generated code is outside Biome', () => {
  const files = headerMarkedFiles(root);
  const handWritten = 'tools/codegen/src/header.ts';
  const processed = processedByBiome([...files, handWritten]);

  it('finds the header-marked files: every vendor package and every codegen snapshot', () => {
    expect(files.filter((f) => /^packages\/[^/]+\/src\/generated\//.test(f)).length).toBeGreaterThanOrEqual(20);
    expect(files.some((f) => f.includes('/__snapshots__/'))).toBe(true);
  });

  it('Biome ignores every file that starts with the codegen header', () => {
    expect(
      processed.filter((f) => files.includes(f)),
      'generated files Biome would lint/format: add their folder to the "!…" entries of biome.jsonc',
    ).toEqual([]);
  });

  it('while a hand-written file beside them is checked', () => {
    expect(processed).toContain(handWritten);
  });
});
