/**
 * Broken and stretched response bodies from a spec's documented 2xx examples (R10), with what the
 * client must make of each. Schema breaks reuse src/mutators.ts's keyword walk (one JSON Schema
 * keyword broken at one place: drop a required field, wrong type, null where not nullable, enum
 * miss); the wire breaks are fixed kinds: truncated JSON, an HTML 200, a wrong content-type, a
 * null or empty body, a 1 MB string and 10,000-deep nesting; and valid-but-extended bodies carry
 * unknown fields the client must keep and report.
 */
import fc from 'fast-check';
import { parsePointer, pointerOf } from '@vendor-contracts/spec-model';
import { type OpenApiDocument, resolveRef, type SpecOperation } from '../../contract/src/cases.js';
import { branchFor, flatten, isObj, SAMPLE_OF_TYPE, setAt, typesOf, valueAt } from './mutators.js';

type Segment = string | number;

/** What the client must do with a body. */
export type Expectation =
  /** ResponseContractError with an issue at `pointer` (or, below a union, at an ancestor of it). */
  | { outcome: 'contract'; pointer: string; inUnion: boolean }
  /** VendorError: the body carries the vendor's own error marker (its `x-vendor-error` rule). */
  | { outcome: 'vendor' }
  /** ResponseFormatError for that reason. */
  | { outcome: 'format'; reason: 'syntax' | 'content-type' }
  /** Success, reporting exactly these unknown-field pointers through onUnknownFields. */
  | { outcome: 'accept'; unknownPointers: string[] };

export interface ServedBody {
  /** The bytes on the wire. */
  text: string;
  contentType: string;
  expect: Expectation;
}

export interface ResponseMutation {
  operationId: string;
  status: number;
  /** The mutation kind: a JSON Schema keyword (`required`, `type`, …) or a wire fault (`truncated`, …). */
  kind: string;
  /** True when every run gives the same body (a dropped field, a null, a nasty): one run is enough. */
  fixed: boolean;
  arbitrary: fc.Arbitrary<ServedBody>;
}

const FIXED_KINDS = new Set(['required', 'null', '1mb-string', 'deep-nesting', 'null-body', 'empty-body']);

/** A documented 2xx example of one operation. */
export interface SuccessExample {
  operationId: string;
  status: number;
  value: unknown;
}

export const DEEP_LEVELS = 10_000;
export const MEGABYTE_STRING_LENGTH = 1024 * 1024;
/** Deep values are spliced into the serialised text: JSON.stringify itself overflows the stack on them. */
const DEEP_PLACEHOLDER = '\u0000deep\u0000';
const deepArrayText = '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS);
const deepObjectText = '{"n":'.repeat(DEEP_LEVELS) + '0' + '}'.repeat(DEEP_LEVELS);

/** tools/spec-model's JSON pointer writer, under the name this harness's callers use. */
export function jsonPointerOf(path: readonly Segment[]): string {
  return pointerOf(path);
}

function serialise(value: unknown): string {
  const text = JSON.stringify(value);
  return text.replace(JSON.stringify(DEEP_PLACEHOLDER), () => (text.length % 2 === 0 ? deepArrayText : deepObjectText));
}

const json = (value: unknown, expect: Expectation): ServedBody => ({ text: serialise(value), contentType: 'application/json', expect });

/** The 2xx response schema of `op` for `status` (its JSON media type), if any. */
function responseSchema(op: SpecOperation, status: number): unknown {
  const content = op.responses[String(status)]?.content;
  if (!isObj(content)) return undefined;
  const media = (content['application/json'] ?? Object.entries(content).find(([t]) => /json/i.test(t))?.[1]) as Record<string, unknown> | undefined;
  return media?.schema;
}

/** Unknown property names that no spec uses (and that no vendor-error rule points at). */
const unknownName = fc.stringMatching(/^zzUnknown[A-Z][a-z]{1,6}$/);

/** Keyword mutations at `path` of the example, walking the response schema like mutators.ts walks requests. */
function keywordMutations(
  spec: OpenApiDocument,
  base: unknown,
  path: Segment[],
  raw: unknown,
  required: boolean,
  inUnion: boolean,
  depth: number,
  push: (kind: string, a: fc.Arbitrary<ServedBody>) => void,
): void {
  if (depth > 8) return;
  const pointer = jsonPointerOf(path);
  const contract: Expectation = { outcome: 'contract', pointer, inUnion };
  if (required && path.length > 0) push('required', fc.constant(json(setAt(base, path, undefined, true), contract)));
  const current = valueAt(base, path);
  const resolved = resolveRef(spec, raw);
  const union = (resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined;
  const flat = flatten(spec, raw);
  const schema = flat ?? (union ? branchFor(spec, union, current) : undefined);
  if (!schema) return;
  const below = inUnion || (!flat && !!union);
  const types = typesOf(schema);
  const nullable = schema.nullable === true || allowsNull(spec, raw);
  const at = (value: unknown) => json(setAt(base, path, value), { outcome: 'contract', pointer, inUnion: below });
  if (types.length > 0) {
    const allowed = new Set(types.includes('number') ? [...types, 'integer'] : types);
    const wrong = Object.keys(SAMPLE_OF_TYPE).filter((t) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')));
    if (wrong.length)
      push(
        'type',
        fc
          .constantFrom(...wrong)
          .chain((t) => SAMPLE_OF_TYPE[t]!)
          .map(at),
      );
    if (!nullable) push('null', fc.constant(at(null)));
    // The nasties where a typed value belongs: a 1 MB string (where no string fits), 10k-deep nesting (where no array fits).
    if (!allowed.has('string')) push('1mb-string', fc.constant(at('s'.repeat(MEGABYTE_STRING_LENGTH))));
    if (!allowed.has('array') && !allowed.has('object')) push('deep-nesting', fc.constant(at(DEEP_PLACEHOLDER)));
  }
  const enumValues = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (enumValues && enumValues.every((v) => typeof v === 'string'))
    push(
      'enum',
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((s) => !enumValues.includes(s))
        .map(at),
    );
  if (schema.items && Array.isArray(current) && current.length > 0) keywordMutations(spec, base, [...path, 0], schema.items, false, below, depth + 1, push);
  if (isObj(schema.properties) && isObj(current)) {
    const requiredSet = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (name in current) keywordMutations(spec, base, [...path, name], sub, requiredSet.has(name), below, depth + 1, push);
    }
  }
}

/** Where the example has an object the schema describes (not a free-form map): places to add unknown fields. */
function closedObjectPaths(spec: OpenApiDocument, base: unknown, path: Segment[], raw: unknown, depth: number, out: Segment[][]): void {
  if (depth > 8) return;
  const current = valueAt(base, path);
  const resolved = resolveRef(spec, raw);
  const union = (resolved.oneOf ?? resolved.anyOf) as unknown[] | undefined;
  // In a real union, the branch the example is an instance of (AT&T's OK-or-ERR_* answers).
  const flat = flatten(spec, raw) ?? (union ? branchFor(spec, union, current) : undefined);
  if (!flat) return;
  if (isObj(current) && isObj(flat.properties) && flat.additionalProperties === undefined) out.push(path);
  if (flat.items && Array.isArray(current) && current.length > 0) closedObjectPaths(spec, base, [...path, 0], flat.items, depth + 1, out);
  if (isObj(flat.properties) && isObj(current))
    for (const [name, sub] of Object.entries(flat.properties)) if (name in current) closedObjectPaths(spec, base, [...path, name], sub, depth + 1, out);
}

/** Every mutation of one documented 2xx example. */
export function responseMutations(spec: OpenApiDocument, op: SpecOperation, example: SuccessExample): ResponseMutation[] {
  const out: ResponseMutation[] = [];
  const push = (kind: string, arbitrary: fc.Arbitrary<ServedBody>) =>
    out.push({ operationId: op.operationId, status: example.status, kind, fixed: FIXED_KINDS.has(kind), arbitrary });
  const schema = responseSchema(op, example.status);
  if (schema === undefined) return out;
  const base = example.value;
  const exampleText = JSON.stringify(base);
  keywordMutations(spec, base, [], schema, false, false, 0, push);

  // Wire faults: the body is not the JSON that was promised.
  push(
    'truncated',
    fc
      .integer({ min: 0, max: exampleText.length - 1 })
      .filter((cut) => !parses(exampleText.slice(0, cut)) && exampleText.slice(0, cut) !== '')
      .map((cut) => ({ text: exampleText.slice(0, cut), contentType: 'application/json', expect: { outcome: 'format', reason: 'syntax' } })),
  );
  const html = fc.constantFrom('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', '<html><head><title>Maintenance</title></head><body>Back soon</body></html>');
  push(
    'html-200',
    html.map((text) => ({ text, contentType: 'text/html; charset=utf-8', expect: { outcome: 'format', reason: 'content-type' } })),
  );
  push(
    'html-labelled-json',
    html.map((text) => ({ text, contentType: 'application/json', expect: { outcome: 'format', reason: 'syntax' } })),
  );
  push(
    'wrong-content-type',
    fc
      .constantFrom('text/plain', 'text/html', 'application/xml', 'application/octet-stream')
      .map((contentType) => ({ text: exampleText, contentType, expect: { outcome: 'format', reason: 'content-type' } })),
  );
  // A root the schema does not allow: null, nothing, or a nasty in place of the whole body.
  const rootTypes = typesOf(flatten(spec, schema) ?? {});
  const root: Expectation = { outcome: 'contract', pointer: '', inUnion: false };
  if (!allowsNull(spec, schema)) push('null-body', fc.constant(json(null, root)));
  push('empty-body', fc.constant({ text: '', contentType: 'application/json', expect: root }));
  if (rootTypes.length > 0 && !rootTypes.includes('string')) push('1mb-string', fc.constant(json('s'.repeat(MEGABYTE_STRING_LENGTH), root)));
  if (rootTypes.length > 0 && !rootTypes.includes('array') && !rootTypes.includes('object')) push('deep-nesting', fc.constant(json(DEEP_PLACEHOLDER, root)));

  // The vendor's own error marker set in a success body: by its `x-vendor-error` rule this is an
  // error answer, whatever else the body holds.
  const rule = vendorErrorRule(spec, op, example.status);
  if (rule) {
    const marker =
      rule.pattern !== undefined
        ? fc.stringMatching(new RegExp(rule.pattern, 'u'))
        : fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant({ message: "Can't process this case" }));
    const path = parsePointer(rule.pointer);
    push(
      'x-vendor-error',
      marker.map((value) => json(setAt(base, path, value), { outcome: 'vendor' })),
    );
  }

  // Valid but extended: unknown fields (plain, a 1 MB string, 10k-deep nesting) are kept and reported.
  const places: Segment[][] = [];
  closedObjectPaths(spec, base, [], schema, 0, places);
  if (places.length > 0) {
    const extra = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant('s'.repeat(MEGABYTE_STRING_LENGTH)), fc.constant(DEEP_PLACEHOLDER));
    push(
      'unknown-fields',
      fc
        .uniqueArray(fc.tuple(fc.constantFrom(...places), unknownName, extra), { minLength: 1, maxLength: 3, selector: ([p, n]) => `${jsonPointerOf(p)}/${n}` })
        .map((additions) => {
          let body = base;
          for (const [path, name, value] of additions) body = setAt(body, [...path, name], value);
          return json(body, { outcome: 'accept', unknownPointers: additions.map(([path, name]) => jsonPointerOf([...path, name])).sort() });
        }),
    );
  }
  return out;
}

/** Whether `null` is a valid instance: a null type, a nullable wrapper, or a union with a null branch. */
function allowsNull(spec: OpenApiDocument, raw: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  const schema = resolveRef(spec, raw);
  if (typesOf(schema).includes('null') || schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null))) return true;
  const parts = [...((schema.oneOf ?? schema.anyOf ?? []) as unknown[])];
  return parts.some((p) => allowsNull(spec, p, depth + 1)) || (Array.isArray(schema.allOf) && schema.allOf.length > 0 && schema.allOf.every((p) => allowsNull(spec, p, depth + 1)));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The spec's `x-vendor-error` rule for this response (response, operation, then document level). */
export function vendorErrorRule(spec: OpenApiDocument, op: SpecOperation, status: number): { pointer: string; pattern?: string; present?: boolean } | undefined {
  const pick = (o: unknown) =>
    isObj(o) && isObj(o['x-vendor-error']) ? ((o['x-vendor-error'] as Record<string, unknown>).when as { pointer: string; pattern?: string; present?: boolean }) : undefined;
  const rawOp = (((spec.paths as Record<string, Record<string, unknown>>)[op.path] ?? {})[op.method.toLowerCase()] ?? {}) as Record<string, unknown>;
  return pick(op.responses[String(status)]) ?? pick(rawOp) ?? pick(spec);
}

/** Whether a served body is, by the vendor's own rule, an error in a 2xx (so VendorError wins over the schema). */
export function matchesVendorErrorRule(rule: { pointer: string; pattern?: string; present?: boolean } | undefined, text: string): boolean {
  if (!rule) return false;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  const path = parsePointer(rule.pointer);
  const value = valueAt(body, path);
  if (rule.pattern !== undefined) return typeof value === 'string' && new RegExp(rule.pattern, 'u').test(value);
  return rule.present === true && value !== undefined && value !== null && value !== false && value !== '';
}
