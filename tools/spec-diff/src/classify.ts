/**
 * Classifies the differences between two versions of one vendor's OpenAPI 3.1 document as the
 * semver bump they force on `@vendor-contracts/<vendor>` (and the facade), one changelog line each.
 *
 * The structural diff — $refs resolved, operations, parameters and array items matched — comes from
 * api-smart-diff, with its oneOf/anyOf/allOf branch pairing and whole-enum diffs corrected
 * (variants.ts). Its own breaking/non-breaking verdict is NOT used: it reads JSON Schema with 3.0
 * eyes (a 3.1 `type: [string, 'null']` widened in a response counts as non-breaking, in a request as
 * breaking — both backwards), treats `operationId` (our method names) as an annotation, a property
 * removed from a request as harmless (our request validators reject unknown keys) and a new enum
 * value in a response as breaking. So every diff goes through the table below instead.
 *
 * The rule behind the table: the bump says what UPGRADING our package does to a consumer whose code
 * compiled and ran against the previous version.
 * - Requests are what the consumer sends and our strict validator checks before sending. Anything
 *   that stops accepting a value they could send is major (removed field or enum value, new required
 *   field or parameter, narrowed type, tighter constraint); anything that accepts more is minor.
 * - Responses are what the consumer reads. Anything that takes away something they could rely on is
 *   major (removed field, a field no longer always present, a type widened e.g. to nullable, a
 *   removed enum value — the string-literal union shrinks, so `status === 'GONE'` stops compiling);
 *   anything that only adds is minor: new fields (the tolerant validator keeps them anyway) and new
 *   enum values. Note: the generated response validators are tolerant of unknown KEYS but not of
 *   unknown enum values (`z.enum` in both modes), so an older client rejects a new value with a
 *   ResponseContractError once the vendor sends it; upgrading fixes that and breaks no code that
 *   compiled (only exhaustive `never` checks flag the new member, which is what they are for) — the
 *   convention of the SDKs we model on (Stripe, Octokit add enum members in minors).
 *   Narrowing a response (a field now always present, nullable → not) is minor: code keeps compiling.
 * - Descriptions, summaries, examples and documentation-only extensions are patch.
 * - Every other `x-` extension is classified by its declaration in tools/spec-model (its semver
 *   class for adding, removing and changing it); an undeclared one is unclassified.
 * - Anything the table does not know is major, named as unclassified, so it is looked at.
 */
import { documentationExtensions, extension, extensionBump, extensionNote, pointerOf, tryResolveRef } from '@vendor-contracts/spec-model';
import { apiCompare, type Diff } from 'api-smart-diff';
import { diffRules } from './variants.js';

export { pointerOf };

export type Bump = 'major' | 'minor' | 'patch';
export const BUMP_ORDER: Record<Bump | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface SpecChange {
  /** operationId (or `webhook <name>`, `servers`, `schema <Name>`, `document`) the line belongs to. */
  subject: string;
  bump: Bump;
  /** The HTTP method and path of an operation's change, e.g. `GET /job/{connect_id}`. */
  operation?: string;
  /** Human-readable, e.g. `200 response body: removed field status`. */
  message: string;
  /** JSON pointer of the diff in the document, for whoever wants to look. */
  pointer: string;
}

type Direction = 'request' | 'response';
type Json = Record<string, any>;
type Seg = string | number;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Keywords and extensions that only document: changing them changes no type and no behaviour. */
const DOC_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'tags', 'contact', 'license', 'termsOfService', ...documentationExtensions()]);
/** Constraints: adding one tightens what is valid, removing one loosens it. */
const CONSTRAINTS = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'format',
  'multipleOf',
  'additionalProperties',
  'minProperties',
  'maxProperties',
]);

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/** Direction-aware verdict: `widens` accepts/produces more values, `narrows` fewer. */
function byEffect(direction: Direction, effect: 'widens' | 'narrows' | 'both'): Bump {
  if (effect === 'both') return 'major';
  if (direction === 'request') return effect === 'narrows' ? 'major' : 'minor';
  return effect === 'widens' ? 'major' : 'minor';
}

function typeSet(v: unknown): Set<string> {
  return new Set(([] as unknown[]).concat(v ?? []).map(String));
}

interface Ctx {
  direction: Direction;
  /** What field paths hang from: `''` for a body (fields read `offers[].product`), `query parameter verbose`, `header X-Id`. */
  root: string;
  /** What the root is when the change is to the root itself: `the body`, `the parameter`, `the header`. */
  whole: string;
  /** Prefix of the message: `200 response body`, `request body`, `request`. */
  where: string;
}

/**
 * Field path of a schema location, in the words a caller uses: properties/a/items/properties/b →
 * a[].b. oneOf/anyOf branches and allOf parts are not named: a caller never names them, so a change
 * that every branch shares reads once (the pointer still says which branch).
 */
function fieldPath(root: string, segs: readonly Seg[]): string {
  let out = root;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s === 'properties' && i + 1 < segs.length) out = child(out, String(segs[++i]));
    else if (s === 'items') out += '[]';
    else if (s === 'additionalProperties' && i + 1 < segs.length) out = child(out, '*');
    else if ((s === 'oneOf' || s === 'anyOf' || s === 'allOf') && i + 1 < segs.length) i++;
  }
  return out;
}

/** `a` + `.b`, or `b` at the root of a body. */
const child = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);

/** One diff inside a schema (request body, response body, parameter or header schema). */
function schemaChange(ctx: Ctx, segs: readonly Seg[], d: Diff): { bump: Bump; text: string } {
  const { direction } = ctx;
  const last = segs[segs.length - 1];
  const prev = segs[segs.length - 2];
  const owner = (n: number) => fieldPath(ctx.root, segs.slice(0, segs.length - n));
  const value = d.action === 'remove' ? d.before : d.after;
  /** A body's fields read `field offers[].product`; a parameter or header names itself (`query parameter verbose`). */
  const named = (field: string): string => {
    if (!field) return ctx.whole;
    if (ctx.root) return field;
    // A list body: `[].status` is a field of each item.
    if (field === '[]') return 'each item';
    return field.startsWith('[].') ? `field ${field.slice(3)} of each item` : `field ${field}`;
  };
  /** `<named>: ` before a text about it, nothing when the change is to the root itself. */
  const lead = (field: string): string => (field ? `${named(field)}: ` : '');

  if (segs.length === 0) {
    if (d.action === 'add') return { bump: 'major', text: `${ctx.whole} now has a schema` };
    if (d.action === 'remove') return { bump: 'major', text: `${ctx.whole} lost its schema` };
  }
  if (prev === 'properties') {
    const field = owner(0);
    if (d.action === 'add') return { bump: 'minor', text: `added ${named(field)}` };
    if (d.action === 'remove') return { bump: 'major', text: `removed ${named(field)}` };
    return { bump: 'major', text: `replaced ${named(field)}` };
  }
  if (last === 'properties') {
    const names = Object.keys((value as Json) ?? {})
      .map((n) => child(owner(1), n))
      .join(', ');
    if (d.action === 'add') return { bump: 'minor', text: `added fields ${names}` };
    return { bump: 'major', text: `removed fields ${names}` };
  }
  if (prev === 'required' || last === 'required') {
    const obj = owner(prev === 'required' ? 2 : 1);
    const lines = (names: unknown, added: boolean) =>
      ([] as unknown[]).concat(names).map((n) => ({
        bump: (added ? (direction === 'request' ? 'major' : 'minor') : direction === 'request' ? 'minor' : 'major') as Bump,
        text:
          direction === 'request'
            ? `${named(child(obj, String(n)))} is ${added ? 'now required' : 'no longer required'}`
            : `${named(child(obj, String(n)))} is ${added ? 'now always present' : 'no longer always present'}`,
      }));
    const all = d.action === 'replace' ? [...lines(d.before, false), ...lines(d.after, true)] : lines(value, d.action === 'add');
    return combine(all);
  }
  if (prev === 'enum' || last === 'enum') {
    const field = owner(prev === 'enum' ? 2 : 1);
    if (last === 'enum') {
      // The whole list appears (narrows to it) or disappears (any value of the type).
      return d.action === 'add'
        ? { bump: byEffect(direction, 'narrows'), text: `${named(field)} is now limited to ${show(d.after)}` }
        : { bump: byEffect(direction, 'widens'), text: `${named(field)} is no longer limited to ${show(d.before)}` };
    }
    if (d.action === 'add') return { bump: 'minor', text: `${lead(field)}added enum value ${show(d.after)}` };
    if (d.action === 'remove') return { bump: 'major', text: `${lead(field)}removed enum value ${show(d.before)}` };
    return { bump: 'major', text: `${lead(field)}enum value ${show(d.before)} replaced by ${show(d.after)}` };
  }
  if (last === 'const') {
    const field = owner(1);
    if (d.action === 'remove') return { bump: byEffect(direction, 'widens'), text: `${named(field)} is no longer fixed to ${show(d.before)}` };
    if (d.action === 'add') return { bump: byEffect(direction, 'narrows'), text: `${named(field)} is now fixed to ${show(d.after)}` };
    return { bump: 'major', text: `${lead(field)}constant ${show(d.before)} replaced by ${show(d.after)}` };
  }
  if (last === 'type' || prev === 'type') {
    const field = owner(prev === 'type' ? 2 : 1);
    let before: Set<string>;
    let after: Set<string>;
    if (prev === 'type') {
      // One member of a `type` array: api-smart-diff reports it alone.
      before = d.action === 'add' ? new Set() : typeSet(d.before);
      after = d.action === 'remove' ? new Set() : typeSet(d.after);
    } else {
      before = typeSet(d.before);
      after = typeSet(d.after);
    }
    // integer ⊂ number: number → integer narrows, integer → number widens.
    const covered = (t: string, set: Set<string>) => set.has(t) || (t === 'integer' && set.has('number'));
    const widens = [...after].some((t) => !covered(t, before));
    const narrows = [...before].some((t) => !covered(t, after));
    const effect = widens && narrows ? 'both' : widens ? 'widens' : 'narrows';
    const text =
      prev === 'type'
        ? `${lead(field)}type ${d.action === 'add' ? 'now also' : 'no longer'} ${[...(d.action === 'add' ? after : before)].join(' | ')}`
        : `${lead(field)}type ${[...before].join(' | ') || '(any)'} → ${[...after].join(' | ') || '(any)'}`;
    return { bump: byEffect(direction, effect), text };
  }
  if (prev === 'oneOf' || prev === 'anyOf') {
    const field = owner(2);
    if (d.action === 'add') return { bump: byEffect(direction, 'widens'), text: `${lead(field)}added a ${String(prev)} variant` };
    if (d.action === 'remove') return { bump: byEffect(direction, 'narrows'), text: `${lead(field)}removed a ${String(prev)} variant` };
  }
  if (prev === 'allOf') {
    const field = owner(2);
    if (d.action === 'add') return { bump: byEffect(direction, 'narrows'), text: `${lead(field)}added an allOf part` };
    if (d.action === 'remove') return { bump: byEffect(direction, 'widens'), text: `${lead(field)}removed an allOf part` };
  }
  if (typeof last === 'string' && CONSTRAINTS.has(last)) {
    const field = owner(1);
    let effect: 'widens' | 'narrows' | 'both';
    if (d.action === 'add') effect = last === 'additionalProperties' && d.after !== false ? 'both' : 'narrows';
    else if (d.action === 'remove') effect = 'widens';
    else if (typeof d.before === 'number' && typeof d.after === 'number') {
      const isMin = /^(min|exclusiveMin)/.test(last);
      effect = isMin === d.after > d.before ? 'narrows' : 'widens';
      if (last === 'multipleOf') effect = 'both';
    } else effect = 'both';
    return { bump: byEffect(direction, effect), text: `${lead(field)}${last} ${show(d.before)} → ${show(d.after)}` };
  }
  // A declared extension on the schema itself or one member of its value (not a property named x-…).
  const at = segs.findIndex((s, i) => typeof s === 'string' && segs[i - 1] !== 'properties' && extension(s) !== undefined);
  if (at >= 0) {
    const r = extensionChange(String(segs[at]), d, direction);
    if (r) return { bump: r.bump, text: `${lead(fieldPath(ctx.root, segs.slice(0, at)))}${r.text}` };
  }
  // A default documents what an omitted value means (and generated types may read a defaulted field
  // as present): behaviour can differ, no code stops compiling.
  if (last === 'default') return { bump: 'minor', text: `${lead(owner(1))}default ${show(d.before)} → ${show(d.after)}` };
  if (last === 'deprecated') return { bump: 'minor', text: `${lead(owner(1))}deprecated ${show(d.before)} → ${show(d.after)}` };
  if (segs.some((s) => typeof s === 'string' && DOC_KEYS.has(s))) {
    const at = segs.findIndex((s) => typeof s === 'string' && DOC_KEYS.has(s));
    return { bump: 'patch', text: `${lead(fieldPath(ctx.root, segs.slice(0, at)))}${String(segs[at])} changed` };
  }
  return unclassified(segs, d);
}

/**
 * A change to (or inside) a declared extension that is more than documentation, classified by its
 * declaration's semver class (tools/spec-model). Undefined for an undeclared or documentation-only
 * name: the caller reports those as unclassified or patch.
 */
function extensionChange(name: string, d: Diff, direction?: Direction): { bump: Bump; text: string } | undefined {
  if (!extension(name) || DOC_KEYS.has(name)) return undefined;
  const action = d.action === 'add' ? 'add' : d.action === 'remove' ? 'remove' : 'change';
  const bump = extensionBump(name, action, direction)!;
  const note = extensionNote(name, action);
  if (!note) return { bump, text: `${name} ${show(d.before)} → ${show(d.after)}` };
  const verb = { add: 'added', remove: 'removed', change: 'changed' }[action];
  return { bump, text: `${name} ${verb}: ${note} (${action === 'add' ? show(d.after) : `${show(d.before)} → ${show(d.after)}`})` };
}

function unclassified(segs: readonly Seg[], d: Diff): { bump: Bump; text: string } {
  return { bump: 'major', text: `unclassified ${d.action} at ${segs.join('/')} (treated as major; teach tools/spec-diff if wrong)` };
}

function combine(parts: { bump: Bump; text: string }[]): { bump: Bump; text: string } {
  const bump = parts.reduce<Bump>((b, p) => (BUMP_ORDER[p.bump] > BUMP_ORDER[b] ? p.bump : b), 'patch');
  return { bump, text: parts.map((p) => p.text).join('; ') };
}

/** Follows a local `#/components/...` $ref in the raw document (parameters may be refs). */
function deref(doc: Json, value: unknown): Json | undefined {
  return tryResolveRef(doc, value);
}

function describeParameter(doc: Json, raw: unknown): { label: string; required: boolean } {
  const p = deref(doc, raw) ?? {};
  return { label: `${String(p.in ?? 'unknown')} parameter ${String(p.name ?? '?')}`, required: p.required === true || p.in === 'path' };
}

/** One diff inside an operation (or webhook) object. */
function operationChange(before: Json, after: Json, base: Seg[], rest: Seg[], d: Diff, webhook: boolean): { bump: Bump; text: string } {
  const inside = (doc: Json) => base.reduce<any>((o, k) => o?.[k], doc) as Json | undefined;
  // A webhook's request is what WE receive; its responses are what we send back.
  const sendDir: Direction = webhook ? 'response' : 'request';
  const recvDir: Direction = webhook ? 'request' : 'response';
  const [head, a, b, c] = rest;

  if (rest.length === 0) return d.action === 'add' ? { bump: 'minor', text: 'added operation' } : { bump: 'major', text: 'removed operation' };
  if (head === 'operationId') return { bump: 'major', text: `operationId (the method name) ${show(d.before)} → ${show(d.after)}` };
  if (head === 'parameters' && a !== undefined) {
    const doc = d.action === 'add' ? after : before;
    const param = describeParameter(doc, inside(doc)?.parameters?.[a as number]);
    if (rest.length === 2) {
      if (d.action === 'add') return { bump: param.required ? 'major' : 'minor', text: `request: added ${param.required ? 'required' : 'optional'} ${param.label}` };
      if (d.action === 'remove') return { bump: 'major', text: `request: removed ${param.label}` };
    }
    if (b === 'required') {
      const now = d.after === true;
      return { bump: now ? 'major' : 'minor', text: `request: ${param.label} is ${now ? 'now required' : 'no longer required'}` };
    }
    if (b === 'schema') {
      const r = schemaChange({ direction: sendDir, root: param.label, whole: param.label, where: 'request' }, rest.slice(3), d);
      return { bump: r.bump, text: `request: ${r.text}` };
    }
    if (b === 'name' || b === 'in') return { bump: 'major', text: `request: parameter ${String(b)} ${show(d.before)} → ${show(d.after)}` };
    const ext = typeof b === 'string' ? extensionChange(b, d, sendDir) : undefined;
    if (ext) return { bump: ext.bump, text: `request: ${param.label}: ${ext.text}` };
    if (typeof b === 'string' && DOC_KEYS.has(b)) return { bump: 'patch', text: `request: ${param.label}: ${b} changed` };
    return unclassified(rest, d);
  }
  if (head === 'requestBody') {
    const label = webhook ? 'received body' : 'request';
    if (rest.length === 1) {
      const required = (d.action === 'add' ? d.after : d.before)?.required === true;
      if (d.action === 'add') return { bump: required ? byEffect(sendDir, 'narrows') : 'minor', text: `${label}: added ${required ? 'required ' : ''}body` };
      if (d.action === 'remove') return { bump: 'major', text: `${label}: removed body` };
    }
    if (a === 'required')
      return {
        bump: d.after === true ? byEffect(sendDir, 'narrows') : byEffect(sendDir, 'widens'),
        text: `${label}: body is ${d.after === true ? 'now required' : 'now optional'}`,
      };
    if (a === 'content' && b !== undefined) {
      if (rest.length === 3) return d.action === 'add' ? { bump: 'minor', text: `${label}: accepts ${String(b)}` } : { bump: 'major', text: `${label}: no longer ${String(b)}` };
      if (c === 'schema') {
        const where = webhook ? label : `${label} body`;
        const r = schemaChange({ direction: sendDir, root: '', whole: 'the body', where }, rest.slice(4), d);
        return { bump: r.bump, text: `${where}: ${r.text}` };
      }
      if (typeof c === 'string' && DOC_KEYS.has(c)) return { bump: 'patch', text: `${label}: ${c} changed` };
    }
    if (typeof a === 'string' && DOC_KEYS.has(a)) return { bump: 'patch', text: `${label}: ${a} changed` };
    return unclassified(rest, d);
  }
  if (head === 'responses' && a !== undefined) {
    const label = `${String(a)} response`;
    if (rest.length === 2) return d.action === 'add' ? { bump: 'minor', text: `added ${label}` } : { bump: 'major', text: `removed ${label}` };
    if (b === 'content' && c !== undefined) {
      if (rest.length === 4) return d.action === 'add' ? { bump: 'minor', text: `${label}: added ${String(c)}` } : { bump: 'major', text: `${label}: removed ${String(c)}` };
      if (rest[4] === 'schema') {
        const r = schemaChange({ direction: recvDir, root: '', whole: 'the body', where: `${label} body` }, rest.slice(5), d);
        return { bump: r.bump, text: `${label} body: ${r.text}` };
      }
      if (typeof rest[4] === 'string' && DOC_KEYS.has(rest[4])) return { bump: 'patch', text: `${label}: ${rest[4]} changed` };
    }
    if (b === 'headers' && c !== undefined) {
      if (rest.length === 4)
        return d.action === 'add' ? { bump: 'minor', text: `${label}: added header ${String(c)}` } : { bump: 'major', text: `${label}: removed header ${String(c)}` };
      if (rest[4] === 'schema') {
        const r = schemaChange({ direction: recvDir, root: `header ${String(c)}`, whole: `header ${String(c)}`, where: label }, rest.slice(5), d);
        return { bump: r.bump, text: `${label}: ${r.text}` };
      }
    }
    const ext = typeof b === 'string' ? extensionChange(b, d) : undefined;
    if (ext) return { bump: ext.bump, text: `${label}: ${ext.text}` };
    if (typeof b === 'string' && DOC_KEYS.has(b)) return { bump: 'patch', text: `${label}: ${b} changed` };
    return unclassified(rest, d);
  }
  if (head === 'security') return { bump: 'major', text: 'security requirements changed' };
  if (head === 'deprecated') return { bump: 'minor', text: `deprecated ${show(d.before)} → ${show(d.after)}` };
  const ext = typeof head === 'string' ? extensionChange(head, d) : undefined;
  if (ext) return ext;
  if (typeof head === 'string' && DOC_KEYS.has(head)) return { bump: 'patch', text: `${head} changed` };
  return unclassified(rest, d);
}

const WEBHOOK_KEY = 'webhook:';

function withWebhooksAsPaths(doc: Json): Json {
  if (!doc.webhooks) return doc;
  const paths = { ...(doc.paths ?? {}) };
  for (const [name, item] of Object.entries(doc.webhooks)) paths[`${WEBHOOK_KEY}${name}`] = item;
  const { webhooks: _webhooks, ...rest } = doc;
  return { ...rest, paths };
}

/**
 * Schemas reachable from paths and webhooks, through any local $ref (responses, parameters, …):
 * their changes are reported under each operation that uses them.
 */
function reachableSchemas(doc: Json): Set<string> {
  const seenRefs = new Set<string>();
  const schemas = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === '$ref' && typeof child === 'string' && child.startsWith('#/')) {
          if (seenRefs.has(child)) continue;
          seenRefs.add(child);
          const m = /^#\/components\/schemas\/([^/]+)$/.exec(child);
          if (m) schemas.add(m[1]!);
          walk(deref(doc, { $ref: child }));
        } else walk(child);
      }
    }
  };
  walk(doc.paths);
  walk(doc.webhooks);
  return schemas;
}

/** Every classified change between two parsed documents, in document order. */
export function diffSpecs(before: Json, after: Json): SpecChange[] {
  // api-smart-diff resolves operations under `paths` only: webhooks go there under a key no real
  // path can have, so their bodies are dereferenced and matched like operations.
  // api-smart-diff writes into the documents it compares (its transforms): it gets copies, so the
  // caller's documents (and a second comparison of them) are untouched.
  const beforeDoc = withWebhooksAsPaths(structuredClone(before));
  const afterDoc = withWebhooksAsPaths(structuredClone(after));
  // diffRules: oneOf/anyOf/allOf branches paired by identity, a whole enum as one change (variants.ts).
  const { diffs } = apiCompare(beforeDoc, afterDoc, { rules: diffRules() });
  const reachable = new Set([...reachableSchemas(before), ...reachableSchemas(after)]);
  const out: SpecChange[] = [];
  const opName = (key: string, method: string): string => {
    const op = afterDoc.paths?.[key]?.[method] ?? beforeDoc.paths?.[key]?.[method];
    const webhook = key.startsWith(WEBHOOK_KEY);
    const id = typeof op?.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${webhook ? key.slice(WEBHOOK_KEY.length) : key}`;
    return webhook ? `webhook ${id}` : id;
  };
  const route = (key: string, method: string): { operation?: string } => (key.startsWith(WEBHOOK_KEY) ? {} : { operation: `${method.toUpperCase()} ${key}` });
  for (const d of diffs) {
    const path = d.path as Seg[];
    const isWebhook = path[0] === 'paths' && typeof path[1] === 'string' && path[1].startsWith(WEBHOOK_KEY);
    const [root, key, method] = path;
    const pointer = pointerOf(path);
    if (root === 'paths' && typeof key === 'string') {
      if (path.length === 2) {
        // A whole path item appeared or went: one line per operation in it.
        const item = (d.action === 'add' ? d.after : d.before) as Json;
        for (const m of Object.keys(item ?? {}).filter((k) => METHODS.has(k))) {
          out.push({
            subject: opName(key, m),
            ...route(key, m),
            bump: d.action === 'add' ? 'minor' : 'major',
            message: d.action === 'add' ? 'added operation' : 'removed operation',
            pointer,
          });
        }
        continue;
      }
      if (typeof method === 'string' && METHODS.has(method)) {
        const r = operationChange(beforeDoc, afterDoc, [root, key, method], path.slice(3), d, isWebhook);
        out.push({ subject: opName(key, method), ...route(key, method), bump: r.bump, message: r.text, pointer });
        continue;
      }
      // Path-level parameters/description: apply to every operation of the path.
      const r = typeof method === 'string' && DOC_KEYS.has(method) ? { bump: 'patch' as Bump, text: `${method} changed` } : unclassified(path.slice(2), d);
      out.push({ subject: `${String(root)} ${key}`, bump: r.bump, message: r.text, pointer });
      continue;
    }
    if (root === 'components' && key === 'schemas' && typeof method === 'string') {
      if (reachable.has(method)) continue; // already reported under each operation that uses it
      // Exported from `<package>/schemas` but used by no operation: both renderings (strict and
      // tolerant) are public, so the stricter verdict of the two directions applies.
      const segs = path.slice(3);
      const req = schemaChange({ direction: 'request', root: '', whole: 'the schema', where: '' }, segs, d);
      const res = schemaChange({ direction: 'response', root: '', whole: 'the schema', where: '' }, segs, d);
      const bump = BUMP_ORDER[req.bump] >= BUMP_ORDER[res.bump] ? req.bump : res.bump;
      out.push({ subject: `schema ${method}`, bump, message: segs.length === 0 ? `${d.action === 'add' ? 'added' : 'removed'} schema` : req.text, pointer });
      continue;
    }
    if (root === 'components' && key === 'securitySchemes') {
      out.push({ subject: 'security', bump: 'major', message: `security scheme ${String(method ?? '')} changed`, pointer });
      continue;
    }
    if (root === 'security') {
      out.push({ subject: 'security', bump: 'major', message: 'document-wide security requirements changed', pointer });
      continue;
    }
    if (root === 'servers') {
      const leaf = path[path.length - 1];
      const serverExtension = typeof path[2] === 'string' ? extensionChange(path[2], d) : undefined;
      const r: { bump: Bump; text: string } =
        path.length === 2 && d.action === 'remove'
          ? { bump: 'major', text: `removed server ${show((d.before as Json)?.url)} (an environment disappears)` }
          : path.length === 2 && d.action === 'add'
            ? { bump: 'minor', text: `added server ${show((d.after as Json)?.url)}` }
            : typeof leaf === 'string' && DOC_KEYS.has(leaf)
              ? { bump: 'patch', text: `server ${leaf} changed` }
              : leaf === 'url'
                ? { bump: 'minor', text: `server URL ${show(d.before)} → ${show(d.after)}` }
                : serverExtension
                  ? { bump: serverExtension.bump, text: `server ${serverExtension.text}` }
                  : { bump: 'major', text: `server ${String(leaf)} ${show(d.before)} → ${show(d.after)}` };
      out.push({ subject: 'servers', bump: r.bump, message: r.text, pointer });
      continue;
    }
    const rootExtension = typeof root === 'string' ? extensionChange(root, d) : undefined;
    if (rootExtension) {
      out.push({ subject: 'document', bump: rootExtension.bump, message: rootExtension.text, pointer });
      continue;
    }
    if (root === 'info' || root === 'openapi' || (typeof root === 'string' && DOC_KEYS.has(root)) || (root === 'components' && key === 'examples')) {
      out.push({ subject: 'document', bump: 'patch', message: `${path.slice(0, path.length > 1 && root !== 'x-assumption' ? 2 : 1).join('.')} changed`, pointer });
      continue;
    }
    if (root === 'components') continue; // parameters/responses/… are reported where they are used
    const r = unclassified(path, d);
    out.push({ subject: 'document', bump: r.bump, message: r.text, pointer });
  }
  return dedupe(out);
}

/**
 * A removed response field also loses its `required` entry, and a new required request field
 * appears twice (property + required): one line each says it best.
 */
function dedupe(changes: SpecChange[]): SpecChange[] {
  const fieldLine = /^(.*?): (removed|added) field (.+)$/;
  const requiredLine = /^(.*?): field (.+) is (no longer always present|now required)$/;
  const id = (subject: string, where: string, field: string) => `${subject}\u0000${where}\u0000${field}`;
  const removed = new Set<string>();
  const nowRequired = new Set<string>();
  for (const c of changes) {
    const f = fieldLine.exec(c.message);
    if (f?.[2] === 'removed') removed.add(id(c.subject, f[1]!, f[3]!));
    const r = requiredLine.exec(c.message);
    if (r?.[3] === 'now required') nowRequired.add(id(c.subject, r[1]!, r[2]!));
  }
  const added = new Set<string>();
  const seen = new Set<string>();
  const result: SpecChange[] = [];
  for (const c of changes) {
    let change = c;
    const f = fieldLine.exec(c.message);
    if (f?.[2] === 'added' && nowRequired.has(id(c.subject, f[1]!, f[3]!))) {
      added.add(id(c.subject, f[1]!, f[3]!));
      change = { ...c, bump: 'major', message: `${f[1]}: added required field ${f[3]}` };
    }
    const r = requiredLine.exec(c.message);
    if (r?.[3] === 'no longer always present' && removed.has(id(c.subject, r[1]!, r[2]!))) continue;
    const key = `${change.subject}\u0000${change.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(change);
  }
  // The "is now required" line is redundant beside "added required field".
  return result.filter((c) => {
    const r = requiredLine.exec(c.message);
    return !(r?.[3] === 'now required' && added.has(id(c.subject, r[1]!, r[2]!)));
  });
}

export function highestBump(changes: readonly SpecChange[]): Bump | 'none' {
  return changes.reduce<Bump | 'none'>((b, c) => (BUMP_ORDER[c.bump] > BUMP_ORDER[b] ? c.bump : b), 'none');
}
