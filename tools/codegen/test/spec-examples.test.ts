/**
 * Every example a spec carries is checked against the generated zod, for every vendor with a
 * generated package:
 * - named examples of request bodies → `<op>Request.body`; of parameters → the parameter's field
 *   of `<op>Request.<in>`; of JSON responses → `<op>Responses[status]` and, since examples show
 *   only documented fields, `<op>ResponsesStrict[status]`; of webhooks → their generated request
 *   schema or, as the generator emits none for webhooks, the component their body `$ref`s;
 * - `examples` of a component schema (or of one of its union branches) → the strict component;
 * - `x-invalid-examples` of an operation (`{ in: body|query|path|header, name?, value }`, a
 *   parameter `value: null` meaning "missing") and of a component are rejected.
 * The number of cases is asserted per vendor, so the loops cannot silently test nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodObject, ZodType } from 'zod';
import { repoRoot } from './support/generated.js';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Case {
  label: string;
  /** undefined = the generated code has no schema where one is expected (the case fails). */
  schema: ZodType | undefined;
  value: unknown;
  valid: boolean;
}

function casesOf(doc: Json, mod: Json): Case[] {
  const cases: Case[] = [];
  const resolve = (value: Json, kind: string): Json => {
    for (let i = 0; value?.$ref && i < 10; i++) {
      const name = new RegExp(`^#/components/${kind}/([^/]+)$`).exec(value.$ref)?.[1];
      value = name === undefined ? undefined : doc.components?.[kind]?.[name];
    }
    if (!value) throw new Error(`unresolvable $ref to components/${kind}`);
    return value;
  };
  const named = (holder: Json): Array<[string, unknown]> => [
    ...Object.entries<Json>(holder.examples ?? {}).map(([name, ex]): [string, unknown] => [name, resolve(ex, 'examples').value]),
    ...(holder.example !== undefined ? [['example', holder.example] as [string, unknown]] : []),
  ];
  const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
  const componentOf = (schema: Json | undefined): ZodType | undefined => {
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(schema?.$ref ?? '')?.[1];
    return name === undefined ? undefined : mod.strictComponents?.[name];
  };

  for (const [group, items] of [
    ['paths', doc.paths ?? {}],
    ['webhooks', doc.webhooks ?? {}],
  ] as const) {
    for (const [path, item] of Object.entries<Json>(items)) {
      for (const method of METHODS) {
        const op: Json | undefined = item[method];
        if (!op) continue;
        const id: string = op.operationId;
        const request: Json | undefined = mod[`${id}Request`];
        const where = group === 'paths' ? `${id} (${method.toUpperCase()} ${path})` : `webhook ${id}`;

        const params = new Map<string, Json>();
        for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => resolve(p, 'parameters'))) {
          params.set(`${p.in}:${p.name}`, p);
        }
        for (const p of params.values()) {
          for (const [name, value] of named(p)) {
            cases.push({
              label: `${where} ${p.in} ${p.name} example "${name}"`,
              schema: fieldOf(request, p.in, p.name),
              value,
              valid: true,
            });
          }
        }

        if (op.requestBody) {
          const body = resolve(op.requestBody, 'requestBodies');
          for (const [mediaType, media] of Object.entries<Json>(body.content ?? {})) {
            const schema = request?.body ?? (group === 'webhooks' ? componentOf(media.schema) : undefined);
            for (const [name, value] of named(media)) {
              cases.push({ label: `${where} ${mediaType} body example "${name}"`, schema, value, valid: true });
            }
          }
        }

        for (const [status, ref] of Object.entries<Json>(op.responses ?? {})) {
          const response = resolve(ref, 'responses');
          for (const [mediaType, media] of Object.entries<Json>(response.content ?? {})) {
            if (!isJson(mediaType)) continue;
            for (const [name, value] of named(media)) {
              const label = `${where} ${status} response example "${name}"`;
              if (group === 'webhooks') {
                cases.push({ label, schema: componentOf(media.schema), value, valid: true });
                continue;
              }
              cases.push({ label, schema: mod[`${id}Responses`]?.[status] ?? undefined, value, valid: true });
              cases.push({
                label: `${label} (strict)`,
                schema: mod[`${id}ResponsesStrict`]?.[status] ?? undefined,
                value,
                valid: true,
              });
            }
          }
        }

        for (const [i, bad] of (op['x-invalid-examples'] ?? []).entries()) {
          const label = `${where} invalid #${i} (${bad.in}${bad.name ? ` ${bad.name}` : ''}): ${bad.summary}`;
          if (bad.in === 'body') {
            const schema = request?.body ?? (group === 'webhooks' ? componentOf(resolve(op.requestBody, 'requestBodies').content?.['application/json']?.schema) : undefined);
            cases.push({ label, schema, value: bad.value, valid: false });
          } else {
            // A parameter's `value: null` means "the parameter is missing".
            cases.push({
              label,
              schema: fieldOf(request, bad.in, bad.name),
              value: bad.value === null ? undefined : bad.value,
              valid: false,
            });
          }
        }
      }
    }
  }

  for (const [name, schema] of Object.entries<Json>(doc.components?.schemas ?? {})) {
    const examples: unknown[] = [];
    const collect = (s: Json) => {
      if (Array.isArray(s.examples)) examples.push(...s.examples);
      for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) collect(branch);
    };
    collect(schema);
    for (const [i, value] of examples.entries()) {
      cases.push({
        label: `component ${name} example #${i}`,
        schema: mod.strictComponents?.[name],
        value,
        valid: true,
      });
    }
    for (const [i, bad] of (schema['x-invalid-examples'] ?? []).entries()) {
      // The tolerant rendering must reject it too: that is the harder test.
      cases.push({
        label: `component ${name} invalid #${i}: ${bad.summary}`,
        schema: mod.components?.[name],
        value: bad.value,
        valid: false,
      });
    }
  }
  return cases;
}

/** The schema of one parameter: the `name` field of `<op>Request.<in>`. */
function fieldOf(request: Json | undefined, location: string, name: string): ZodType | undefined {
  const part = request?.[location] as ZodObject | undefined;
  return part?.shape?.[name];
}

const vendors: Array<{ vendor: string; cases: Case[] }> = [];
for (const vendor of readdirSync(join(repoRoot, 'specs')).sort()) {
  const specFile = join(repoRoot, 'specs', vendor, 'openapi.yaml');
  const generated = join(repoRoot, 'packages', vendor, 'src', 'generated', 'schemas.ts');
  if (!existsSync(specFile) || !existsSync(generated)) continue;
  const doc = parse(readFileSync(specFile, 'utf8')) as Json;
  vendors.push({ vendor, cases: casesOf(doc, await import(pathToFileURL(generated).href)) });
}

it('finds at least one vendor with a generated package (tmt-first)', () => {
  expect(vendors.map((v) => v.vendor)).toContain('tmt-first');
});

describe.each(vendors)('$vendor', ({ cases }) => {
  it('has valid and invalid examples to check', () => {
    expect(cases.filter((c) => c.valid).length).toBeGreaterThan(0);
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThan(0);
  });

  const row = (c: Case): [string, Case] => [c.label, c];
  it.each(cases.filter((c) => c.valid).map(row))('accepts %s', (_label, { schema, value }) => {
    expect(schema, 'no generated schema for this example').toBeDefined();
    const result = schema!.safeParse(value);
    expect(result.success, result.error ? JSON.stringify(result.error.issues) : '').toBe(true);
  });

  it.each(cases.filter((c) => !c.valid).map(row))('rejects %s', (_label, { schema, value }) => {
    expect(schema, 'no generated schema for this example').toBeDefined();
    expect(schema!.safeParse(value).success).toBe(false);
  });
});

describe('the example collector', () => {
  const spec = parse(readFileSync(join(repoRoot, 'specs', 'tmt-first', 'openapi.yaml'), 'utf8')) as Json;
  const tmt = vendors.find((v) => v.vendor === 'tmt-first')!;

  it('covers every named example and every invalid example of tmt-first', () => {
    const names = new Set<string>();
    let invalid = 0;
    const walk = (o: unknown): void => {
      if (Array.isArray(o)) o.forEach(walk);
      else if (o && typeof o === 'object') {
        for (const [k, v] of Object.entries(o)) {
          if (k === 'examples' && !Array.isArray(v)) for (const name of Object.keys(v as Json)) names.add(name);
          if (k === 'x-invalid-examples') invalid += (v as unknown[]).length;
          walk(v);
        }
      }
    };
    walk(spec);
    const covered = new Set(tmt.cases.map((c) => /example "([^"]+)"/.exec(c.label)?.[1]).filter(Boolean));
    expect(names.size).toBeGreaterThan(10);
    expect([...covered].sort()).toEqual([...names].sort());
    expect(tmt.cases.filter((c) => !c.valid)).toHaveLength(invalid);
  });

  it('treats a parameter value of null as the parameter missing', () => {
    const missing = casesOf(
      {
        paths: {
          '/x': {
            get: {
              operationId: 'x',
              parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
              'x-invalid-examples': [{ summary: 'q missing', in: 'query', name: 'q', value: null }],
            },
          },
        },
      },
      { xRequest: { query: { shape: { q: 'the q schema' } } } },
    );
    expect(missing).toEqual([{ label: 'x (GET /x) invalid #0 (query q): q missing', schema: 'the q schema', value: undefined, valid: false }]);
  });
});
