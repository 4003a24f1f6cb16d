/**
 * ajv validators compiled from the same spec schema the zod validators are generated from:
 * an in-memory compiled one, and a standalone module written once up front, as a build step would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, workspaceRoot } from '@vendor-contracts/codegen';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
// ajv ships CommonJS whose default export TypeScript's NodeNext view gets wrong; require() is exact.
const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020.js')).Ajv2020;
const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone/index.js')).default;

type Json = Record<string, unknown>;

/**
 * An OpenAPI 3.1 schema (a JSON Schema 2020-12 dialect) as plain JSON Schema: component refs point
 * into `$defs`, and `x-` extensions and OpenAPI's `example` (not JSON Schema keywords) are dropped.
 */
export function toJsonSchema(schema: unknown, components: Json): Json {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('x-') || key === 'example') continue;
      out[key] = key === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : clean(v);
    }
    return out;
  };
  return { ...(clean(schema) as Json), $defs: clean(components) };
}

/** TMT First `listDevices` 200 as JSON Schema, straight from the spec. */
export function listDevicesJsonSchema(): Json {
  const { doc } = loadSpec(join(workspaceRoot, 'specs', 'tmt-first', 'openapi.yaml'));
  return toJsonSchema(doc.paths['/devices'].get.responses['200'].content['application/json'].schema, doc.components.schemas);
}

/** Where build-time artefacts of the benchmark go (git-ignored). */
export const CACHE_DIR = fileURLToPath(new URL('../.cache', import.meta.url));

function newAjv() {
  // validateFormats off: the Device schema uses patterns, no `format`; allErrors off: the fast
  // path only needs yes/no, and zod explains a "no".
  return new Ajv2020({ strict: false, validateFormats: false, code: { source: true } });
}

export function compileAjv(schema: Json): ValidateFunction {
  return newAjv().compile(schema);
}

/** Writes the standalone validator module to `dir` and loads it back. */
export function compileStandalone(schema: Json, dir: string, name: string): { validate: ValidateFunction; bytes: number } {
  const ajv = newAjv();
  const code = standaloneCode(ajv, ajv.compile(schema));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.validate.cjs`);
  writeFileSync(file, code);
  const loaded = require(file) as ValidateFunction | { default: ValidateFunction };
  return { validate: typeof loaded === 'function' ? loaded : loaded.default, bytes: Buffer.byteLength(code) };
}
