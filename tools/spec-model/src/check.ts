/**
 * Every extension in a document checked against its declaration: a declared name, in a place it
 * may stand, with a value its schema accepts. spec-lint reports the problems (`vc-extension`).
 */
import { extension } from './extensions.js';
import type { Segment } from './pointer.js';
import { extensionSites } from './sites.js';

export interface ExtensionProblem {
  path: Segment[];
  message: string;
}

export function checkExtensions(doc: unknown): ExtensionProblem[] {
  const problems: ExtensionProblem[] = [];
  for (const site of extensionSites(doc)) {
    const declaration = extension(site.name);
    if (!declaration) {
      problems.push({ path: site.path, message: `${site.name} is not a declared extension (declare it in tools/spec-model/src/extensions.ts, or fix the spelling)` });
      continue;
    }
    if (!declaration.where.includes(site.location)) {
      problems.push({ path: site.path, message: `${site.name} may not stand on a ${site.location} (only on: ${declaration.where.join(', ')})` });
      continue;
    }
    const parsed = declaration.schema.safeParse(site.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const at = issue.path.length ? ` at ${issue.path.join('.')}` : '';
        problems.push({ path: [...site.path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: `${site.name}${at}: ${issue.message}` });
      }
    }
  }
  return problems;
}
