/**
 * Bundle size of what an application ships: esbuild (ESM, minified, tree-shaken, honouring
 * `sideEffects: false`, code splitting on, as an application bundler splits a dynamic `import()`)
 * over the published builds (dist/), gzip level 9. What a page loads first (the entry and the
 * chunks it imports) is measured apart from what loads on demand (zod and the zod schemas, which a
 * generated client imports only when a value needs them). The metafile says which package fills
 * each bundle.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { definition as tmtDefinition } from '@vendor-contracts/tmt-first';
import { build, type Metafile } from 'esbuild';
import { kb, type Row, type SectionResult, table } from './report.js';

const TARGET_GZ = 15 * 1024;
const benchRoot = fileURLToPath(new URL('..', import.meta.url));

interface Size {
  minified: number;
  gzipped: number;
}

interface Bundle {
  /** The entry and every chunk it imports statically: what loads before the first call. */
  initial: Size;
  /** Chunks reached only through a dynamic `import()`: loaded when first needed. */
  lazy: Size;
  /** Minified bytes by package, first-loaded and on demand. */
  shares: Array<{ name: string; initial: number; lazy: number }>;
}

async function bundle(program: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents: program, resolveDir: benchRoot, loader: 'ts', sourcefile: 'program.ts' },
    bundle: true,
    write: false,
    outdir: 'out',
    splitting: true,
    format: 'esm',
    // Node: the packages target Node >= 20 and use a few node: builtins (timers in the workflow
    // helpers), which the platform provides and are not bundled.
    platform: 'node',
    mainFields: ['module', 'main'],
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint !== undefined)!;
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const i of outputs[name]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const size = (pick: (name: string) => boolean): Size => {
    const files = result.outputFiles.filter((f) => pick(outputName(f.path, outputs)));
    return {
      minified: files.reduce((n, f) => n + f.contents.length, 0),
      // Each chunk is a file of its own on the wire, gzipped apart.
      gzipped: files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0),
    };
  };
  return { initial: size((n) => initial.has(n)), lazy: size((n) => !initial.has(n)), shares: byPackage(result.metafile, initial) };
}

/** The metafile's name for an output file (relative to the working directory). */
function outputName(path: string, outputs: Metafile['outputs']): string {
  return Object.keys(outputs).find((name) => path.endsWith(name.replace(/^(\.\.\/)+/, '/'))) ?? path;
}

/** The package an input file belongs to: `zod`, `openapi-fetch`, `@vendor-contracts/runtime`, … */
export function packageOf(input: string): string {
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(input);
  // A vendor's generated checks and zod schemas are listed apart: they are most of its bytes.
  const generated = /\/generated\/(checks|schemas)\.[jt]s$/.exec(input);
  if (workspace && !input.includes('node_modules/')) return `@vendor-contracts/${workspace[1]}${generated ? ` (generated/${generated[1]})` : ''}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return dep ? dep[1]! : input;
}

function byPackage(metafile: Metafile, initial: ReadonlySet<string>): Bundle['shares'] {
  const sums = new Map<string, { name: string; initial: number; lazy: number }>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const name = packageOf(input);
      const row = sums.get(name) ?? { name, initial: 0, lazy: 0 };
      row[initial.has(output) ? 'initial' : 'lazy'] += bytesInOutput;
      sums.set(name, row);
    }
  }
  return [...sums.values()].filter((r) => r.initial + r.lazy > 0).sort((a, b) => b.initial - a.initial || b.lazy - a.lazy);
}

const oneOperation: Record<string, string> = {
  'tmt-first': `import { createTmtFirstClient } from '@vendor-contracts/tmt-first';\nconst c = createTmtFirstClient({ apiKey: 'k' });\nexport const run = () => c.listDevices();`,
  telecomx: `import { createTelecomxClient } from '@vendor-contracts/telecomx';\nconst c = createTelecomxClient({ token: 't' });\nexport const run = () => c.updateInternetRequest({ path: { requestId: 'r' }, body: {} });`,
  infocare: `import { createInfocareClient } from '@vendor-contracts/infocare';\nconst c = createInfocareClient({ baseUrl: 'https://serviceorderhub.com', apiToken: 't' });\nexport const run = () => c.sendCompletedEmail({ body: { guid: 'g' } });`,
  totalmobile: `import { createTotalmobileClient } from '@vendor-contracts/totalmobile';\nconst c = createTotalmobileClient({ username: 'u', password: 'p' });\nexport const run = () => c.getSalesOrder({ query: { PrimaryOrderNumber: 'o', ContractExternalId: 'c' } });`,
  atttool: `import { createAtttoolClient } from '@vendor-contracts/atttool';\nconst c = createAtttoolClient({ apiKey: 'k' });\nexport const run = () => c.getOrderStatusByQuery({ query: { order_id: 1 } });`,
};

const wholeTmt = `import { createTmtFirstClient } from '@vendor-contracts/tmt-first';\nimport * as schemas from '@vendor-contracts/tmt-first/schemas';\nconst c = createTmtFirstClient({ apiKey: 'k' });\nexport { schemas };\nexport const run = () => [${Object.keys(
  tmtDefinition.operations,
)
  .map((id) => `c.${id}({} as never)`)
  .join(', ')}];`;

const facade = `import { createVendorContracts } from '@vendor-contracts/sdk';
const v = createVendorContracts({
  tmtFirst: { apiKey: 'k' }, telecomx: { token: 't' }, infocare: { baseUrl: 'https://serviceorderhub.com', apiToken: 't' },
  totalmobile: { username: 'u', password: 'p' }, atttool: { apiKey: 'k' },
});
export const run = () => [v.tmtFirst.listDevices(), v.telecomx.updateInternetRequest({} as never), v.infocare.sendCompletedEmail({} as never), v.totalmobile.getSalesOrder({} as never), v.atttool.getOrderStatusByQuery({} as never)];`;

/** The engine and openapi-fetch with one hand-written operation: what every vendor bundle starts from. */
const runtimeOnly = `import { createVendorClient } from '@vendor-contracts/runtime';
const c = createVendorClient({ vendor: 'x', servers: { production: 'https://x' }, securitySchemes: {}, operations: {
  a: { operationId: 'a', method: 'GET', path: '/a', security: [], idempotent: true, credentials: [], responseVendorErrors: {}, checks: { request: {}, responses: {} } },
} }, {});
export const run = () => c.call('a', {});`;

const references: Record<string, string> = {
  'zod alone, `import { z }` (one z.looseObject)': `import { z } from 'zod';\nexport const s = z.looseObject({ a: z.string() });`,
  'zod alone, `import * as z` (one z.looseObject)': `import * as z from 'zod';\nexport const s = z.looseObject({ a: z.string() });`,
  'zod/mini alone (one z.looseObject)': `import * as z from 'zod/mini';\nexport const s = z.looseObject({ a: z.string() });`,
  'openapi-fetch alone (one client)': `import createClient from 'openapi-fetch';\nexport const c = createClient({ baseUrl: 'https://x' });`,
};

/** Which package fills a bundle: minified bytes first-loaded and on demand, and the share of the first load. */
function breakdown(b: Bundle): string {
  const total = b.shares.reduce((n, r) => n + r.initial, 0);
  return table(
    ['package', 'loaded first', 'share of the first load', 'on demand'],
    b.shares.map((r) => [r.name, r.initial ? kb(r.initial) : '–', r.initial ? `${((r.initial / total) * 100).toFixed(0)} %` : '–', r.lazy ? kb(r.lazy) : '–']),
  );
}

export async function bundleSection(_quick: boolean): Promise<SectionResult> {
  const rows: Row[] = [];
  const detail: string[][] = [];
  const line = (what: string, b: Bundle) =>
    detail.push([what, kb(b.initial.minified), kb(b.initial.gzipped), b.lazy.minified ? `${kb(b.lazy.minified)} / ${kb(b.lazy.gzipped)}` : '–']);
  const tmtOne = await bundle(oneOperation['tmt-first']!);
  rows.push({
    what: 'one operation of one vendor (TMT First `listDevices`), gzipped, loaded before the first call',
    value: kb(tmtOne.initial.gzipped),
    target: '≤ 15 kB',
    met: tmtOne.initial.gzipped <= TARGET_GZ,
  });
  for (const [vendor, program] of Object.entries(oneOperation)) line(`one operation of ${vendor}`, vendor === 'tmt-first' ? tmtOne : await bundle(program));
  const whole = await bundle(wholeTmt);
  rows.push({ what: 'one whole vendor (TMT First: every operation + its schemas export), gzipped, loaded first', value: kb(whole.initial.gzipped) });
  line('whole TMT First (every operation + schemas)', whole);
  const all = await bundle(facade);
  rows.push({ what: 'the facade with all five vendors, gzipped, loaded first', value: kb(all.initial.gzipped) });
  line('facade, all five vendors', all);
  const sizes: Record<string, Bundle> = {};
  for (const [name, program] of Object.entries(references)) sizes[name] = await bundle(program);
  for (const [name, b] of Object.entries(sizes)) line(name, b);
  const runtimeAlone = await bundle(runtimeOnly);
  line('the runtime alone (`createVendorClient`, one operation without schemas) + openapi-fetch', runtimeAlone);
  const zodFirst = tmtOne.shares.find((r) => r.name === 'zod')?.initial ?? 0;
  const zodLater = tmtOne.shares.find((r) => r.name === 'zod')?.lazy ?? 0;
  const findings = [
    `zod is ${zodFirst ? `${kb(zodFirst)} of the one-operation first load` : 'not in the one-operation first load'}${zodLater ? ` (${kb(zodLater)} minified load on demand, with the zod schemas)` : ''}. ` +
      'A generated definition refers to its zod schemas through a dynamic `import()` of generated/schemas.ts; the compiled checks decide every call and explain a rejection, so zod loads only for an `x-alias-of` body (TelecomX `updateInternetRequest` 200, which zod rewrites), for `onUnknownFields`, or for a definition without checks.',
    `The runtime with openapi-fetch is ${kb(runtimeAlone.initial.gzipped)} gzipped on its own (openapi-fetch ${kb(sizes['openapi-fetch alone (one client)']!.initial.gzipped)}): what is left of the target for the vendor's checks and operation table is what decides it.`,
    `\`import { z } from 'zod'\` keeps all of zod, every locale included (${kb(sizes['zod alone, `import { z }` (one z.looseObject)']!.initial.gzipped)} gzipped for one schema); the generated schemas use \`import * as z from 'zod'\`, which tree-shakes to ${kb(sizes['zod alone, `import * as z` (one z.looseObject)']!.initial.gzipped)}.`,
  ];
  const breakdowns = [
    ['one operation (TMT First `listDevices`)', tmtOne],
    ['whole TMT First (every operation + schemas)', whole],
    ['facade, all five vendors', all],
  ] as const;
  return {
    title: 'Bundle size',
    method:
      'esbuild 0.28 bundles a small program over the built packages (dist/, as installed from npm): ESM, code splitting on (a dynamic `import()` becomes a chunk loaded on demand, as in Vite, webpack or Rollup), `platform: node` (`node:` builtins come from the platform and are not bundled), minified, tree-shaken; gzip level 9, each chunk apart. ' +
      '"Loaded first" is the entry with every chunk it imports statically; "on demand" the chunks only a dynamic `import()` reaches. A vendor client holds its whole operation table, so one operation costs about the same as the whole vendor client; the schemas subpath adds the component schemas.',
    rows,
    details:
      `${table(['program', 'loaded first, minified', 'loaded first, gzipped', 'on demand, minified / gzipped'], detail)}\n\n${findings.map((f) => `- ${f}`).join('\n')}\n\n` +
      'Which package fills each bundle (esbuild metafile, minified bytes before gzip):\n\n' +
      breakdowns.map(([what, b]) => `${what}:\n\n${breakdown(b)}`).join('\n\n'),
  };
}
