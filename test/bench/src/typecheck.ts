/**
 * Type-check cost for a consumer: `tsc --noEmit --extendedDiagnostics` of a program calling every
 * operation of every vendor through the facade, vs the same calls through openapi-fetch alone on
 * the same generated `paths` types. Both resolve the published d.ts files (dist/), as an app would.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definition as atttool } from '@vendor-contracts/atttool';
import { definition as infocare } from '@vendor-contracts/infocare';
import type { VendorDefinition } from '@vendor-contracts/runtime';
import { definition as telecomx } from '@vendor-contracts/telecomx';
import { definition as tmtFirst } from '@vendor-contracts/tmt-first';
import { definition as totalmobile } from '@vendor-contracts/totalmobile';
import { median } from './harness.js';
import { ms, ratio, type Row, type SectionResult, table } from './report.js';

const TARGET = 2;

/** Facade key → package and options, in the facade's order. */
const VENDORS: Array<{ key: string; pkg: string; definition: VendorDefinition; options: string }> = [
  { key: 'tmtFirst', pkg: '@vendor-contracts/tmt-first', definition: tmtFirst, options: `{ apiKey: 'k' }` },
  { key: 'telecomx', pkg: '@vendor-contracts/telecomx', definition: telecomx, options: `{ token: 't' }` },
  { key: 'infocare', pkg: '@vendor-contracts/infocare', definition: infocare, options: `{ baseUrl: 'https://serviceorderhub.com', apiToken: 't' }` },
  { key: 'totalmobile', pkg: '@vendor-contracts/totalmobile', definition: totalmobile, options: `{ username: 'u', password: 'p' }` },
  { key: 'atttool', pkg: '@vendor-contracts/atttool', definition: atttool, options: `{ apiKey: 'k' }` },
];

const PRELUDE = "/** A value of type T, so each call is checked against the library's own input type. */\ndeclare function input<T>(): T;\n";

/** Every operation of every vendor through `createVendorContracts`. */
export function facadeProgram(): string {
  const config = VENDORS.map((v) => `  ${v.key}: ${v.options},`).join('\n');
  const uses = VENDORS.map((v) => {
    const calls = Object.keys(v.definition.operations).map((id) => `    await v.${v.key}.${id}(input<Parameters<typeof v.${v.key}.${id}>[0]>()),`);
    return `export async function ${v.key}Calls() {\n  return [\n${calls.join('\n')}\n  ] as const;\n}`;
  });
  return `import { createVendorContracts } from '@vendor-contracts/sdk';\n${PRELUDE}\nconst v = createVendorContracts({\n${config}\n});\n\n${uses.join('\n\n')}\n`;
}

/** The same calls through openapi-fetch on each vendor package's generated `paths`. */
export function openapiFetchProgram(): string {
  const imports = VENDORS.map((v) => `import type { paths as ${v.key}Paths } from '${v.pkg}';`).join('\n');
  const uses = VENDORS.map((v) => {
    const calls = Object.values(v.definition.operations).map((op) => {
      const method = op.method.toLowerCase();
      return `    await ${v.key}.${op.method}('${op.path}', input<MaybeOptionalInit<${v.key}Paths['${op.path}'], '${method}'>>()),`;
    });
    return `const ${v.key} = createClient<${v.key}Paths>({ baseUrl: 'https://example.com' });\nexport async function ${v.key}Calls() {\n  return [\n${calls.join('\n')}\n  ] as const;\n}`;
  });
  return `import createClient, { type MaybeOptionalInit } from 'openapi-fetch';\n${imports}\n${PRELUDE}\n${uses.join('\n\n')}\n`;
}

interface Diagnostics {
  types: number;
  instantiations: number;
  checkMs: number;
  totalMs: number;
  files: number;
}

const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/lib/tsc.js');

function tsc(dir: string): Diagnostics {
  const result = spawnSync(process.execPath, [TSC, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc -p ${dir} failed:\n${`${result.stdout}${result.stderr}`.slice(0, 4000)}`);
  const value = (name: string) => {
    const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(result.stdout);
    if (!match) throw new Error(`tsc printed no "${name}"`);
    return Number(match[1]);
  };
  return { types: value('Types'), instantiations: value('Instantiations'), checkMs: value('Check time') * 1000, totalMs: value('Total time') * 1000, files: value('Files') };
}

function writeProject(dir: string, program: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'program.ts'), program);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['program.ts'],
      },
      null,
      2,
    ),
  );
}

export async function typecheckSection(quick: boolean): Promise<SectionResult> {
  const cache = fileURLToPath(new URL('../.cache/typecheck', import.meta.url));
  const projects = { facade: join(cache, 'facade'), 'openapi-fetch': join(cache, 'openapi-fetch') };
  writeProject(projects.facade, facadeProgram());
  writeProject(projects['openapi-fetch'], openapiFetchProgram());
  const runs = quick ? 1 : 3;
  const measured: Record<string, Diagnostics> = {};
  for (const [name, dir] of Object.entries(projects)) {
    const samples = Array.from({ length: runs }, () => tsc(dir));
    measured[name] = { ...samples[0]!, checkMs: median(samples.map((s) => s.checkMs)), totalMs: median(samples.map((s) => s.totalMs)) };
  }
  const ours = measured.facade!;
  const base = measured['openapi-fetch']!;
  const operations = VENDORS.reduce((n, v) => n + Object.keys(v.definition.operations).length, 0);
  const rows: Row[] = [];
  for (const [label, key, fmt] of [
    ['total time', 'totalMs', ms],
    ['check time', 'checkMs', ms],
    ['types', 'types', String],
    ['instantiations', 'instantiations', String],
  ] as const) {
    const r = ours[key] / base[key];
    rows.push({ what: `${label}: facade ${fmt(ours[key])} vs openapi-fetch ${fmt(base[key])}`, value: ratio(r), target: `≤ ${TARGET}×`, met: r <= TARGET });
  }
  return {
    title: 'Type-check cost',
    method:
      `Two generated consumer programs (in test/bench/.cache/typecheck) make the same ${operations} calls, every operation of every vendor, each with an argument of the library's own input type: ` +
      "one through `createVendorContracts` (`@vendor-contracts/sdk`), one through `createClient<paths>` of openapi-fetch on each vendor package's generated `paths`. " +
      `\`tsc -p <dir> --extendedDiagnostics\` (strict, NodeNext, skipLibCheck, published d.ts), median of ${runs} runs for times; types and instantiations are exact.`,
    rows,
    details: table(
      ['program', 'files', 'types', 'instantiations', 'check time', 'total time'],
      Object.entries(measured).map(([name, d]) => [name, String(d.files), String(d.types), String(d.instantiations), ms(d.checkMs), ms(d.totalMs)]),
    ),
  };
}
