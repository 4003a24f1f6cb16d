/**
 * The tracing entry is opt-in: the main entry (and every other entry but `./otel`) never reaches
 * `@opentelemetry/api`, so it works without the optional peer; the otel entry is web-standard.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
const sources = Object.entries(pkg.exports).flatMap(([name, target]) => (typeof target === 'object' ? [[name, target['@vendor-contracts/source']!] as const] : []));

/** Every bare or `node:` import the entry reaches, following its own files. */
async function externalImports(source: string): Promise<string[]> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../../${source}`, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    logLevel: 'silent',
  });
  return [...new Set(Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((m) => m.external).map((m) => m.path)))].sort();
}

describe('entries', () => {
  it('lists the otel entry among the exports', () => {
    expect(sources.map(([name]) => name)).toContain('./otel');
  });

  it.each(sources.filter(([name]) => name !== './otel'))('%s does not import @opentelemetry', async (_name, source) => {
    const imports = await externalImports(source);
    expect(imports.filter((i) => i.startsWith('@opentelemetry/'))).toEqual([]);
  });

  it('the scan sees packages: the main entry imports openapi-fetch', async () => {
    expect(await externalImports('src/index.ts')).toContain('openapi-fetch');
  });

  it('./otel imports @opentelemetry/api and no node: module', async () => {
    const imports = await externalImports('src/otel/index.ts');
    expect(imports).toContain('@opentelemetry/api');
    expect(imports.filter((i) => i.startsWith('node:'))).toEqual([]);
  });
});
