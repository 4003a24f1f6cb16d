/**
 * Extension changes are classified by their declarations in tools/spec-model: for every declared
 * extension, at every place it may stand that this test can reach (root, operation, server,
 * response, parameter, request and response schemas), adding, removing and changing it gives the
 * bump its semver class names, never an "unclassified" line.
 */
import { EXTENSIONS, effectToBump, type ExtensionDeclaration } from '@vendor-contracts/spec-model';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffSpecs, highestBump } from '../src/classify.js';
import { type Doc, spec } from './support/specs.js';

/** The declaration's documented example value (the registry's own tests prove it valid). */
function exampleValue(e: ExtensionDeclaration): unknown {
  const find = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Array.isArray(node) && Object.hasOwn(node, e.name)) return (node as Record<string, unknown>)[e.name];
    for (const child of Object.values(node)) {
      const r = find(child);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return find(parse(e.example));
}

/** Where on tmt-first's spec each location is, and whether a schema there is sent or received. */
const PLACES: Record<string, { at: (d: Doc) => Doc; direction?: 'request' | 'response' }> = {
  root: { at: (d) => d },
  operation: { at: (d) => d.paths['/job/{connect_id}'].get },
  server: { at: (d) => d.servers[0] },
  response: { at: (d) => d.paths['/job/{connect_id}'].get.responses['200'] },
  'schema:request': { at: (d) => d.components.schemas.PrealertFields.properties.model, direction: 'request' },
  'schema:response': { at: (d) => d.components.schemas.ValidationError, direction: 'response' },
};

const cases = EXTENSIONS.flatMap((e) =>
  Object.entries(PLACES)
    .filter(([place]) => e.where.includes(place.split(':')[0] as never))
    .map(([place, p]) => ({ name: e.name, place, declaration: e as ExtensionDeclaration, ...p })),
);

describe.each(cases)('$name on $place', ({ name, declaration, at, direction }) => {
  const value = exampleValue(declaration);
  const withIt = () => {
    const d = spec('tmt-first');
    delete at(d)[name];
    return d;
  };
  const added = () => {
    const d = withIt();
    at(d)[name] = structuredClone(value);
    return d;
  };

  it('adding it bumps as declared', () => {
    const changes = diffSpecs(withIt(), added());
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.map((c) => c.message).join('\n')).not.toMatch(/unclassified/);
    expect(highestBump(changes)).toBe(effectToBump(declaration.semver.add, direction));
  });

  it('removing it bumps as declared', () => {
    const changes = diffSpecs(added(), withIt());
    expect(changes.map((c) => c.message).join('\n')).not.toMatch(/unclassified/);
    expect(highestBump(changes)).toBe(effectToBump(declaration.semver.remove, direction));
  });
});
