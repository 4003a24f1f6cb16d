/**
 * specs/<vendor>/openapi.yaml → generated/schemas.ts: every component schema in two renderings
 * (`X` tolerant for responses, `XStrict` for requests), named integer enums, and per operation
 * its request parts and its responses by status.
 * @see ../../../../specs/README.md for the schema subset
 */
import { listOperations, requestBodyOf, responseSchemaOf } from '../spec.js';
import { type JsonSchema, type Mode, ZodEmitter } from './zod.js';
import { escapeToken } from '@vendor-contracts/spec-model';

export function emitSchemas(doc: JsonSchema, source: string): string {
  const components: Record<string, JsonSchema> = doc.components?.schemas ?? {};
  const z = new ZodEmitter(components, source);
  const body: string[] = [];

  for (const name of Object.keys(components)) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw z.fail(`#/components/schemas/${name}`, 'component names must be PascalCase identifiers');
    if (SHADOWED_GLOBALS.has(name)) throw z.fail(`#/components/schemas/${name}`, `"${name}" would shadow the global ${name} in generated code; rename it (e.g. ${name}Response)`);
  }
  for (const name of topologicalOrder(components, z, source)) {
    const schema = components[name]!;
    const doc = jsdoc(schema);
    const where = `#/components/schemas/${name}`;
    body.push(`${doc}export const ${name} = ${z.expr(schema, 'tolerant', where)};`);
    // The component's type under the same name, so one import gives the schema and its type.
    body.push(`export type ${name} = ComponentTypes['schemas']['${name}'];`);
    body.push(
      z.hasObject(schema)
        ? `export const ${ZodEmitter.constName(name, 'strict')} = ${z.expr(schema, 'strict', where)};`
        : `export const ${ZodEmitter.constName(name, 'strict')} = ${name};`,
    );
    const names = schema['x-enum-varnames'];
    if (Array.isArray(names) && Array.isArray(schema.enum)) {
      if (names.length !== schema.enum.length) throw z.fail(where, 'x-enum-varnames must name every enum value');
      const entries = names.map((n: string, i: number) => `${JSON.stringify(n)}: ${JSON.stringify(schema.enum[i])}`);
      body.push(`/** The named values of ${name}. */\nexport const ${name}Values = { ${entries.join(', ')} } as const;`);
    }
    body.push('');
  }

  const names = Object.keys(components).sort();
  body.push(`/** Every component schema by name, as received (unknown keys kept). */`);
  body.push(`export const components = { ${names.join(', ')} } as const;`);
  body.push(`/** Every component schema by name, as sent (unknown keys rejected). */`);
  body.push(`export const strictComponents = { ${names.map((n) => `${n}: ${ZodEmitter.constName(n, 'strict')}`).join(', ')} } as const;`);
  body.push('');

  for (const op of listOperations(doc)) {
    const where = `#/paths/${escapeToken(op.path)}/${op.method}`;
    const parts: string[] = [];
    for (const location of ['path', 'query', 'header'] as const) {
      const params = op.parameters.filter((p) => p.in === location);
      if (params.length === 0) continue;
      const fields = params.map((p) => {
        const e = z.expr(p.schema ?? {}, 'strict', `${where}/parameters/${p.name}`);
        return `${JSON.stringify(p.name)}: ${e}${p.required || location === 'path' ? '' : '.optional()'}`;
      });
      parts.push(`${location}: z.strictObject({ ${fields.join(', ')} })`);
    }
    for (const p of op.parameters) if (p.in === 'cookie') throw z.fail(where, 'cookie parameters are not supported');
    const reqBody = requestBodyOf(op.operation);
    if (reqBody) {
      const e = z.expr(reqBody.schema, 'strict', `${where}/requestBody`);
      parts.push(`body: ${e}${reqBody.required ? '' : '.optional()'}`);
    }
    body.push(`/** ${op.method.toUpperCase()} ${op.path}: what the request may carry. */`);
    body.push(`export const ${op.operationId}Request = { ${parts.join(', ')} };`);
    body.push(...responsesFor(op.operationId, op.operation, where, z, 'tolerant'));
    body.push(...responsesFor(op.operationId, op.operation, where, z, 'strict'));
    body.push('');
  }

  // A namespace import lets bundlers keep only the zod functions used; `import { z }` pulls in all
  // of zod, every locale included (≈ 90 kB gzipped instead of ≈ 24 kB; docs/benchmarks.md).
  const header = `import * as z from 'zod';\nimport type { components as ComponentTypes } from './types.js';\n\n${z.helperSource()}`;
  return header + body.join('\n');
}

const SHADOWED_GLOBALS = new Set([
  'Error',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Date',
  'Map',
  'Set',
  'Promise',
  'JSON',
  'Symbol',
  'RegExp',
  'Math',
  'Record',
  'Response',
  'Request',
  'URL',
  'Headers',
]);

function responsesFor(id: string, operation: JsonSchema, where: string, z: ZodEmitter, mode: Mode): string[] {
  const entries = Object.entries<JsonSchema>(operation.responses ?? {}).map(([status, response]) => {
    const schema = responseSchemaOf(response);
    return `${JSON.stringify(status)}: ${schema ? z.expr(schema, mode, `${where}/responses/${status}`) : 'null'}`;
  });
  const name = mode === 'strict' ? `${id}ResponsesStrict` : `${id}Responses`;
  const what = mode === 'strict' ? 'with unknown keys rejected (to report new fields)' : 'as received';
  return [`/** Response bodies by status, ${what}; null = no JSON body. */`, `export const ${name} = { ${entries.join(', ')} };`];
}

function jsdoc(schema: JsonSchema): string {
  const text = [schema.title, schema.description].filter(Boolean).join('\n\n').trim();
  if (!text) return '';
  return `/**\n${text
    .split('\n')
    .map((l) => ` * ${l.replaceAll('*/', '*\\/')}`.trimEnd())
    .join('\n')}\n */\n`;
}

/** Components ordered so each is declared after what it references. */
function topologicalOrder(components: Record<string, JsonSchema>, z: ZodEmitter, source: string): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new Error(`${source}: recursive schemas are not supported: ${[...trail, name].join(' → ')}`);
    }
    state.set(name, 'visiting');
    for (const dep of [...z.refsOf(components[name], new Set(), `#/components/schemas/${name}`)].sort()) visit(dep, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(components).sort()) visit(name, []);
  return order;
}
