/**
 * Generated files written to a temporary folder and imported, so tests exercise exactly what the
 * generator produced (not a snapshot that may not be written yet). The folder gets a
 * `node_modules` link to the workspace's, so the generated imports (`zod`) resolve.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

export class TempGenerated {
  readonly dir = mkdtempSync(join(tmpdir(), 'codegen-test-'));

  constructor() {
    symlinkSync(join(repoRoot, 'node_modules'), join(this.dir, 'node_modules'), 'dir');
  }

  /** Writes the files under `<dir>/<name>/` and imports the given one. */
  async load<T = Record<string, any>>(name: string, files: Map<string, string>, entry: string): Promise<T> {
    const folder = join(this.dir, name);
    mkdirSync(folder, { recursive: true });
    for (const [file, text] of files) writeFileSync(join(folder, file), text);
    return (await import(pathToFileURL(join(folder, entry)).href)) as T;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
