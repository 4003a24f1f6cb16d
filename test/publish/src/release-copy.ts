/**
 * A disposable copy of the workspace to release from: root manifest, `.changeset/` and every
 * package under packages/ (with its built dist), node_modules linked from the real workspace, in a
 * fresh git repository (`changeset publish` tags the release). Versioning it never touches the
 * real tree.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface PublicPackage {
  name: string;
  dir: string;
  version: string;
}

export function publicPackages(root: string): PublicPackage[] {
  const packages = join(root, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(packages, e.name, 'package.json')))
    .map((e) => {
      const manifest = JSON.parse(readFileSync(join(packages, e.name, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean };
      return { ...manifest, dir: join(packages, e.name) };
    })
    .filter((p) => !p.private)
    .map(({ name, dir, version }) => ({ name, dir, version }));
}

export function copyForRelease(root: string, dest: string): void {
  for (const file of ['package.json', 'tsconfig.base.json']) cpSync(join(root, file), join(dest, file));
  cpSync(join(root, '.changeset'), join(dest, '.changeset'), { recursive: true });
  cpSync(join(root, 'packages'), join(dest, 'packages'), {
    recursive: true,
    filter: (src) => !relative(join(root, 'packages'), src).split(sep).includes('node_modules'),
  });
  // The private workspace packages only by manifest: changesets checks its `ignore` list against them.
  for (const group of ['tools', 'test']) {
    if (!existsSync(join(root, group))) continue;
    for (const e of readdirSync(join(root, group), { withFileTypes: true })) {
      const manifest = join(root, group, e.name, 'package.json');
      if (e.isDirectory() && existsSync(manifest)) cpSync(manifest, join(dest, group, e.name, 'package.json'));
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dest, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.email=release@example.invalid', '-c', 'user.name=release', 'commit', '-qm', 'release copy');
}
