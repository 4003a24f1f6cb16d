/**
 * The round-trip test's common ground: a JSON Schema — as a spec writes it, or as
 * @asteasolutions/zod-to-openapi renders one of our generated zod schemas — reduced to the facets
 * that decide which values are valid. Schemas that agree on those facets normalise to equal trees;
 * `diffNormal` lists, path by path, where two trees differ.
 *
 * The normal form:
 * - `type`: the JSON types other than null, sorted (`integer` stays distinct from `number`); absent
 *   means "any type". `nullable: true` stands for every spelling of "null is allowed":
 *   `type: [x, 'null']`, OpenAPI 3.0 `nullable: true`, `oneOf/anyOf [.., {type: 'null'}]`, `null` in
 *   an `enum`.
 * - `enum`: the allowed values (a `const` is a one-value enum), null removed, sorted; `type` is
 *   then the types of those values (an integer enum has type `number`: its values already say so).
 * - string, number, array and object facets, kept only for the type they apply to, as JSON Schema
 *   applies them; `pattern` as `/<source>/<flags>`.
 * - `union`: the branches of `oneOf`/`anyOf`, in order, with nested unions flattened, null branches
 *   folded into `nullable`, a single branch unwrapped and branches that are all plain enums merged
 *   into one enum (`z.union([z.literal(1), z.literal(2)])` ≡ `enum: [1, 2]`).
 * - `$ref`s inlined and `allOf` parts merged into one object (spec side only; see `normaliseSpec`).
 *
 * Anything the normaliser does not model throws, so a new keyword can never be silently ignored.
 */
export type Json = Record<string, any>;

export interface Normal {
  type?: string[];
  nullable?: true;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: Normal;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Normal>;
  required?: string[];
  additionalProperties?: Normal;
  union?: Normal[];
  /** allOf parts that define one property differently (the generator keeps only the last). */
  conflict?: Normal[];
}

const STRING_FACETS = ['format', 'minLength', 'maxLength', 'pattern'] as const;
const NUMBER_FACETS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;
const ARRAY_FACETS = ['minItems', 'maxItems'] as const;

/** Keywords read by the normaliser. */
const MODELLED = new Set<string>([
  'type',
  'enum',
  'const',
  'nullable',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'oneOf',
  'anyOf',
  '$conflict',
  ...STRING_FACETS,
  ...NUMBER_FACETS,
  ...ARRAY_FACETS,
]);

/**
 * Keywords that are left out on purpose, each with the reason. `x-*` extensions are documentation or
 * runtime metadata (`x-credential`, `x-enum-varnames`, …) except `x-luhn` and `x-url-policy`, listed here.
 */
export const IGNORED: Readonly<Record<string, string>> = {
  description: 'documentation',
  title: 'documentation',
  examples: 'documentation (test/spec-examples.test.ts validates them)',
  example: 'documentation',
  default: 'documentation: the generated schemas never fill defaults',
  deprecated: 'documentation',
  readOnly: 'documentation',
  writeOnly: 'documentation',
  discriminator: 'zod-to-openapi may name the discriminator of a oneOf; the branches already carry it',
  uniqueItems: 'the generator enforces it with .refine(), which zod-to-openapi cannot render; test/emit.test.ts checks it by behaviour',
  'x-luhn': 'the generator enforces it with .refine(luhn), which zod-to-openapi cannot render; test/emit.test.ts checks it by behaviour',
  'x-url-policy':
    'the generator enforces it with .superRefine(urlPolicyIssue), which zod-to-openapi cannot render; test/emit.test.ts and the vendor tests (atttool pingback_url) check it by behaviour',
};

/** Formats the generator enforces (specs/README.md); any other format is documentation only. */
export const ENFORCED_FORMATS = new Set(['date', 'date-time', 'email', 'uuid', 'uri', 'ipv4']);

type Prepare = (schema: Json, at: string) => Json;

/**
 * A spec schema in normal form. `components` resolves `#/components/schemas/<Name>` refs (inlined).
 * Spec-side readings, each the one the spec README states:
 * - `allOf` parts are object parts, merged into one object (properties and `required` united);
 *   a property two parts define differently becomes a `conflict` that nothing generated equals.
 * - a `$ref` with constraining siblings is the target with those siblings laid over it.
 * - a `pattern` is an ECMAScript regex matched in unicode mode (`/…/u`, as the generator compiles it).
 * - a `format` outside ENFORCED_FORMATS is documentation only, so it is dropped.
 * - an untyped schema with `properties`/`required`/`additionalProperties` is an object.
 */
export function normaliseSpec(schema: Json, components: Record<string, Json> = {}): Normal {
  const prepare: Prepare = (s, at) => {
    let out = s;
    for (let depth = 0; out && typeof out === 'object' && '$ref' in out; depth++) {
      if (depth > 32) throw new Error(`normalise: ${at}: $ref chain too deep (recursive schema?)`);
      const { $ref, ...siblings } = out;
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(String($ref))?.[1];
      const target = name === undefined ? undefined : components[name];
      if (!target) throw new Error(`normalise: ${at}: unresolvable $ref ${String($ref)}`);
      out = { ...target, ...constraining(siblings) };
    }
    if (!out || typeof out !== 'object') throw new Error(`normalise: ${at}: a schema must be an object`);
    if (out.allOf) out = mergeAllOf(out, at, prepare);
    out = { ...out };
    if (out.format !== undefined && !ENFORCED_FORMATS.has(out.format)) delete out.format;
    if (typeof out.pattern === 'string') out.pattern = `/${new RegExp(out.pattern, 'u').source}/u`;
    if (out.type === undefined && (out.properties || out.required || out.additionalProperties !== undefined)) out.type = 'object';
    return out;
  };
  return build(schema, prepare, '#', 0);
}

/**
 * A zod-to-openapi rendering in normal form, after undoing the renderer's own quirks (none of them
 * changes what the zod schema accepts; each is a way zod-to-openapi 9.1 writes it down):
 * - a regex is written as `source/flags` (RegExp#toString minus the leading slash) → `/source/flags`.
 * - `z.ipv4()` is written `format: ip` (as is `z.ipv6()`, which the generator never emits) → `ipv4`.
 * - a nullable literal is written `type: [x, 'null'], enum: [v]` — null missing from the enum,
 *   though the zod schema accepts it → null added to the enum.
 * - `z.int()` also bounds values to ±Number.MAX_SAFE_INTEGER; zod's own JSON Schema output writes
 *   those bounds, which no spec states → dropped (zod-to-openapi 9.1 leaves them out already).
 * What zod-to-openapi drops outright (`multipleOf`; a format followed by a regex) is restored before
 * this by `restoreLostFacets` in support/zod-openapi.ts.
 */
export function normaliseZod(rendered: Json): Normal {
  const prepare: Prepare = (s) => {
    const out = { ...s };
    if (typeof out.pattern === 'string') out.pattern = patternFromRenderer(out.pattern);
    if (out.format === 'ip') out.format = 'ipv4';
    const types: unknown[] = [].concat(out.type ?? []);
    if (Array.isArray(out.enum) && types.includes('null') && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (types.includes('integer')) {
      if (out.minimum === -Number.MAX_SAFE_INTEGER) delete out.minimum;
      if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    }
    return out;
  };
  return build(rendered, prepare, '#', 0);
}

/** `source/flags` (zod-to-openapi) → `/source/flags`; an escaped final slash belongs to the source. */
export function patternFromRenderer(text: string): string {
  const m = /^([\s\S]*)\/([dgimsuvy]*)$/.exec(text);
  if (m) {
    const backslashes = /\\*$/.exec(m[1]!)![0].length;
    if (backslashes % 2 === 0) return `/${m[1]}/${m[2]}`;
  }
  return `/${text}/`;
}

function constraining(s: Json): Json {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !(k in IGNORED) && !k.startsWith('x-')));
}

function mergeAllOf(s: Json, at: string, prepare: Prepare): Json {
  const { allOf, ...rest } = s;
  const parts: Json[] = [rest, ...(allOf as Json[]).map((p, i) => prepare(p, `${at}/allOf/${i}`))];
  const merged: Json = { type: 'object', properties: {}, required: [] };
  for (const [i, part] of parts.entries()) {
    const where = i === 0 ? at : `${at}/allOf/${i - 1}`;
    const keys = Object.keys(constraining(part));
    if (i === 0 && keys.every((k) => k === 'type' && part.type === 'object')) continue;
    const unmodelled = keys.filter((k) => !['type', 'properties', 'required', 'additionalProperties'].includes(k));
    if (unmodelled.length || ([] as unknown[]).concat(part.type ?? 'object').join() !== 'object') {
      throw new Error(`normalise: ${where}: only object parts of allOf are modelled (found ${JSON.stringify(keys)})`);
    }
    for (const [name, value] of Object.entries<Json>(part.properties ?? {})) {
      const prev = merged.properties[name];
      merged.properties[name] = prev === undefined || same(prev, value) ? value : { $conflict: [prev, value] };
    }
    merged.required.push(...(part.required ?? []));
    const ap = part.additionalProperties;
    if (ap !== undefined) {
      const prev = merged.additionalProperties;
      merged.additionalProperties = prev === undefined || same(prev, ap) ? ap : { $conflict: [prev, ap] };
    }
  }
  return merged;
}

function build(raw: Json, prepare: Prepare, at: string, depth: number): Normal {
  if (depth > 64) throw new Error(`normalise: ${at}: nested too deep (recursive schema?)`);
  const s = prepare(raw, at);
  const sub = (child: Json, where: string) => build(child, prepare, where, depth + 1);
  for (const key of Object.keys(s)) {
    if (!MODELLED.has(key) && !(key in IGNORED) && !key.startsWith('x-')) {
      throw new Error(`normalise: ${at}: keyword "${key}" is not modelled`);
    }
  }
  if (s.$conflict) {
    const parts = (s.$conflict as Json[]).map((c, i) => sub(c, `${at}/$conflict/${i}`));
    return parts.slice(1).reduce<Normal | undefined>((acc, p) => acc && intersect(acc, p), parts[0]) ?? { conflict: parts };
  }

  if (s.oneOf || s.anyOf) {
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    const beside = Object.keys(constraining(s)).filter((k) => k !== key && k !== 'nullable' && k !== 'type');
    if (beside.length) throw new Error(`normalise: ${at}: ${JSON.stringify(beside)} beside ${key} are not modelled`);
    // zod has no exclusive union: z.union and z.discriminatedUnion accept a value that any branch
    // accepts, so oneOf and anyOf both become a union (they differ only when branches overlap).
    const branches = (s[key] as Json[]).map((b, i) => sub(b, `${at}/${key}/${i}`));
    // A `type` beside the union is modelled only when it excludes nothing the branches allow.
    if (s.type !== undefined) {
      const declared: unknown[] = [].concat(s.type);
      const fits = (t: string) => declared.includes(t) || (t === 'integer' && declared.includes('number'));
      if (!branches.every((b) => b.type && b.type.every(fits) && (!b.nullable || declared.includes('null')))) {
        throw new Error(`normalise: ${at}: "type" beside ${key} that narrows its branches is not modelled`);
      }
    }
    return unionOf(branches, s.nullable === true);
  }

  const types: string[] = [...new Set<string>([].concat(s.type ?? []))];
  if (s.nullable === true && types.length) types.push('null');
  const values: unknown[] | undefined = s.const !== undefined ? [s.const] : s.enum;
  if (values) return enumOf(values, types, s);

  const nullable = types.includes('null');
  // In the order written: several types become a union whose branches keep that order.
  const concrete = types.filter((t) => t !== 'null');
  if (concrete.length === 0) {
    const stray = Object.keys(constraining(s)).filter((k) => k !== 'type' && k !== 'nullable');
    if (stray.length) throw new Error(`normalise: ${at}: ${JSON.stringify(stray)} without a type are not modelled`);
    return nullable ? { type: [], nullable: true } : {};
  }
  const one = (t: string): Normal => {
    const n: Normal = { type: [t] };
    const copy = (keys: readonly string[]) => {
      for (const k of keys) if (s[k] !== undefined) (n as Json)[k] = s[k];
    };
    switch (t) {
      case 'string':
        copy(STRING_FACETS);
        break;
      case 'integer':
      case 'number': {
        copy(NUMBER_FACETS);
        // OpenAPI 3.0 wrote exclusive bounds as booleans beside minimum/maximum.
        if (s.exclusiveMinimum === true) [n.exclusiveMinimum, n.minimum] = [s.minimum, undefined];
        if (s.exclusiveMaximum === true) [n.exclusiveMaximum, n.maximum] = [s.maximum, undefined];
        if (s.exclusiveMinimum === false) delete n.exclusiveMinimum;
        if (s.exclusiveMaximum === false) delete n.exclusiveMaximum;
        for (const k of NUMBER_FACETS) if (n[k] === undefined) delete n[k];
        break;
      }
      case 'array':
        copy(ARRAY_FACETS);
        n.items = sub(s.items ?? {}, `${at}/items`);
        break;
      case 'object': {
        n.properties = Object.fromEntries(Object.entries<Json>(s.properties ?? {}).map(([k, v]) => [k, sub(v, `${at}/properties/${k}`)]));
        const required = [...new Set<string>(s.required ?? [])].sort();
        if (required.length) n.required = required;
        // A boolean (or empty) additionalProperties is the strict/tolerant rendering, which the
        // generator decides by direction (request or response), not by the schema; emit.test.ts
        // checks it by behaviour. Only a schema for the extra values is a facet.
        const ap = s.additionalProperties;
        if (ap && typeof ap === 'object') {
          const n2 = sub(ap, `${at}/additionalProperties`);
          if (Object.keys(n2).length) n.additionalProperties = n2;
        }
        break;
      }
      case 'boolean':
        break;
      default:
        throw new Error(`normalise: ${at}: type "${t}" is not modelled`);
    }
    return n;
  };
  if (concrete.length > 1) return unionOf(concrete.map(one), nullable);
  const n = one(concrete[0]!);
  if (nullable) n.nullable = true;
  return n;
}

/** An enum (or const) in normal form: the values that also satisfy the declared type and facets. */
function enumOf(values: unknown[], types: string[], s: Json): Normal {
  const allowed = values.filter((v) => (types.length === 0 || types.some((t) => hasType(v, t))) && satisfies(v, s));
  const rest = sortValues([...new Map(allowed.filter((v) => v !== null).map((v) => [JSON.stringify(v), v])).values()]);
  const n: Normal = { type: [...new Set(rest.map(jsonType))].sort(), enum: rest };
  if (allowed.includes(null)) n.nullable = true;
  return n;
}

function unionOf(branches: Normal[], nullableToo: boolean): Normal {
  let nullable = nullableToo;
  const flat: Normal[] = [];
  const add = (b: Normal) => {
    if (b.union && Object.keys(b).every((k) => k === 'union' || k === 'nullable')) {
      if (b.nullable) nullable = true;
      b.union.forEach(add);
      return;
    }
    const { nullable: n, ...rest } = b;
    if (n) nullable = true;
    if (!(rest.type?.length === 0 && Object.keys(rest).length === 1)) flat.push(rest);
  };
  branches.forEach(add);
  let out: Normal;
  if (flat.length > 0 && flat.every((b) => b.enum && Object.keys(b).every((k) => k === 'type' || k === 'enum'))) {
    out = enumOf(
      flat.flatMap((b) => b.enum!),
      [],
      {},
    );
  } else if (flat.length === 1) out = { ...flat[0]! };
  else if (flat.length === 0) out = { type: [] };
  else out = { union: flat };
  if (nullable) out.nullable = true;
  return out;
}

/**
 * Both at once, when one of the two is the other with more constraints (`{type: number}` and
 * `{type: [number, null]}` → `{type: number}`; `{type: boolean}` and `{const: true}` → `{const: true}`):
 * the only case in which keeping one allOf part's definition, as the generator does, is faithful.
 * Otherwise undefined.
 */
function intersect(a: Normal, b: Normal): Normal | undefined {
  const bare = (n: Normal) => {
    const { nullable, ...rest } = n;
    return rest;
  };
  const refines = (wide: Normal, narrow: Normal) => Object.entries(bare(wide)).every(([k, v]) => same(v, (narrow as Json)[k]));
  const [x, y] = [bare(a), bare(b)];
  const narrower = refines(x, y) ? y : refines(y, x) ? x : undefined;
  if (!narrower) return undefined;
  return a.nullable && b.nullable ? { ...narrower, nullable: true } : narrower;
}

function hasType(v: unknown, t: string): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'null') return v === null;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v;
}

/** Does an enum value pass the facets written beside the enum (which also apply to it)? */
function satisfies(v: unknown, s: Json): boolean {
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.minLength !== undefined && length < s.minLength) return false;
    if (s.maxLength !== undefined && length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !regexOf(s.pattern).test(v)) return false;
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return false;
    if (s.maximum !== undefined && v > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) return false;
    if (s.multipleOf !== undefined && !Number.isInteger(Number((v / s.multipleOf).toPrecision(12)))) return false;
  }
  return true;
}

/** `/source/flags` → RegExp. */
export function regexOf(pattern: string): RegExp {
  const m = /^\/([\s\S]*)\/([a-z]*)$/.exec(pattern);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(pattern, 'u');
}

function sortValues(values: unknown[]): unknown[] {
  return [...values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Where two normal forms differ, one line per difference: `<path>: <facet>: spec <a>, zod <b>`.
 * Empty when they agree. `labels` name the two sides in the lines.
 */
export function diffNormal(a: Normal, b: Normal, at = '#', labels: [string, string] = ['spec', 'zod']): string[] {
  const out: string[] = [];
  const [la, lb] = labels;
  const show = (v: unknown) => {
    if (v === undefined) return '(absent)';
    const text = JSON.stringify(v);
    return text.length > 160 ? `${text.slice(0, 157)}...` : text;
  };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort() as Array<keyof Normal>;
  for (const key of keys) {
    const x = a[key] as any;
    const y = b[key] as any;
    if (key === 'properties' && x && y) {
      for (const name of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
        const where = `${at}/properties/${name}`;
        if (!(name in y)) out.push(`${where}: only in ${la}`);
        else if (!(name in x)) out.push(`${where}: only in ${lb}`);
        else out.push(...diffNormal(x[name], y[name], where, labels));
      }
    } else if ((key === 'items' || key === 'additionalProperties') && x && y) {
      out.push(...diffNormal(x, y, `${at}/${key}`, labels));
    } else if ((key === 'union' || key === 'conflict') && Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((branch: Normal, i: number) => out.push(...diffNormal(branch, y[i], `${at}/${key}/${i}`, labels)));
    } else if (!same(x, y)) {
      out.push(`${at}: ${key}: ${la} ${show(x)}, ${lb} ${show(y)}`);
    }
  }
  return out;
}
