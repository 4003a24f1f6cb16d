/**
 * Publish for real: the packages go through `changeset version` and `changeset publish` into a
 * throwaway verdaccio (once per run, src/shared-release.ts), then a fresh project outside the
 * workspace installs them from it with npm, type-checks a program with `tsc --strict` and runs it
 * against Prism.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismServer, startPrism } from '@vendor-contracts/contract-tests/prism';
import { loadSpec, workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { type Released, sharedRelease } from '../src/released.js';
import { ok, run } from '../src/run.js';
import { consumerNpmrc } from '../src/session.js';

const root = workspaceRoot();
const tscBin = join(root, 'node_modules/typescript/bin/tsc');
const npmBin = 'npm';

let release: Released;
let temp: string;
let prism: PrismServer | undefined;
let env: NodeJS.ProcessEnv;
let consumer: string;
let released: Map<string, string>;

/** What the consumer depends on: the facade and one vendor package (the runtime comes with them). */
const consumerDependencies = ['@vendor-contracts/sdk', '@vendor-contracts/tmt-first'];

beforeAll(() => {
  release = sharedRelease();
  ({ env, released } = release);
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'vc-publish-')));
});

afterAll(async () => {
  await prism?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('publish to a local registry and consume from a fresh project', () => {
  it('versions and publishes every public package with changesets', async () => {
    expect([...release.before.keys()]).toEqual(expect.arrayContaining([...consumerDependencies, '@vendor-contracts/runtime']));
    expect([...released.keys()].sort()).toEqual([...release.before.keys()].sort());
    for (const [name, version] of released) expect(version, name).not.toBe(release.before.get(name));
    for (const [name, version] of released) {
      expect(release.publishOutput).toContain(`${name}@${version}`);
      const res = await fetch(`${release.registryUrl}${name.replace('/', '%2f')}`);
      expect(res.status, name).toBe(200);
      const doc = (await res.json()) as { versions: Record<string, unknown> };
      expect(Object.keys(doc.versions), name).toEqual([version]);
    }
  });

  it('installs them with npm into a project outside the workspace', async () => {
    consumer = join(temp, 'consumer');
    mkdirSync(consumer);
    expect(consumer.startsWith(root)).toBe(false);
    const deps = Object.fromEntries(consumerDependencies.map((name) => [name, released.get(name)!]));
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps }, null, 2));
    // Only our scope comes from the local registry; zod, openapi-fetch, … from the public one.
    writeFileSync(join(consumer, '.npmrc'), consumerNpmrc(release.registryUrl));
    ok('npm install', await run(npmBin, ['install', '--no-audit', '--no-fund'], { cwd: consumer, env, timeoutMs: 300_000 }));
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; resolved?: string }> };
    for (const name of [...consumerDependencies, '@vendor-contracts/runtime']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry?.version, name).toBe(released.get(name));
      expect(entry?.resolved, name).toMatch(new RegExp(`^${release.registryUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
  });

  it('type-checks a consumer program with tsc --strict, and rejects a wrong call', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM'],
          types: [],
          outDir: 'dist',
          skipLibCheck: false,
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(join(consumer, 'main.ts'), consumerProgram());
    // Type-checks our .d.ts too (skipLibCheck false) and emits dist/main.js for the next test.
    ok('tsc --strict', await run(process.execPath, [tscBin, '-p', '.'], { cwd: consumer, env }));

    writeFileSync(
      join(consumer, 'wrong.ts'),
      [
        "import { createVendorContracts } from '@vendor-contracts/sdk';",
        "import { createTmtFirstClient } from '@vendor-contracts/tmt-first';",
        "const tmt = createTmtFirstClient({ apiKey: 'k' });",
        "await tmt.getJob({ path: { connect_id: 'not-a-number' } });",
        "await createVendorContracts({ tmtFirst: { apiKey: 'k' } }).telecomx.updateInternetRequest;",
        'export {};',
        '',
      ].join('\n'),
    );
    writeFileSync(join(consumer, 'tsconfig.wrong.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: true }, files: ['wrong.ts'] }));
    const wrong = await run(process.execPath, [tscBin, '-p', 'tsconfig.wrong.json', '--noEmit'], { cwd: consumer, env });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(4,[0-9]+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    // A vendor left out of the facade's configuration is not a property.
    expect(wrong.stdout).toMatch(/wrong\.ts\(5,[0-9]+\): error TS2339: Property 'telecomx' does not exist/);
  });

  it('runs the compiled program against Prism', async () => {
    prism = await startPrism('tmt-first', { useEnvBaseUrl: false });
    const result = ok('node dist/main.js', await run(process.execPath, ['dist/main.js'], { cwd: consumer, env: { ...env, TMT_BASE_URL: prism.baseUrl } }));
    const out = JSON.parse(result.stdout) as { connectId: number; jobStatus: string; rejected: string[]; sameSubpathExport: boolean };

    const spec = loadSpec('tmt-first') as any;
    const prealert = spec.paths['/prealert'].post.responses['200'].content['application/json'].examples.prealerted.value;
    const job = spec.paths['/job/{connect_id}'].get.responses['200'].content['application/json'].examples.quoteSent.value;
    expect(out.connectId).toBe(prealert.connect_id);
    expect(out.jobStatus).toBe(job.status);
    expect(out.rejected).toEqual(['body.ra_flag']);
    expect(out.sameSubpathExport).toBe(true);
  });

  it('gives CommonJS callers the ESM build through require() on this Node', async () => {
    // We ship ESM only. Node ≥ 20.19 (and 22.12) loads ESM with require() when it has no
    // top-level await; older Node throws ERR_REQUIRE_ESM and needs `await import()`.
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const supported = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
    writeFileSync(
      join(consumer, 'cjs.cjs'),
      ["try { const m = require('@vendor-contracts/tmt-first'); console.log(typeof m.createTmtFirstClient); }", 'catch (error) { console.log(error.code); }', ''].join('\n'),
    );
    const result = ok('node cjs.cjs', await run(process.execPath, ['cjs.cjs'], { cwd: consumer, env }));
    expect(result.stdout.trim()).toBe(supported ? 'function' : 'ERR_REQUIRE_ESM');
  });
});

/**
 * The consumer's program: the facade makes one call Prism answers, the vendor package another, and
 * the client refuses a third before sending; the error class comes from the facade.
 */
function consumerProgram(): string {
  return `import { createVendorContracts, RequestValidationError } from '@vendor-contracts/sdk';
import { createTmtFirstClient as fromSubpath } from '@vendor-contracts/sdk/tmt-first';
import { createTmtFirstClient, type Device } from '@vendor-contracts/tmt-first';

// The consumer has no @types/node; this is the one Node global it reads.
declare const process: { env: Record<string, string | undefined> };
const baseUrl = process.env.TMT_BASE_URL;
if (!baseUrl) throw new Error('TMT_BASE_URL is not set');
const vendors = createVendorContracts({ tmtFirst: { apiKey: 'consumer-test-key', baseUrl } });
const created = await vendors.tmtFirst.prealert({
  body: { customer_reference: 'REF1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null },
});
const connectId: number = created.connect_id;

const tmt = createTmtFirstClient({ apiKey: 'consumer-test-key', baseUrl });
const job: Device = await tmt.getJob({ path: { connect_id: connectId } });

let rejected: string[] = [];
try {
  // ra_flag 2 is outside the enum: the client refuses it before any request.
  await tmt.prealert({ body: { customer_reference: 'REF2', make: 'Samsung', job_description: '', ra_flag: 2, return_address: null } as never });
} catch (error) {
  if (error instanceof RequestValidationError) rejected = error.issues.map((issue) => issue.path);
}
console.log(JSON.stringify({ connectId, jobStatus: job.status, rejected, sameSubpathExport: fromSubpath === createTmtFirstClient }));
`;
}
