/**
 * The vendor scaffold: on an in-memory tree (what it writes, what it refuses), and for real in a
 * copy of the workspace, where the new vendor's codegen, typecheck, test and build pass.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReadmeRow, vendorGenerator } from '../src/generators/vendor/generator.js';
import { createTempWorkspace, linkWorkspacePackage, nxAsync, type TempWorkspace } from '../src/testing/temp-workspace.js';

const FIXTURE = readFileSync(new URL('./fixtures/acme-repairs.yaml', import.meta.url), 'utf8');
const README = [
  '# x',
  '',
  '| package | what it is |',
  '|---|---|',
  '| `@vendor-contracts/runtime` | the engine |',
  '| `@vendor-contracts/tmt-first` | TMT |',
  '',
  'Private workspace packages: …',
  '',
].join('\n');

function tree(): Tree {
  const t = createTreeWithEmptyWorkspace();
  t.write('packages/runtime/package.json', JSON.stringify({ name: '@vendor-contracts/runtime', version: '0.3.0', dependencies: { 'openapi-fetch': '0.17.0', zod: '~4.6.7' } }));
  t.write('README.md', README);
  t.write('LICENSE', 'MIT License\n\nCopyright (c) test\n');
  t.write(
    'package.json',
    JSON.stringify({ name: 'ws', private: true, repository: { type: 'git', url: 'git+https://github.com/o/ws.git' }, bugs: { url: 'https://github.com/o/ws/issues' } }),
  );
  t.write('specs/acme-repairs/openapi.yaml', FIXTURE);
  return t;
}

describe('vendorGenerator on a tree', () => {
  it('writes the package in the shape the vendor packages have: client.ts, a re-export index.ts, README, smoke test; and the README row', () => {
    const t = tree();
    vendorGenerator(t, { name: 'acme-repairs', skipCodegen: true });
    const files = t
      .listChanges()
      .map((c) => c.path)
      .filter((p) => p.startsWith('packages/acme-repairs/'))
      .sort();
    expect(files).toEqual([
      'packages/acme-repairs/LICENSE',
      'packages/acme-repairs/README.md',
      'packages/acme-repairs/package.json',
      'packages/acme-repairs/src/client.ts',
      'packages/acme-repairs/src/index.ts',
      'packages/acme-repairs/src/schemas.ts',
      'packages/acme-repairs/test/client.test.ts',
      'packages/acme-repairs/tsconfig.build.json',
      'packages/acme-repairs/tsconfig.json',
      'packages/acme-repairs/vitest.config.ts',
    ]);
    const pkg = JSON.parse(t.read('packages/acme-repairs/package.json', 'utf8')!);
    expect(pkg).toMatchObject({
      name: '@vendor-contracts/acme-repairs',
      description: 'Typed, validated client for the Acme Repairs API, generated from its OpenAPI contract.',
      repository: { type: 'git', url: 'git+https://github.com/o/ws.git', directory: 'packages/acme-repairs' },
      homepage: 'https://github.com/o/ws/tree/main/packages/acme-repairs#readme',
      bugs: { url: 'https://github.com/o/ws/issues' },
      // One runtime copy for every vendor package: a peer, installed for the workspace's own builds.
      dependencies: { 'openapi-fetch': '0.17.0', zod: '~4.6.7' },
      peerDependencies: { '@vendor-contracts/runtime': '^0.3.0' },
      devDependencies: { '@vendor-contracts/runtime': '0.3.0' },
      scripts: { typecheck: 'tsc --noEmit', test: 'vitest run', 'lint-package': 'publint --strict && attw --pack --profile esm-only --exclude-entrypoints ./openapi.yaml' },
    });
    expect(pkg.dependencies['@vendor-contracts/runtime']).toBeUndefined();
    expect(pkg.files).toContain('CHANGELOG.md');
    expect(t.read('packages/acme-repairs/LICENSE', 'utf8')).toBe('MIT License\n\nCopyright (c) test\n');
    // The package ships its contract: the spec files the build copies into dist/, and the examples.
    expect(pkg.exports).toMatchObject({
      './examples': { types: './dist/generated/examples.d.ts', default: './dist/generated/examples.js' },
      './openapi.yaml': './dist/openapi.yaml',
      './openapi.json': './dist/openapi.json',
    });
    // The factory and its types live in client.ts, on the names codegen writes into generated/index.ts.
    const client = t.read('packages/acme-repairs/src/client.ts', 'utf8')!;
    expect(client).toContain('export function createAcmeRepairsClient(options: AcmeRepairsClientOptions = {}): AcmeRepairsClient {');
    expect(client).toContain("import { definition, type EnvelopePayload, type paths, type AcmeRepairsOperations } from './generated/index.js';");
    expect(client).toContain('credentials?: { "apiKey"?: Credential; };');
    expect(client).toContain('(`production`, `sandbox`)');
    // index.ts only re-exports: one path to each module.
    const index = t.read('packages/acme-repairs/src/index.ts', 'utf8')!;
    const statements = index
      .replace(/\/\*\*[\s\S]*?\*\//g, '')
      .trim()
      .split('\n');
    expect(statements).toEqual([
      "export * from './generated/index.js';",
      "export { createAcmeRepairsClient, type AcmeRepairsClient, type AcmeRepairsClientOptions } from './client.js';",
    ]);
    // The README has a runnable example (test/docs runs every package's) and absolute links (the registry page).
    const readme = t.read('packages/acme-repairs/README.md', 'utf8')!;
    expect(readme).toContain("```ts\nimport { createAcmeRepairsClient, operationTable } from '@vendor-contracts/acme-repairs';");
    expect(readme).toContain('(https://github.com/o/ws/blob/main/specs/acme-repairs/openapi.yaml)');
    expect(readme).not.toMatch(/\]\((?!https:)/);
    expect(t.read('packages/acme-repairs/test/client.test.ts', 'utf8')).toContain('expect(ids).toEqual(["bookRepair","getRepair"]);');
    expect(t.read('README.md', 'utf8')).toContain(
      '| `@vendor-contracts/tmt-first` | TMT |\n| `@vendor-contracts/acme-repairs` | Acme Repairs API: Book and track device repairs |\n',
    );
  });

  it('copies a spec given with --spec', () => {
    const t = tree();
    t.write('drafts/acme.yaml', FIXTURE.replace('Acme Repairs API', 'Acme Two'));
    vendorGenerator(t, { name: 'acme-two', spec: 'drafts/acme.yaml', skipCodegen: true });
    expect(t.read('specs/acme-two/openapi.yaml', 'utf8')).toContain('title: Acme Two');
    expect(t.exists('packages/acme-two/src/index.ts')).toBe(true);
  });

  it.each([
    [{ name: 'AcmeRepairs' }, 'name must be kebab-case (letters, digits, single dashes; e.g. "acme-repairs"), got "AcmeRepairs"'],
    [{ name: 'no-spec' }, 'specs/no-spec/openapi.yaml does not exist; write the spec first or pass --spec <path>'],
    [{ name: 'x', spec: 'nope.yaml' }, 'spec "nope.yaml" not found'],
    [{ name: 'tmt-first' }, 'packages/tmt-first already exists'],
  ])('refuses %j', (options, message) => {
    const t = tree();
    t.write('packages/tmt-first/package.json', '{}');
    expect(() => vendorGenerator(t, { ...options, skipCodegen: true })).toThrow(message);
  });

  it('refuses a spec without title or operations, naming the file', () => {
    const t = tree();
    t.write('specs/bare/openapi.yaml', 'openapi: 3.1.0\ninfo: { title: Bare, version: "1" }\npaths: {}\n');
    expect(() => vendorGenerator(t, { name: 'bare', skipCodegen: true })).toThrow('specs/bare/openapi.yaml has no operations with an operationId');
  });

  it('adds a README row once, and fails clearly without a package table', () => {
    const once = addReadmeRow(README, 'acme', 'Acme');
    expect(addReadmeRow(once, 'acme', 'Acme')).toBe(once);
    expect(() => addReadmeRow('# no table\n', 'acme', 'Acme')).toThrow('README.md has no package table');
  });
});

describe('npm run new-vendor in a copy of the workspace', () => {
  let workspace: TempWorkspace;
  let output: string;
  beforeAll(async () => {
    workspace = createTempWorkspace('vc-new-vendor-');
    cpSync(new URL('./fixtures/acme-repairs.yaml', import.meta.url), join(workspace.root, 'drafts-acme.yaml'));
    output = await nxAsync(workspace, ['g', '@vendor-contracts/nx-plugin:vendor', 'acme-repairs', '--spec=drafts-acme.yaml', '--no-interactive']);
    linkWorkspacePackage(workspace, 'packages/acme-repairs'); // what `npm install` does for a new workspace package
  }, 240_000);
  afterAll(() => workspace?.remove());

  it('generates the client code from the spec', () => {
    expect(output).toContain('codegen: acme-repairs: 6 file(s) updated');
    for (const file of ['types.ts', 'schemas.ts', 'operations.ts', 'examples.ts']) expect(existsSync(join(workspace.root, 'packages/acme-repairs/src/generated', file))).toBe(true);
  });

  it('gives the new vendor inferred targets whose typecheck, smoke test and build pass', async () => {
    const run = await nxAsync(workspace, ['run-many', '-t', 'codegen-check', 'typecheck', 'test', 'build', '-p', '@vendor-contracts/acme-repairs', '--outputStyle=static']);
    expect(run).toContain('Successfully ran targets codegen-check, typecheck, test, build');
    expect(run).toMatch(/Tests\s+2 passed \(2\)/);
    for (const file of ['index', 'client', 'schemas']) expect(existsSync(join(workspace.root, `packages/acme-repairs/dist/${file}.d.ts`)), file).toBe(true);
  }, 240_000);
});
