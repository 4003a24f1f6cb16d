/** Where things are: the workspace, its public packages, the suite's own folders. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const suiteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const workspaceRoot = resolve(suiteRoot, '../..');
export const specsDir = join(workspaceRoot, 'specs');
export const smokeDir = join(suiteRoot, 'smoke');

export interface PublicPackage {
  name: string;
  dir: string;
}

/** Every package under `packages/` that is not private: what a user can install. */
export function publicPackages(): PublicPackage[] {
  const root = join(workspaceRoot, 'packages');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ dir: join(root, d.name), manifest: JSON.parse(readFileSync(join(root, d.name, 'package.json'), 'utf8')) as { name: string; private?: boolean } }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }));
}

/** The vendors (folders of `specs/` with an `openapi.yaml`). */
export function vendors(): string[] {
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}
