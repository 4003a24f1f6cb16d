/**
 * Documentation cannot rot: every ```ts example in README.md and packages/*\/README.md compiles
 * (strict, as a module) and runs to exit code 0 against Prism, in its own process, unchanged;
 * an example that reads DATABASE_URL or REDIS_URL runs against a real PostgreSQL or Redis.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type PrismServer, startPrisms } from '@vendor-contracts/contract-tests/prism';
import { listVendors, workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backends, backendsUsedBy, startBackends } from '../src/backends.js';
import { type ExampleFiles, writeExamples } from '../src/example-files.js';
import { allExamples, type Example, exampleName, readmeFiles } from '../src/readmes.js';
import { describeRun, runExample } from '../src/run-example.js';
import { type TypeDiagnostic, typecheck } from '../src/typecheck.js';
import { type Route, serverUrls, vendorsUsedBy } from '../src/vendors.js';

const examples = allExamples();
const runnable = examples.filter((e) => e.run);
const needed = [...new Set(runnable.flatMap((e) => vendorsUsedBy(e.code)))].sort();
const backendsNeeded = runnable.flatMap((e) => backendsUsedBy(e.code));
const cases = (list: Example[]) => list.map((example) => [exampleName(example), example] as const);

let files: ExampleFiles;
let diagnostics: TypeDiagnostic[] = [];
let prisms = new Map<string, PrismServer>();
let routes: Route[] = [];
let backends: Backends | undefined;

beforeAll(async () => {
  files = writeExamples(examples);
  diagnostics = typecheck(examples.map((e) => files.fileOf(e)));
  const started = await Promise.allSettled([
    // One Prism process for every vendor the examples use.
    startPrisms(needed).then((servers) => void (prisms = servers)),
    startBackends(backendsNeeded).then((servers) => void (backends = servers)),
  ]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  routes = listVendors().flatMap((vendor) => serverUrls(vendor).map((from) => ({ vendor, from, to: prisms.get(vendor)?.baseUrl })));
}, 180_000);

afterAll(async () => {
  await Promise.all([...[...prisms.values()].map((prism) => prism.stop()), backends?.stop()]);
  files?.remove();
});

describe('the READMEs', () => {
  it('every package has a README.md with at least one runnable example', () => {
    const packages = readdirSync(join(workspaceRoot(), 'packages'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(packages.length).toBeGreaterThanOrEqual(7);
    for (const { name } of packages) {
      const readme = `packages/${name}/README.md`;
      expect(readmeFiles(), readme).toContain(readme);
      expect(runnable.filter((e) => e.file === readme).length, `${readme} has no runnable ts example`).toBeGreaterThan(0);
    }
  });

  it('the root README has a runnable example using the facade', () => {
    expect(runnable.some((e) => e.file === 'README.md' && e.code.includes("from '@vendor-contracts/sdk'"))).toBe(true);
  });
});

describe('every example type-checks', () => {
  it.each(cases(examples))('%s', (_, example) => {
    const file = files.fileOf(example);
    const own = diagnostics.filter((d) => d.file === file || d.file === '(program)').map((d) => `${example.file}:${example.line + d.line}: ${d.message}`);
    expect(own).toEqual([]);
  });
});

describe('every runnable example exits 0 against Prism (and real PostgreSQL/Redis where it reads DATABASE_URL/REDIS_URL)', () => {
  it.each(cases(runnable))('%s', async (name, example) => {
    const result = await runExample(files.fileOf(example), { routes, env: backends?.env });
    expect(result.code, describeRun(name, result)).toBe(0);
  });
});
