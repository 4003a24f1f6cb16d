/**
 * `npm run assumptions [vendor ...]` — every `x-assumption` in the specs with the JSON pointer it
 * sits on, as Markdown: what each contract guesses where its vendor's document is silent.
 */
import { escapeToken } from '@vendor-contracts/spec-model';
import { discoverVendors } from './config.js';
import { loadSpec } from './spec.js';

export function listAssumptions(node: unknown, pointer = ''): Array<{ pointer: string; text: string }> {
  if (!node || typeof node !== 'object') return [];
  const out: Array<{ pointer: string; text: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${escapeToken(key)}`;
    if (key === 'x-assumption') out.push({ pointer: pointer || '/', text: String(value).trim() });
    else out.push(...listAssumptions(value, here));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = process.argv.slice(2);
  for (const target of discoverVendors().filter((t) => !wanted.length || wanted.includes(t.vendor))) {
    const items = listAssumptions(loadSpec(target.specFile).doc);
    process.stdout.write(`## ${target.vendor} (${items.length} assumptions)\n\n`);
    for (const { pointer, text } of items) process.stdout.write(`- \`${pointer}\`: ${text.replace(/\s+/g, ' ')}\n`);
    process.stdout.write('\n');
  }
}
