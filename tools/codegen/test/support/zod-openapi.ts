/**
 * A generated zod schema as JSON Schema, through @asteasolutions/zod-to-openapi (OpenAPI 3.1).
 *
 * Import this module BEFORE any module that creates the zod schemas to render: zod 4 instances get
 * `.openapi()` (which `OpenAPIRegistry.register` needs) only when created after
 * `extendZodWithOpenApi(z)` has run, so generated schemas must be imported dynamically afterwards.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { type ZodType, z } from 'zod';
import { diffNormal, type Json, normaliseSpec, normaliseZod } from './normalise.js';

extendZodWithOpenApi(z);

/**
 * The schema rendered on its own: nothing else is registered, so everything it references is
 * inlined (as the spec side is, by normaliseSpec).
 */
export function toOpenApi(schema: ZodType, name = 'Rendered'): Json {
  const registry = new OpenAPIRegistry();
  registry.register(name, schema as never);
  const rendered = new OpenApiGeneratorV31(registry.definitions).generateComponents().components?.schemas?.[name];
  if (!rendered || typeof rendered !== 'object') throw new Error(`zod-to-openapi rendered nothing for ${name}`);
  restoreLostFacets(schema, rendered as Json);
  return rendered as Json;
}

type Def = Record<string, any>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** How zod-to-openapi names zod's string formats (its StringTransformer#mapStringFormat). */
const FORMATS: Record<string, string> = {
  guid: 'uuid',
  uuid: 'uuid',
  email: 'email',
  url: 'uri',
  date: 'date',
  datetime: 'date-time',
  ipv4: 'ip',
  // z.stringFormat(name, check): the generator names these after the JSON Schema format itself.
  'date-time': 'date-time',
  uri: 'uri',
};

/**
 * Puts back what zod-to-openapi 9.1 loses, walking the zod schema and its rendering side by side:
 * - `multipleOf`: its number transformer reads only the bound checks;
 * - a string's format once a `.regex()` follows it (`z.url().regex(…)`): it reads the format from
 *   the schema's last string check, which is then the regex, instead of the schema's own format;
 * - all but the first value of a multi-value literal (`z.literal([1, 2])` is written `enum: [1]`).
 */
export function restoreLostFacets(schema: unknown, rendered: Json | undefined): void {
  if (!rendered || typeof rendered !== 'object') return;
  let def = defOf(schema);
  // A pipe (`x-alias-of`'s `.transform`) validates with its input schema, which is what is rendered.
  while (['optional', 'nullable', 'default', 'readonly', 'pipe'].includes(def.type)) def = defOf(def.type === 'pipe' ? def.in : def.innerType);
  switch (def.type) {
    case 'string':
      if (def.format && FORMATS[def.format] && rendered.format === undefined) rendered.format = FORMATS[def.format];
      break;
    case 'literal':
      if (Array.isArray(def.values) && def.values.length > 1 && Array.isArray(rendered.enum)) {
        rendered.enum = [...def.values, ...rendered.enum.filter((v: unknown) => v === null)];
      }
      break;
    case 'number': {
      const check = (def.checks ?? []).find((c: unknown) => defOf(c).check === 'multiple_of');
      if (check) rendered.multipleOf = Number(defOf(check).value);
      break;
    }
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) restoreLostFacets(value, rendered.properties?.[key]);
      if (def.catchall && !['never', 'unknown'].includes(defOf(def.catchall).type)) {
        restoreLostFacets(def.catchall, rendered.additionalProperties);
      }
      break;
    case 'record':
      restoreLostFacets(def.valueType, rendered.additionalProperties);
      break;
    case 'array':
      restoreLostFacets(def.element, rendered.items);
      break;
    case 'union': {
      // As zod-to-openapi lays the branches out: a discriminated union's options as they are; a
      // plain union's options with nested (non-nullable) unions flattened into it.
      const flatten = (option: unknown): unknown[] => (defOf(option).type === 'union' ? (defOf(option).options as unknown[]).flatMap(flatten) : [option]);
      const options = 'discriminator' in def ? (def.options as unknown[]) : (def.options as unknown[]).flatMap(flatten);
      const branches: Json[] = rendered.anyOf ?? rendered.oneOf ?? [];
      options.forEach((option, i) => restoreLostFacets(option, branches[i]));
      break;
    }
  }
}

/** Where a generated zod schema and the spec schema it came from disagree (empty: faithful). */
export function roundTripDiff(specSchema: Json, specComponents: Record<string, Json>, generated: ZodType): string[] {
  return diffNormal(normaliseSpec(specSchema, specComponents), normaliseZod(toOpenApi(generated)));
}
