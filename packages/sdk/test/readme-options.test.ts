/**
 * Each package README documents every option its client takes. The lists are the ones the facade
 * checks configurations against (registry.ts), which the compiler keeps equal to each vendor's
 * options type, so an option added to a vendor without a README row fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_OPTION_KEYS, VENDOR_KEYS, VENDORS } from '../src/registry.js';

const readme = (slug: string) => readFileSync(new URL(`../../${slug}/README.md`, import.meta.url), 'utf8');

/** The text of the `## Configuration` (or `## Client options`) section. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('README options', () => {
  it('the runtime README has a row, with a default, for every shared option and baseUrl, environment, credentials', () => {
    const table = section(readme('runtime'), 'Client options');
    for (const name of [...SHARED_OPTION_KEYS, 'baseUrl', 'environment', 'credentials']) {
      expect(table, name).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|]+ \\|`, 'm'));
    }
  });

  it.each(VENDOR_KEYS)("%s's README has a row for each of its own options and names every shared one", (key) => {
    const { slug, ownOptions } = VENDORS[key];
    const configuration = section(readme(slug), 'Configuration');
    expect(configuration, `packages/${slug}/README.md has no ## Configuration`).not.toBe('');
    for (const name of ownOptions) expect(configuration, name).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|]+ \\|`, 'm'));
    for (const name of SHARED_OPTION_KEYS) {
      const named = configuration.includes(`\`${name}\``) || (['sleep', 'random', 'now'].includes(name) && configuration.includes('`sleep`/`random`/`now`'));
      expect(named, `${slug}: ${name}`).toBe(true);
    }
  });
});
