/**
 * Synthetic vendors for the codegen-scale benchmark: vendor i is our real spec number i mod 5
 * with every operationId and component schema renamed (suffix `V<i>`), so each is distinct, of
 * realistic size, and exercises the same generator features as the real five.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export function syntheticName(i: number): string {
  return `v${String(i).padStart(3, '0')}`;
}

/** `spec` (an OpenAPI document) with its operations and component schemas renamed. */
export function renameSpec(spec: Record<string, any>, suffix: string): Record<string, any> {
  const names = Object.keys(spec.components?.schemas ?? {});
  const renamed = new Map(names.map((n) => [`#/components/schemas/${n}`, `#/components/schemas/${n}${suffix}`]));
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (typeof value === 'string') return key === 'operationId' ? `${value}${suffix}` : (renamed.get(value) ?? value);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  };
  const out = walk(spec) as Record<string, any>;
  if (out.components?.schemas) {
    out.components.schemas = Object.fromEntries(Object.entries(out.components.schemas).map(([n, s]) => [`${n}${suffix}`, s]));
  }
  return out;
}

/**
 * A workspace under `root` with `count` synthetic vendors (specs/<vNNN>/openapi.yaml and a
 * packages/<vNNN> Nx project whose `codegen` target mirrors the real packages'), the generator
 * copied to tools/codegen (so its files are Nx inputs, as in the repo), and node_modules linked
 * to the repo's.
 */
export function writeSyntheticWorkspace(root: string, repoRoot: string, baseSpecs: string[], count: number): string[] {
  const bases = baseSpecs.map((file) => parse(readFileSync(file, 'utf8')) as Record<string, any>);
  mkdirSync(root, { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  cpSync(join(repoRoot, 'tools', 'codegen', 'src'), join(root, 'tools', 'codegen', 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-synthetic', private: true, type: 'module', workspaces: ['packages/*'] }, null, 2));
  writeFileSync(join(root, 'nx.json'), JSON.stringify({ targetDefaults: { codegen: { cache: true } }, parallel: 2, neverConnectToCloud: true, analytics: false }, null, 2));
  const vendors: string[] = [];
  for (let i = 1; i <= count; i++) {
    const vendor = syntheticName(i);
    vendors.push(vendor);
    const spec = renameSpec(bases[(i - 1) % bases.length]!, `V${String(i).padStart(3, '0')}`);
    mkdirSync(join(root, 'specs', vendor), { recursive: true });
    writeFileSync(join(root, 'specs', vendor, 'openapi.yaml'), stringify(spec, { lineWidth: 0 }));
    mkdirSync(join(root, 'packages', vendor), { recursive: true });
    writeFileSync(
      join(root, 'packages', vendor, 'package.json'),
      JSON.stringify(
        {
          name: `@bench/${vendor}`,
          version: '0.0.0',
          private: true,
          type: 'module',
          scripts: { codegen: `tsx ../../tools/codegen/src/cli.ts ${vendor}` },
          nx: {
            targets: {
              codegen: {
                inputs: [`{workspaceRoot}/specs/${vendor}/openapi.yaml`, '{workspaceRoot}/tools/codegen/src/**/*'],
                outputs: ['{projectRoot}/src/generated'],
                cache: true,
              },
            },
          },
        },
        null,
        2,
      ),
    );
  }
  return vendors;
}
