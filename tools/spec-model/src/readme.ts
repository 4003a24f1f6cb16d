/**
 * The extensions table of specs/README.md, rendered from the registry between two markers, so
 * the documentation cannot drift from what lint, codegen and spec-diff enforce.
 */
import { EXTENSIONS } from './extensions.js';
import type { Fill, SemverEffect } from './registry.js';

export const TABLE_START = '<!-- extensions:start (generated from tools/spec-model/src/extensions.ts by `npm run spec-model:readme`; do not edit) -->';
export const TABLE_END = '<!-- extensions:end -->';
export const README_COMMAND = 'npm run spec-model:readme';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const effect = (e: SemverEffect): string => (e === 'narrows' ? 'narrows (request major, response minor)' : e === 'widens' ? 'widens (request minor, response major)' : e);

function fills(f: 'docs-only' | readonly Fill[]): string {
  if (f === 'docs-only') return 'docs-only';
  return f
    .map((x) => (x.in === 'schemas' ? `generated validators: ${x.effect}` : `\`${x.in === 'operation' ? 'OperationDefinition' : 'VendorDefinition'}.${x.field}\``))
    .join(', ');
}

export function renderExtensionsTable(): string {
  const rows = EXTENSIONS.map((e) => {
    const s = e.semver;
    const semver = s.add === s.remove && s.remove === s.change ? effect(s.add) : `add ${effect(s.add)}, remove ${effect(s.remove)}, change ${effect(s.change)}`;
    return `| \`${e.name}\` | ${e.where.length === 14 ? 'anywhere' : e.where.join(', ')} | ${cell(e.doc)} Example: \`${cell(e.example.replaceAll('\n', ' ⏎ '))}\` | ${cell(semver)} | ${fills(e.fills)} |`;
  });
  return [TABLE_START, '', '| extension | where | meaning | spec-diff | fills |', '|---|---|---|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** The README with its table region replaced by the registry's; throws if the markers are missing. */
export function withExtensionsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`specs/README.md: the extensions table markers are missing (${TABLE_START} … ${TABLE_END})`);
  return readme.slice(0, start) + renderExtensionsTable() + readme.slice(end + TABLE_END.length);
}
