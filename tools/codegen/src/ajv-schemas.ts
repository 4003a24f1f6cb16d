/**
 * The spec's own schemas as ajv validators (ajv 8, draft 2020-12, ajv-formats in full mode): the
 * reference reading of JSON Schema the generated zod is measured against, and what an
 * ajv-standalone build would compile. One validator per operation part: each parameter group
 * (path, query, header) as an object of its parameters, the JSON request body, and each JSON
 * response body by status. `#/components/schemas/…` refs resolve against the document itself.
 * @see https://ajv.js.org/json-schema.html#draft-2020-12
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { listOperations, requestBodyOf, responseSchemaOf } from './spec.js';

type JsonSchema = Record<string, any>;

/** Which part of which operation a validator checks. */
export interface SchemaSite {
  operationId: string;
  /** `path`, `query`, `header`, `body`, or `response <status>`. */
  part: string;
  /** Requests are what we send (the generated zod is strict there); responses what we receive. */
  direction: 'request' | 'response';
  /** The JSON Schema as written in the spec (refs into the document's components). */
  schema: JsonSchema;
  validate: ValidateFunction;
}

/** The id the document is registered under, so `#/components/…` refs resolve inside it. */
const DOCUMENT_ID = 'urn:vendor-contracts:spec';

/** An ajv instance holding one OpenAPI document's components; `validatorFor` compiles against it. */
export function createSpecAjv(doc: JsonSchema): { ajv: Ajv2020; validatorFor(schema: JsonSchema): ValidateFunction } {
  // strict: false — OpenAPI schemas carry `x-*`, `example` and other keywords ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv, { mode: 'full' });
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: doc.components?.schemas ?? {} } });
  const validatorFor = (schema: JsonSchema) => ajv.compile({ ...rebase(schema), $schema: undefined });
  return { ajv, validatorFor };
}

/** `#/components/schemas/X` → `urn:…#/components/schemas/X`, so a standalone schema finds the document. */
function rebase(node: unknown): any {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOCUMENT_ID}${v}` : k === 'examples' || k === 'example' ? v : rebase(v);
  }
  return out;
}

/** Every request part and JSON response body of every operation, each with its ajv validator. */
export function ajvSchemaSites(doc: JsonSchema): SchemaSite[] {
  const { validatorFor } = createSpecAjv(doc);
  const sites: SchemaSite[] = [];
  for (const op of listOperations(doc)) {
    for (const location of ['path', 'query', 'header'] as const) {
      const params = op.parameters.filter((p) => p.in === location);
      if (params.length === 0) continue;
      const schema: JsonSchema = {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
        required: params.filter((p) => p.required || location === 'path').map((p) => p.name),
      };
      sites.push({ operationId: op.operationId, part: location, direction: 'request', schema, validate: validatorFor(schema) });
    }
    const body = requestBodyOf(op.operation);
    if (body) sites.push({ operationId: op.operationId, part: 'body', direction: 'request', schema: body.schema, validate: validatorFor(body.schema) });
    for (const [status, response] of Object.entries<JsonSchema>(op.operation.responses ?? {})) {
      const schema = responseSchemaOf(response);
      if (schema) sites.push({ operationId: op.operationId, part: `response ${status}`, direction: 'response', schema, validate: validatorFor(schema) });
    }
  }
  return sites;
}
