/**
 * The registry against the real specs and against itself: every extension the five specs use is
 * declared, where it stands and with the value it has; every declaration's documented example is
 * valid by its own schema; and specs/README.md shows exactly the registry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXTENSIONS, LOCATIONS, README_COMMAND, checkExtensions, effectToBump, extension, extensionBump, extensionSites, loadSpec, withExtensionsTable } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vendors = readdirSync(join(root, 'specs'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('the real specs', () => {
  it.each(vendors)('%s: every extension is declared, in a place it may stand, with a valid value', (vendor) => {
    const { doc } = loadSpec(join(root, 'specs', vendor, 'openapi.yaml'));
    expect(extensionSites(doc).length).toBeGreaterThan(0);
    expect(checkExtensions(doc)).toEqual([]);
  });

  it('use every declared extension at least once (a declaration nobody uses is dead)', () => {
    const used = new Set(vendors.flatMap((v) => extensionSites(loadSpec(join(root, 'specs', v, 'openapi.yaml')).doc).map((s) => s.name)));
    expect(EXTENSIONS.map((e) => e.name).filter((n) => !used.has(n))).toEqual([]);
  });
});

describe('each declaration', () => {
  /** The first value under `key` anywhere in a parsed YAML fragment. */
  const find = (node: unknown, key: string): { found: boolean; value?: unknown } => {
    if (node === null || typeof node !== 'object') return { found: false };
    if (!Array.isArray(node) && Object.hasOwn(node, key)) return { found: true, value: (node as Record<string, unknown>)[key] };
    for (const child of Object.values(node)) {
      const r = find(child, key);
      if (r.found) return r;
    }
    return { found: false };
  };

  it.each(EXTENSIONS.map((e) => [e.name, e] as const))('%s: its example shows it with a value its schema accepts', (name, declaration) => {
    const example = find(parse(declaration.example), name);
    expect(example.found).toBe(true);
    expect(declaration.schema.safeParse(example.value).error?.issues).toBeUndefined();
  });

  it.each(EXTENSIONS.map((e) => [e.name, e] as const))('%s: declares places that exist, a paragraph of documentation and a fill', (_name, declaration) => {
    expect(declaration.where.length).toBeGreaterThan(0);
    for (const where of declaration.where) expect(LOCATIONS).toContain(where);
    expect(declaration.doc.length).toBeGreaterThan(40);
    expect(declaration.fills === 'docs-only' || declaration.fills.length > 0).toBe(true);
  });

  it('names are unique and lower-case x- names', () => {
    const names = EXTENSIONS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^x-[a-z][a-z0-9-]*$/);
  });
});

describe('semver classes', () => {
  it('a constraint narrows requests (major) and widens responses (major when removed)', () => {
    expect(extensionBump('x-luhn', 'add', 'request')).toBe('major');
    expect(extensionBump('x-luhn', 'add', 'response')).toBe('minor');
    expect(extensionBump('x-luhn', 'remove', 'request')).toBe('minor');
    expect(extensionBump('x-luhn', 'remove', 'response')).toBe('major');
    expect(effectToBump('narrows')).toBe('major');
  });

  it('an undeclared extension has no class (spec-diff calls it unclassified)', () => {
    expect(extensionBump('x-not-declared', 'add')).toBeUndefined();
    expect(extension('x-not-declared')).toBeUndefined();
  });
});

describe('specs/README.md', () => {
  it(`shows the registry's table exactly (regenerate with \`${README_COMMAND}\`)`, () => {
    const readme = readFileSync(join(root, 'specs', 'README.md'), 'utf8');
    const expected = withExtensionsTable(readme);
    if (readme !== expected) expect.fail(`specs/README.md's extensions table drifted from tools/spec-model/src/extensions.ts: run \`${README_COMMAND}\` and commit the result`);
    for (const e of EXTENSIONS) expect(readme).toContain(`| \`${e.name}\` |`);
  });

  it('the table region is replaced, nothing around it', () => {
    const stale =
      'before\n<!-- extensions:start (generated from tools/spec-model/src/extensions.ts by `npm run spec-model:readme`; do not edit) -->\nold\n<!-- extensions:end -->\nafter\n';
    const out = withExtensionsTable(stale);
    expect(out.startsWith('before\n')).toBe(true);
    expect(out.endsWith('\nafter\n')).toBe(true);
    expect(out).not.toContain('\nold\n');
    expect(() => withExtensionsTable('no markers')).toThrow(/markers are missing/);
  });
});
