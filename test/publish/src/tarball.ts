/**
 * What a consumer downloads: `npm pack` of a package directory (the same file list `npm publish`
 * uploads), unpacked into a temp directory so its README, LICENSE and manifest can be read.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run } from './run.js';

export interface Packed {
  /** Paths inside the tarball, relative to its `package/` folder. */
  files: string[];
  /** Where the tarball was unpacked: `<dir>/package/...`. */
  root: string;
}

export async function packAndUnpack(packageDir: string, dest: string, env: NodeJS.ProcessEnv): Promise<Packed> {
  mkdirSync(dest, { recursive: true });
  const packed = ok('npm pack', await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: packageDir, env }));
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  ok('tar -xzf', await run('tar', ['-xzf', join(dest, info.filename), '-C', dest], { cwd: dest, env }));
  return { files: info.files.map((f) => f.path), root: join(dest, 'package') };
}

/**
 * Link targets in a Markdown text that a registry page cannot follow: anything but an absolute
 * http(s) or mailto URL or an anchor on the same page. Inline links and images, reference
 * definitions and HTML `href`/`src`; fenced code blocks are skipped.
 */
export function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/\s(?:href|src)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!),
  ];
  return targets.filter((t) => !/^(https?:\/\/|mailto:|#)/i.test(t));
}

/** Files that are tests or test tooling, which a tarball should not carry. */
export function isTestFile(path: string): boolean {
  return /(^|\/)(test|tests|__tests__|fixtures)\//.test(path) || /\.(test|spec)(-d)?\.[cm]?[jt]sx?$/.test(path) || /(^|\/)vitest\.config\./.test(path);
}
