/**
 * Test cases derived from a parsed OpenAPI 3.1 document, so the contract tests follow the spec:
 * a new operation, request example, documented response or `x-invalid-examples` entry becomes a
 * new case without touching any test file. Vendor-neutral on purpose: nothing here knows a vendor.
 *
 * Anything the builders cannot turn into a faithful case (an external `$ref`, a status range, a
 * required parameter without an example, …) throws, so a spec change never silently drops cases.
 */
import type { CallInput } from '@vendor-contracts/runtime';
import { HTTP_METHODS, resolveRef, valueAt } from '@vendor-contracts/spec-model';

export type OpenApiDocument = Record<string, unknown>;
type Obj = Record<string, unknown>;

const PARAMETER_LOCATIONS = ['path', 'query', 'header'] as const;
type ParameterLocation = (typeof PARAMETER_LOCATIONS)[number];

export interface SpecOperation {
  operationId: string;
  /** Upper case, as the runtime's definitions spell it. */
  method: string;
  /** The path template, e.g. `/job/{connect_id}`. */
  path: string;
  /** Path-level and operation-level parameters, `$ref`s resolved (operation-level wins). */
  parameters: Obj[];
  requestBody: Obj | undefined;
  /** Responses by status key, `$ref`s resolved. */
  responses: Record<string, Obj>;
  /** The raw `x-invalid-examples` list (validated by `invalidInputCases`). */
  invalidExamples: unknown[];
  /** The effective security requirements (the operation's, else the document's). */
  security: Array<Record<string, string[]>>;
}

/** One valid call of an operation, built from the spec's own examples. */
export interface ValidInput {
  operationId: string;
  /** The request-body example it comes from (undefined when the operation takes no body). */
  exampleName: string | undefined;
  input: CallInput;
}

/** How the body of a documented response is known. */
export type ResponseBody =
  /** a named example: Prism serves exactly `value` */
  | 'example'
  /** content without any example: Prism generates one from the schema, only its shape is known */
  | 'generated'
  /** no content: no body */
  | 'none';

/** One documented response (status × named example) of one operation. */
export interface ResponseCase {
  operationId: string;
  status: number;
  exampleName: string | undefined;
  /** The example's value (undefined unless `body` is `example`). */
  value: unknown;
  kind: 'success' | 'error';
  body: ResponseBody;
  /** A valid input to call the operation with (the operation's first `ValidInput`). */
  input: CallInput;
  /** What to send as `Prefer` so Prism answers with this response. */
  prefer: string;
}

/** One `x-invalid-examples` entry, applied to the operation's first valid input. */
export interface InvalidInputCase {
  operationId: string;
  summary: string;
  in: 'body' | ParameterLocation;
  /** The parameter (absent for `in: body`). */
  name: string | undefined;
  /** The body, or the parameter's value (null = the parameter is missing). */
  value: unknown;
  /** The whole input: the valid one with this entry applied. */
  input: CallInput;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s (`#/…`) until a non-reference object; anything else throws (tools/spec-model's one implementation). */
export { resolveRef };

/** True when the operation cannot be called without credentials (no empty `{}` requirement). */
export function requiresCredentials(op: SpecOperation): boolean {
  return op.security.length > 0 && op.security.every((requirement) => Object.keys(requirement).length > 0);
}

/** Every operation of the spec, in document order. Operations without an operationId throw. */
export function listOperations(spec: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  const ids = new Set<string>();
  const paths = isObj(spec.paths) ? spec.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(spec, rawItem, path);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      if (!isObj(item[method])) continue;
      const op = item[method] as Obj;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof op.operationId !== 'string') throw new Error(`${where}: no operationId`);
      if (ids.has(op.operationId)) throw new Error(`${where}: duplicate operationId "${op.operationId}"`);
      ids.add(op.operationId);
      const parameters = new Map<string, Obj>();
      for (const p of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const param = resolveRef(spec, p, `${op.operationId} parameter`);
        parameters.set(`${String(param.in)} ${String(param.name)}`, param);
      }
      const responses: Record<string, Obj> = {};
      for (const [status, response] of Object.entries(isObj(op.responses) ? op.responses : {})) {
        responses[status] = resolveRef(spec, response, `${op.operationId} response ${status}`);
      }
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: [...parameters.values()],
        requestBody: op.requestBody === undefined ? undefined : resolveRef(spec, op.requestBody, `${op.operationId} requestBody`),
        responses,
        invalidExamples: Array.isArray(op['x-invalid-examples']) ? op['x-invalid-examples'] : [],
        security: (Array.isArray(op.security) ? op.security : Array.isArray(spec.security) ? spec.security : []) as SpecOperation['security'],
      });
    }
  }
  return out;
}

/** The named examples of a media type or parameter (`examples` map; a lone `example` is named undefined). */
function examplesOf(spec: OpenApiDocument, holder: Obj, where: string): Array<{ name: string | undefined; value: unknown }> {
  if (isObj(holder.examples)) {
    return Object.entries(holder.examples).map(([name, raw]) => {
      const example = resolveRef(spec, raw, `${where} example ${name}`);
      if (!('value' in example)) throw new Error(`${where} example ${name}: no inline "value" (externalValue is not supported)`);
      return { name, value: example.value };
    });
  }
  if ('example' in holder) return [{ name: undefined, value: holder.example }];
  return [];
}

/** The JSON media type of a content map (application/json, then any *+json / *json, then the first). */
function pickMediaType(content: unknown): Obj | undefined {
  if (!isObj(content)) return undefined;
  const types = Object.keys(content);
  const chosen = types.find((t) => t === 'application/json') ?? types.find((t) => /json/i.test(t)) ?? types[0];
  return chosen === undefined ? undefined : (content[chosen] as Obj);
}

function parametersInput(spec: OpenApiDocument, op: SpecOperation): CallInput {
  const input: CallInput = {};
  for (const param of op.parameters) {
    const location = param.in as string;
    const name = String(param.name);
    if (param['x-credential'] !== undefined) continue; // the client fills it from its configuration
    if (!(PARAMETER_LOCATIONS as readonly string[]).includes(location)) {
      throw new Error(`${op.operationId}: parameters in "${location}" are not supported (${name})`);
    }
    const [first] = examplesOf(spec, param, `${op.operationId} parameter ${name}`);
    if (!first) {
      if (param.required === true) throw new Error(`${op.operationId}: required ${location} parameter "${name}" has no example`);
      continue;
    }
    const section = (input[location as ParameterLocation] ??= {});
    section[name] = first.value;
  }
  return input;
}

/**
 * Valid inputs per operation: every parameter that has an example gets its first one, and there is
 * one input per named request-body example (one input in all when the operation takes no body).
 */
export function validInputs(spec: OpenApiDocument): ValidInput[] {
  const out: ValidInput[] = [];
  for (const op of listOperations(spec)) {
    const params = parametersInput(spec, op);
    const media = op.requestBody ? pickMediaType(op.requestBody.content) : undefined;
    const bodies = media ? examplesOf(spec, media, `${op.operationId} requestBody`) : [];
    if (bodies.length === 0) {
      if (op.requestBody?.required === true) throw new Error(`${op.operationId}: the request body is required but has no example`);
      out.push({ operationId: op.operationId, exampleName: undefined, input: params });
      continue;
    }
    for (const body of bodies) out.push({ operationId: op.operationId, exampleName: body.name, input: { ...params, body: body.value } });
  }
  return out;
}

function firstValidInput(inputs: ValidInput[], operationId: string): CallInput {
  const found = inputs.find((i) => i.operationId === operationId);
  if (!found) throw new Error(`${operationId}: no valid input`);
  return found.input;
}

/** Every documented response: one case per (status, named example); one per status without examples. */
export function responseCases(spec: OpenApiDocument): ResponseCase[] {
  const inputs = validInputs(spec);
  const out: ResponseCase[] = [];
  for (const op of listOperations(spec)) {
    for (const [key, response] of Object.entries(op.responses)) {
      if (!/^[1-5]\d\d$/.test(key)) {
        throw new Error(`${op.operationId}: response "${key}" has no concrete status, so Prism cannot be asked for it; extend cases.ts`);
      }
      const status = Number(key);
      if (status < 200 || (status >= 300 && status < 400)) throw new Error(`${op.operationId}: status ${status} cannot be tested through fetch`);
      const kind = status < 300 ? 'success' : 'error';
      const input = firstValidInput(inputs, op.operationId);
      const media = pickMediaType(response.content);
      const examples = media ? examplesOf(spec, media, `${op.operationId} response ${key}`) : [];
      if (!media || examples.length === 0) {
        out.push({ operationId: op.operationId, status, exampleName: undefined, value: undefined, kind, body: media ? 'generated' : 'none', input, prefer: `code=${status}` });
        continue;
      }
      for (const example of examples) {
        const prefer = example.name === undefined ? `code=${status}` : `code=${status}, example=${example.name}`;
        out.push({ operationId: op.operationId, status, exampleName: example.name, value: example.value, kind, body: 'example', input, prefer });
      }
    }
  }
  return out;
}

/**
 * Every `x-invalid-examples` entry (`{ summary, in: body|query|path|header, name?, value }`) as a
 * whole input: the operation's first valid input with the entry applied: `in: body` replaces the
 * body; a parameter entry sets `name` to `value`, or removes it when `value` is null.
 */
export function invalidInputCases(spec: OpenApiDocument): InvalidInputCase[] {
  const inputs = validInputs(spec);
  const out: InvalidInputCase[] = [];
  for (const op of listOperations(spec)) {
    op.invalidExamples.forEach((entry, index) => {
      const where = `${op.operationId} x-invalid-examples[${index}]`;
      if (!isObj(entry)) throw new Error(`${where}: not an object`);
      const { summary, name, value } = entry;
      const location = entry.in;
      if (typeof summary !== 'string' || summary === '') throw new Error(`${where}: no summary`);
      if (!('value' in entry)) throw new Error(`${where}: no value`);
      const base = firstValidInput(inputs, op.operationId);
      let input: CallInput;
      if (location === 'body') {
        if (name !== undefined) throw new Error(`${where}: "name" is meaningless for in: body`);
        input = { ...base, body: value };
      } else if ((PARAMETER_LOCATIONS as readonly unknown[]).includes(location)) {
        if (typeof name !== 'string' || name === '') throw new Error(`${where}: a parameter entry needs "name"`);
        const declared = op.parameters.some((p) => p.in === location && p.name === name);
        if (!declared) throw new Error(`${where}: ${op.operationId} declares no ${String(location)} parameter "${name}"`);
        const section: Record<string, unknown> = { ...base[location as ParameterLocation] };
        if (value === null) delete section[name];
        else section[name] = value;
        input = { ...base, [location as ParameterLocation]: section };
      } else {
        throw new Error(`${where}: "in" must be body, query, path or header, got ${JSON.stringify(location)}`);
      }
      out.push({
        operationId: op.operationId,
        summary: summary.replace(/\s+/g, ' ').trim(),
        in: location as InvalidInputCase['in'],
        name: typeof name === 'string' ? name : undefined,
        value,
        input,
      });
    });
  }
  return out;
}

/**
 * Whether a 2xx body is a vendor error under the operation's `x-vendor-error` rule (its own, else
 * the document's): the value at `when.pointer` matches `when.pattern`. Then `code` is the value at
 * the rule's `code` pointer (undefined when the rule names none). Undefined when the body is data.
 */
export function vendorErrorOf(spec: OpenApiDocument, op: SpecOperation, body: unknown): { code: string | undefined } | undefined {
  const own = valueAt(spec, ['paths', op.path, op.method.toLowerCase(), 'x-vendor-error']);
  const rule = (own ?? spec['x-vendor-error']) as { when: { pointer: string; pattern?: string }; code?: string } | undefined;
  if (!rule) return undefined;
  const marker = valueAt(body, rule.when.pointer);
  if (typeof marker !== 'string' || !new RegExp(rule.when.pattern ?? '(?!)', 'u').test(marker)) return undefined;
  return { code: rule.code === undefined ? undefined : String(valueAt(body, rule.code)) };
}
