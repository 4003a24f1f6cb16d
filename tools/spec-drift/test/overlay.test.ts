/**
 * The text-splicing applier against a plain object-level one (the Overlay 1.0 semantics written
 * the obvious way on parsed JSON): over every vendor spec and random actions, both must give the
 * same document, and the spec's comments and untouched lines must survive.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverlay, type OverlayDocument } from '../src/overlay.js';
import { toJsonPath } from '../src/locate.js';

const ROOT = join(import.meta.dirname, '../../..');
const VENDORS = readdirSync(join(ROOT, 'specs'))
  .filter((v) => existsSync(join(ROOT, 'specs', v, 'openapi.yaml')))
  .sort();
const specText = (vendor: string) => readFileSync(join(ROOT, 'specs', vendor, 'openapi.yaml'), 'utf8');

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reference semantics on plain data. */
function referenceApply(doc: Json, overlay: OverlayDocument): Json {
  const merge = (target: Json, update: Json) => {
    for (const [k, v] of Object.entries(update)) {
      if (isObject(target[k]) && isObject(v)) merge(target[k], v);
      else target[k] = structuredClone(v);
    }
  };
  for (const action of overlay.actions) {
    const found = JSONPath({ path: action.target, json: doc, resultType: 'all', wrap: true }) as Array<{ parent: any; parentProperty: string | number; value: unknown }>;
    if (action.remove) {
      for (const f of [...found].reverse()) Array.isArray(f.parent) ? f.parent.splice(Number(f.parentProperty), 1) : delete f.parent[f.parentProperty];
    } else {
      for (const f of found) {
        if (Array.isArray(f.value)) f.value.push(structuredClone(action.update));
        else if (isObject(f.value) && isObject(action.update)) merge(f.value, action.update);
        else f.parent[f.parentProperty] = structuredClone(action.update);
      }
    }
  }
  return doc;
}

/** Every component schema of a spec with its properties, required list and enum-bearing properties. */
function targetsOf(doc: Json) {
  const schemas = Object.entries<Json>(doc.components?.schemas ?? {});
  const withProps = schemas.filter(([, s]) => isObject(s.properties)).map(([name]) => name);
  const withRequired = schemas.filter(([, s]) => Array.isArray(s.required) && s.required.length > 0).map(([name, s]) => [name, s.required as string[]] as const);
  const withEnum = schemas.filter(([, s]) => Array.isArray(s.enum)).map(([name]) => name);
  const typed = schemas.flatMap(([name, s]) =>
    Object.entries<Json>(s.properties ?? {})
      .filter(([, p]) => typeof p.type === 'string')
      .map(([prop]) => [name, prop] as const),
  );
  return { withProps, withRequired, withEnum, typed };
}

const fieldName = fc.stringMatching(/^[a-z][a-z_]{2,12}$/).map((s) => `drift_${s}`);
const prose = fc
  .array(fc.constantFrom('the', 'vendor', 'sends', 'this', 'field', 'since', 'December', '(maybe)', 'null:', '#not', 'a', 'comment'), { minLength: 1, maxLength: 30 })
  .map((w) => w.join(' '));

describe('applyOverlay', () => {
  for (const vendor of VENDORS) {
    it(`${vendor}: matches the object-level semantics and keeps every comment`, () => {
      const text = specText(vendor);
      const doc = parse(text) as Json;
      const t = targetsOf(doc);
      const action = fc.oneof(
        fc
          .record({ name: fc.constantFrom(...t.withProps), field: fieldName, type: fc.constantFrom('string', 'integer', 'boolean'), note: prose })
          .map(({ name, field, type, note }) => ({ target: toJsonPath(['components', 'schemas', name, 'properties']), update: { [field]: { type, 'x-assumption': note } } })),
        ...(t.withEnum.length
          ? [
              fc
                .record({ name: fc.constantFrom(...t.withEnum), value: fc.oneof(fc.integer({ min: 100, max: 999 }), fieldName, prose) })
                .map(({ name, value }) => ({ target: toJsonPath(['components', 'schemas', name, 'enum']), update: value })),
            ]
          : []),
        ...(t.withRequired.length
          ? [
              fc
                .constantFrom(...t.withRequired)
                .chain(([name, req]) =>
                  fc.constantFrom(...req).map((field) => ({ target: `${toJsonPath(['components', 'schemas', name, 'required'])}[?(@ == '${field}')]`, remove: true })),
                ),
            ]
          : []),
        ...(t.typed.length
          ? [
              fc
                .record({ at: fc.constantFrom(...t.typed), type: fc.constantFrom<unknown>(['string', 'null'], 'number', ['integer', 'string']), note: prose })
                .map(({ at: [name, prop], type, note }) => ({ target: toJsonPath(['components', 'schemas', name, 'properties', prop]), update: { type, 'x-assumption': note } })),
            ]
          : []),
      );
      fc.assert(
        fc.property(fc.array(action, { minLength: 1, maxLength: 4 }), (actions) => {
          const overlay: OverlayDocument = { overlay: '1.0.0', actions };
          const applied = applyOverlay(text, overlay);
          expect(parse(applied.text)).toEqual(referenceApply(parse(text), overlay));
          const comments = text.split('\n').filter((l) => l.trim().startsWith('#'));
          const after = new Set(applied.text.split('\n'));
          expect(comments.filter((c) => !after.has(c))).toEqual([]);
        }),
        { seed: 17, numRuns: 12 },
      );
    }, 120_000);
  }

  it('edits only the lines it must: one enum value added to a flow list is a one-line diff', () => {
    const text = specText('tmt-first');
    const { text: after } = applyOverlay(text, { overlay: '1.0.0', actions: [{ target: toJsonPath(['components', 'schemas', 'RaFlag', 'enum']), update: 2 }] });
    const before = text.split('\n');
    const changed = after.split('\n').filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['      enum: [0, 1, 2]']);
  });

  it('reports a target that selects nothing, and refuses what is not an Overlay 1.x document', () => {
    const text = specText('tmt-first');
    expect(applyOverlay(text, { overlay: '1.0.0', actions: [{ target: "$.components.schemas['NoSuchSchema'].enum", update: 1 }] }).unmatched).toEqual([
      "action 1: $.components.schemas['NoSuchSchema'].enum",
    ]);
    expect(() => applyOverlay(text, { overlay: '2.0.0', actions: [] })).toThrow(/not an Overlay 1.x document/);
  });
});
