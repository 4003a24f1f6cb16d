/**
 * `nx affected` follows spec edits: in a git copy of the workspace with one spec edited, only that
 * vendor's project and its dependents are affected, and only that vendor's contract tests run.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempWorkspace, nx, type TempWorkspace } from '../src/testing/temp-workspace.js';

let workspace: TempWorkspace;
beforeAll(() => {
  workspace = createTempWorkspace('vc-affected-');
  // A documentation-only edit is enough: the spec file is an input of the vendor's project.
  appendFileSync(join(workspace.root, 'specs', 'telecomx', 'openapi.yaml'), '# edited by the affected test\n');
  workspace.commit('edit the telecomx spec');
}, 60_000);
afterAll(() => workspace?.remove());

/** Every workspace project that depends on @vendor-contracts/telecomx, directly or through another (read from package.json files). */
function dependentsOfTelecomx(): string[] {
  const graph = JSON.parse(nx(workspace, ['graph', '--file=stdout'])) as { graph: { dependencies: Record<string, { target: string }[]> } };
  const dependents = new Set<string>();
  // Bounded: each pass adds at least one project or stops.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, deps] of Object.entries(graph.graph.dependencies)) {
      if (dependents.has(name)) continue;
      if (deps.some((d) => d.target === '@vendor-contracts/telecomx' || dependents.has(d.target))) grew = dependents.add(name).size > 0;
    }
  }
  return [...dependents].sort();
}

const affected = (...extra: string[]) =>
  nx(workspace, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', ...extra])
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

describe('nx affected after editing specs/telecomx/openapi.yaml', () => {
  it('lists telecomx and the projects that depend on it, nothing else', () => {
    const dependents = dependentsOfTelecomx();
    // The facade and the contract tests depend on every vendor (and what depends on them is affected too).
    expect(dependents).toEqual(expect.arrayContaining(['@vendor-contracts/contract-tests', '@vendor-contracts/sdk']));
    const projects = affected();
    // spec-diff's tests and changeset gate, and spec-drift's review, read every spec (their `test`
    // inputs name the specs); the root project owns specs/ itself (its one target is the lint).
    expect(projects).toEqual(['@vendor-contracts/telecomx', '@vendor-contracts/spec-diff', '@vendor-contracts/spec-drift', 'vendor-contracts', ...dependents].sort());
    // The other vendors and the engine are untouched.
    for (const other of ['tmt-first', 'infocare', 'totalmobile', 'atttool', 'runtime']) expect(projects).not.toContain(`@vendor-contracts/${other}`);
  }, 120_000);

  it('runs lint-spec, codegen and contract tests for telecomx alone', () => {
    const graph = JSON.parse(nx(workspace, ['affected', '-t', 'lint-spec', 'codegen', 'contract', '--base=HEAD~1', '--head=HEAD', '--graph=stdout'])) as {
      tasks: { tasks: Record<string, unknown> };
    };
    expect(Object.keys(graph.tasks.tasks).sort()).toEqual(['@vendor-contracts/telecomx:codegen', '@vendor-contracts/telecomx:contract', '@vendor-contracts/telecomx:lint-spec']);
  }, 120_000);

  it('after an edit to the generator, picks every vendor', () => {
    appendFileSync(join(workspace.root, 'tools', 'codegen', 'src', 'cli.ts'), '// edited by the affected test\n');
    workspace.commit('edit the generator');
    const projects = affected();
    for (const vendor of ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool']) expect(projects).toContain(`@vendor-contracts/${vendor}`);
    expect(projects).not.toContain('@vendor-contracts/runtime');
  }, 120_000);

  it('starts from a spec the copy really changed', () => {
    expect(readFileSync(join(workspace.root, 'specs', 'telecomx', 'openapi.yaml'), 'utf8')).toMatch(/# edited by the affected test\n$/);
  });
});
