/**
 * Invalid inputs from a spec, Schemathesis-negative-mode style: walk each operation's parameter
 * and body schemas, and at every place a JSON Schema keyword constrains a value, offer a mutator
 * that breaks exactly that keyword (drop a required field, wrong type, out of range, too long,
 * enum miss, bad format or pattern, unknown property). Applied to a valid input (the spec's
 * example), the result must be rejected naming that path and that rule.
 *
 * Hand-written: no maintained JS library generates schema-violating data from OpenAPI 3.1
 * (json-schema-faker and fast-check's own arbitraries only produce valid values).
 */
import type { CallInput } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { type OpenApiDocument, resolveRef, type SpecOperation } from '../../contract/src/cases.js';

type Obj = Record<string, unknown>;
type Segment = string | number;
type Location = 'path' | 'query' | 'header' | 'body';

export interface Mutation {
  operationId: string;
  /** The JSON Schema keyword the mutation breaks. */
  keyword: string;
  /** The rules the runtime may name for it (e.g. `type: number` or `enum: …` for a wrong type). */
  rule: RegExp;
  /** Inside a non-discriminated union: the report may name an ancestor inside the union (see ANY_SCHEMA_RULE). */
  inUnion: boolean;
  /**
   * The valid input with the mutation applied, given fast-check's choices, and where the runtime
   * must report it, as it names request fields: `body.items[0].imei`, `query.order_id`.
   */
  arbitrary: fc.Arbitrary<{ input: CallInput; path: string }>;
}

/**
 * Inside a non-discriminated union (a zod `z.union`), zod reports the failure as seen by whichever
 * branch it settles on, so a wrong type may come back as "unknown property" from another branch.
 * There the test accepts any JSON Schema rule at the path or at an ancestor of it (the branch
 * rejecting the parent object as an unknown property).
 */
const ANY_SCHEMA_RULE =
  /^(required|type: |enum: |additionalProperties: false|maxLength: |minLength: |pattern: |format: |minimum: |maximum: |exclusiveMinimum: |exclusiveMaximum: |maxItems: |minItems: )/;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the runtime reports a field: `body.a.b[0]`, `query.x` (the engine's dottedPath). */
export function dotted(location: Location, path: readonly Segment[]): string {
  let out: string = location;
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  return out;
}

/**
 * A schema with `$ref`s, `allOf` parts and nullable wrappers (`oneOf`/`anyOf` of one schema and
 * `null`) folded in; undefined for real unions, whose branches the fuzzer does not enter.
 */
export function flatten(spec: OpenApiDocument, raw: unknown, depth = 0): Obj | undefined {
  if (depth > 8) return undefined;
  const schema = resolveRef(spec, raw);
  const union = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (union) {
    const branches = union.map((b) => resolveRef(spec, b)).filter((b) => b.type !== 'null');
    if (branches.length !== 1) return undefined;
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    const inner = flatten(spec, branches[0], depth + 1);
    return inner && { ...rest, ...inner, nullable: true };
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((p) => flatten(spec, p, depth + 1));
    if (parts.some((p) => p === undefined)) return undefined;
    const merged: Obj = { ...schema, allOf: undefined };
    for (const part of parts as Obj[]) {
      merged.properties = { ...(merged.properties as Obj), ...(part.properties as Obj) };
      merged.required = [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])];
      for (const [k, v] of Object.entries(part)) if (!['properties', 'required'].includes(k) && merged[k] === undefined) merged[k] = v;
    }
    return merged;
  }
  return schema;
}

/** `x-credential` may sit beside a `$ref`, which resolving would drop. */
const isCredential = (spec: OpenApiDocument, raw: unknown): boolean => (isObj(raw) && raw['x-credential'] !== undefined) || resolveRef(spec, raw)['x-credential'] !== undefined;

/**
 * The branch of a real union (`oneOf`/`anyOf`) that `value` is an instance of, judged by its
 * required keys and `const`s: mutating inside it breaks one rule of the branch the input uses.
 */
export function branchFor(spec: OpenApiDocument, branches: unknown[], value: unknown): Obj | undefined {
  if (!isObj(value)) return undefined;
  for (const raw of branches) {
    const branch = flatten(spec, raw);
    if (!branch) continue;
    const props = isObj(branch.properties) ? branch.properties : {};
    const required = Array.isArray(branch.required) ? (branch.required as string[]) : [];
    if (!required.every((k) => k in value)) continue;
    if (branch.additionalProperties === false && Object.keys(value).some((k) => !(k in props))) continue;
    const constsMatch = Object.entries(props).every(([k, p]) => {
      const c = resolveRef(spec, p).const;
      return c === undefined || !(k in value) || value[k] === c;
    });
    if (constsMatch) return branch;
  }
  return undefined;
}

export const typesOf = (schema: Obj): string[] => (Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : []);

/** Values of a JSON type, to put where another type is required (requests and responses alike). */
export const SAMPLE_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\s*-?\d/.test(s) && s !== 'true' && s !== 'false'),
  number: fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
  integer: fc.integer({ min: -1000, max: 1000 }),
  boolean: fc.boolean(),
  object: fc.constant({ unexpected: true }),
  array: fc.constant([1, 'two']),
};

/** A value at `path` inside `root` (creating containers along the way). */
export function setAt(root: unknown, path: readonly Segment[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container: Obj | unknown[] = typeof head === 'number' ? (Array.isArray(root) ? [...root] : []) : isObj(root) ? { ...root } : {};
  const current = (container as Record<Segment, unknown>)[head!];
  if (remove && rest.length === 0) {
    if (Array.isArray(container)) container.splice(head as number, 1);
    else delete container[head as string];
    return container;
  }
  (container as Record<Segment, unknown>)[head!] = setAt(current, rest, value, remove);
  return container;
}

function applyTo(input: CallInput, location: Location, path: readonly Segment[], value: unknown, remove = false): CallInput {
  const out: CallInput = structuredClone(input);
  if (location === 'body') out.body = setAt(out.body, path, value, remove);
  else out[location] = setAt(out[location] ?? {}, path, value, remove) as Record<string, unknown>;
  return out;
}

/** A string that does not match `pattern`, of a length the schema allows. */
function patternMiss(schema: Obj): fc.Arbitrary<string> {
  const re = new RegExp(schema.pattern as string, 'u');
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 64;
  return fc
    .string({ minLength: Math.max(min, 1), maxLength: Math.max(min, Math.min(max, 40)), unit: fc.constantFrom('!', ' ', '#', 'é', '~', '"', 'Z', '0') })
    .filter((s) => !re.test(s) && s.length >= min && s.length <= max);
}

/** 14 digits plus a check digit that fails the Luhn rule (the right one, plus 1 to 9). */
function withWrongCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  const right = (10 - (sum % 10)) % 10;
  return digits + String((right + 1 + (Number(digits[0]) % 9)) % 10);
}

const BAD_FORMAT: Record<string, string[]> = {
  date: ['2024-13-45', '24/04/2024', 'yesterday', '2024-02-30x'],
  'date-time': ['2024-04-23 25:61', 'not a date', '2024-04-23T10:00'],
  uuid: ['not-a-uuid', '1234', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'],
  email: ['no-at-sign', 'a@', '@b.example'],
  uri: ['not a url', '::', 'http//missing-colon'],
};

/** Every mutation the schema at `path` allows. */
function mutationsAt(
  spec: OpenApiDocument,
  operationId: string,
  base: CallInput,
  location: Location,
  path: Segment[],
  raw: unknown,
  required: boolean,
  credentialNames: Set<string>,
  out: Mutation[],
  depth = 0,
  inUnion = false,
): void {
  if (depth > 6) return;
  if (isCredential(spec, raw)) return;
  const rulesOnlyAt = (keyword: string, rule: RegExp, values: fc.Arbitrary<unknown>, at: Segment[], remove: boolean) =>
    out.push({
      operationId,
      keyword,
      inUnion,
      rule: inUnion ? ANY_SCHEMA_RULE : rule,
      arbitrary: values.map((v) => ({ input: applyTo(base, location, at, v, remove), path: dotted(location, at) })),
    });
  if (required && path.length > 0) rulesOnlyAt('required', /^required$/, fc.constant(undefined), path, true);
  const current0 = location === 'body' ? valueAt(base.body, path) : undefined;
  const resolved = resolveRef(spec, raw);
  const union = (resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined;
  const flat = flatten(spec, raw);
  const schema = flat ?? (union ? branchFor(spec, union, current0) : undefined);
  if (!schema) return; // a union the input matches no branch of: only its presence is checked
  const below = inUnion || (!flat && !!union);
  const push = (keyword: string, rule: RegExp, values: fc.Arbitrary<unknown>) => rulesOnlyAt(keyword, rule, values, path, false);
  const types = typesOf(schema);
  const allowed = new Set(types.includes('number') ? [...types, 'integer'] : types);
  const enumValues = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  // Parameters travel as text, and the generated schemas coerce numeric/boolean query strings;
  // a wrong type there is a string, which the rules below reject on their own terms.
  if (types.length > 0 && location === 'body') {
    const wrong = Object.keys(SAMPLE_OF_TYPE).filter((t) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')));
    if (wrong.length)
      push(
        'type',
        /^(type: |enum: |oneOf)/,
        fc.constantFrom(...wrong).chain((t) => SAMPLE_OF_TYPE[t]!),
      );
  }
  if (enumValues && enumValues.every((v) => typeof v === 'string')) {
    push(
      'enum',
      /^enum: /,
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !enumValues.includes(s)),
    );
  }
  if (types.includes('string') && !enumValues) {
    if (typeof schema.maxLength === 'number') {
      const max = schema.maxLength;
      push(
        'maxLength',
        /^maxLength: /,
        fc.integer({ min: 1, max: 50 }).map((extra) => 'x'.repeat(max + extra)),
      );
    }
    if (typeof schema.minLength === 'number' && schema.minLength > 0) push('minLength', /^minLength: /, fc.constant(''));
    if (schema['x-luhn'] === true) push('x-luhn', /^x-luhn$/, fc.stringMatching(/^\d{14}$/).map(withWrongCheckDigit));
    if (typeof schema.pattern === 'string') push('pattern', /^pattern: /, patternMiss(schema));
    else if (typeof schema.format === 'string' && BAD_FORMAT[schema.format]) push('format', /^(format: |pattern: )/, fc.constantFrom(...BAD_FORMAT[schema.format]!));
  }
  if (types.includes('integer') || types.includes('number')) {
    const lo = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
    const hi = (schema.maximum ?? schema.exclusiveMaximum) as number | undefined;
    if (typeof lo === 'number')
      push(
        'minimum',
        /^(minimum|exclusiveMinimum): /,
        fc.integer({ min: 1, max: 1_000_000 }).map((d) => lo - d),
      );
    if (typeof hi === 'number')
      push(
        'maximum',
        /^(maximum|exclusiveMaximum): /,
        fc.integer({ min: 1, max: 1_000_000 }).map((d) => hi + d),
      );
  }
  if (types.includes('array') || schema.items) {
    if (typeof schema.maxItems === 'number') {
      const max = schema.maxItems;
      const current = ((location === 'body' ? valueAt(base.body, path) : valueAt(base[location], path)) as unknown[] | undefined) ?? [];
      if (current.length > 0) push('maxItems', /^maxItems: /, fc.constant(Array.from({ length: max + 1 }, (_, i) => current[i % current.length])));
    }
    if (schema.items && location === 'body') {
      const items = (location === 'body' ? valueAt(base.body, path) : undefined) as unknown[] | undefined;
      if (Array.isArray(items) && items.length > 0) mutationsAt(spec, operationId, base, location, [...path, 0], schema.items, false, credentialNames, out, depth + 1, below);
    }
  }
  if (types.includes('object') || isObj(schema.properties)) {
    const properties = isObj(schema.properties) ? schema.properties : {};
    const requiredSet = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const current = location === 'body' ? valueAt(base.body, path) : undefined;
    if (location === 'body' && (isObj(current) || path.length === 0) && schema.additionalProperties !== true && !isObj(schema.additionalProperties)) {
      const known = new Set(Object.keys(properties));
      out.push({
        operationId,
        keyword: 'additionalProperties',
        inUnion,
        rule: /^additionalProperties: false$/,
        arbitrary: fc
          .stringMatching(/^[a-z][a-zA-Z]{2,10}$/)
          .filter((k) => !known.has(k) && !credentialNames.has(k))
          .map((k) => ({ input: applyTo(base, location, [...path, k], 'surprise'), path: dotted(location, [...path, k]) })),
      });
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (credentialNames.has(name) && path.length === 0) continue;
      const present = isObj(current) && name in current;
      // Only walk into objects the example has, so a mutation breaks one rule, not "missing parent".
      mutationsAt(spec, operationId, base, location, [...path, name], sub, requiredSet.has(name) && present, credentialNames, out, depth + 1, below);
    }
  }
}

export function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let cur = root;
  for (const s of path) cur = cur === null || typeof cur !== 'object' ? undefined : (cur as Record<Segment, unknown>)[s];
  return cur;
}

/** Every keyword mutation of one operation, applied to its valid input. */
export function operationMutations(spec: OpenApiDocument, op: SpecOperation, base: CallInput): Mutation[] {
  const out: Mutation[] = [];
  const credentialNames = new Set<string>();
  for (const p of op.parameters) if (p['x-credential'] !== undefined) credentialNames.add(String(p.name));
  for (const param of op.parameters) {
    if (param['x-credential'] !== undefined) continue;
    const location = param.in as Location;
    if (!['path', 'query', 'header'].includes(location)) continue;
    const name = String(param.name);
    const present = base[location] !== undefined && name in (base[location] as Obj);
    mutationsAt(spec, op.operationId, base, location, [name], param.schema, param.required === true && present, credentialNames, out);
  }
  const media = isObj(op.requestBody?.content) ? (Object.values(op.requestBody.content)[0] as Obj | undefined) : undefined;
  if (media?.schema) {
    const bodySchema = flatten(spec, media.schema);
    for (const [name, prop] of Object.entries(isObj(bodySchema?.properties) ? bodySchema.properties : {})) {
      if (isCredential(spec, prop)) credentialNames.add(name);
    }
    mutationsAt(spec, op.operationId, base, 'body', [], media.schema, false, credentialNames, out);
  }
  return out;
}
