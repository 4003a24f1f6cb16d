/**
 * JSON Schema (the OpenAPI 3.1 subset listed in specs/README.md) → zod 4 source text.
 *
 * Why our own generator rather than hey-api's zod plugin: we need two renderings of one schema —
 * strict for what we send (unknown keys rejected) and tolerant for what we receive (unknown keys
 * kept, per "responses may include new data fields") — plus integer enums with names, the `x-luhn`
 * check and a loud failure on any keyword we do not translate faithfully. The round-trip test
 * (test/round-trip.test.ts) proves the output against the spec.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */

import { FORMAT_HELPERS, STRING_FORMATS } from './formats.js';
import { escapeToken as pointerToken } from '@vendor-contracts/spec-model';

export type JsonSchema = Record<string, any>;
export type Mode = 'strict' | 'tolerant';

const SUPPORTED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'oneOf',
  'anyOf',
  'allOf',
  'description',
  'examples',
  'example',
  'default',
  'title',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

export class SchemaError extends Error {}

export class ZodEmitter {
  /** Set when a schema used `x-luhn`, so the caller emits the helper once. */
  usesLuhn = false;
  /** Set when an object declared `x-alias-of` properties, so the caller emits the helper once. */
  usesAliases = false;
  /** `x-url-policy` values the emitted schemas use, each emitted once as a constant (URL_POLICY_<n>). */
  readonly urlPolicies: string[] = [];
  /** Format helpers (formats.ts) the emitted schemas use, so the caller emits each once. */
  readonly formatHelpers = new Set<keyof typeof FORMAT_HELPERS>();

  /** The helper source the emitted schemas need (x-luhn, formats), in a fixed order. */
  helperSource(): string {
    const parts: string[] = Object.entries(FORMAT_HELPERS)
      .filter(([name]) => this.formatHelpers.has(name as keyof typeof FORMAT_HELPERS))
      .map(([, text]) => text);
    if (this.usesLuhn) parts.push(LUHN_HELPER);
    if (this.usesAliases) parts.push(ALIAS_HELPER);
    if (this.urlPolicies.length) parts.push(urlPolicySource(this.urlPolicies));
    return parts.map((p) => `${p}\n`).join('');
  }

  constructor(
    private readonly components: Record<string, JsonSchema>,
    private readonly source: string,
  ) {}

  /** The exported name of a component in the given mode. */
  static constName(name: string, mode: Mode): string {
    return mode === 'strict' ? `${name}Strict` : name;
  }

  refName(ref: string, where: string): string {
    const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
    if (!m || !this.components[m[1]!]) throw this.fail(where, `unsupported or dangling $ref ${ref}`);
    return m[1]!;
  }

  /** Keywords that only document; anything else beside `$ref` would constrain and be ignored. */
  static readonly ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', 'default']);

  resolve(schema: JsonSchema, where: string): JsonSchema {
    return schema.$ref ? this.components[this.refName(schema.$ref, where)]! : schema;
  }

  /** Does this schema (through its refs) contain an object, i.e. differ between modes? */
  hasObject(schema: JsonSchema, seen = new Set<string>()): boolean {
    if (schema.$ref) {
      const name = this.refName(schema.$ref, '$ref');
      if (seen.has(name)) return false;
      seen.add(name);
      return this.hasObject(this.components[name]!, seen);
    }
    if (schema.properties || schema.additionalProperties !== undefined) return true;
    const types = ([] as string[]).concat(schema.type ?? []);
    if (types.includes('object')) return true;
    const parts = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
    if (schema.items) parts.push(schema.items);
    return parts.some((p: JsonSchema) => this.hasObject(p, seen));
  }

  /** Component names this schema references directly or through nesting. */
  refsOf(schema: unknown, out = new Set<string>(), where = '#'): Set<string> {
    if (Array.isArray(schema)) schema.forEach((s, i) => this.refsOf(s, out, `${where}/${i}`));
    else if (schema && typeof schema === 'object') {
      for (const [k, v] of Object.entries(schema)) {
        if (k === '$ref' && typeof v === 'string') out.add(this.refName(v, where));
        else if (k !== 'examples' && k !== 'example' && k !== 'default') this.refsOf(v, out, `${where}/${pointerToken(k)}`);
      }
    }
    return out;
  }

  expr(schema: JsonSchema, mode: Mode, where: string): string {
    if (typeof schema !== 'object' || schema === null) throw this.fail(where, 'schema must be an object');
    for (const key of Object.keys(schema)) {
      if (!SUPPORTED.has(key) && !key.startsWith('x-')) throw this.fail(where, `unsupported keyword "${key}"`);
    }
    this.stringOnly(schema, where);
    if (schema.$ref) {
      const beside = Object.keys(schema).filter((k) => k !== '$ref' && !ZodEmitter.ANNOTATIONS.has(k) && !k.startsWith('x-'));
      if (beside.length) throw this.fail(where, `"${beside.join('", "')}" beside $ref would be ignored; use allOf: [{ $ref }, { ...constraints }] or a new component`);
      return ZodEmitter.constName(this.refName(schema.$ref, where), mode);
    }
    this.checkFacets(schema, where);
    if (schema.allOf) return this.expr(this.mergeAllOf(schema, where), mode, where);
    if (schema.oneOf || schema.anyOf) {
      const beside = ['properties', 'items', 'enum', 'const', 'additionalProperties'].filter((k) => k in schema);
      if (beside.length) throw this.fail(where, `"${beside.join('", "')}" beside oneOf/anyOf would be ignored; put them in every branch (e.g. allOf: [shared, branch])`);
      return this.union(schema, mode, where);
    }
    if (schema.const !== undefined) {
      if (schema.const !== null && typeof schema.const === 'object') throw this.fail(where, 'an object or array "const" is not supported; describe its properties instead');
      return `z.literal(${JSON.stringify(schema.const)})`;
    }
    if (schema.enum) return this.enumExpr(schema.enum, where);

    const types = ([] as string[]).concat(schema.type ?? (schema.properties ? 'object' : []));
    const nullable = types.includes('null');
    const concrete = types.filter((t) => t !== 'null');
    let out: string;
    if (concrete.length === 0) out = nullable ? 'z.null()' : 'z.unknown()';
    else if (concrete.length === 1) out = this.typed(concrete[0]!, schema, mode, where);
    else out = `z.union([${concrete.map((t) => this.typed(t, schema, mode, where)).join(', ')}])`;
    return nullable && concrete.length > 0 ? `${out}.nullable()` : out;
  }

  /**
   * Facets that the emitted validator would silently drop: type-specific keywords without a `type`
   * (JSON Schema applies them only to values of that type, so they would check nothing), facets
   * beside `enum`/`const` (the literal wins), enum values of another type, 3.0-style boolean
   * exclusive bounds, and patterns JavaScript cannot compile.
   */
  private checkFacets(s: JsonSchema, where: string): void {
    const facets = Object.keys(s).filter((k) => FACET_TYPE[k]);
    const types = ([] as string[]).concat(s.type ?? []);
    for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) {
      if (typeof s[k] === 'boolean') throw this.fail(where, `"${k}" is a boolean (OpenAPI 3.0 style); in 3.1 it is the bound itself, e.g. ${k}: 0`);
    }
    if (s.pattern !== undefined) {
      try {
        new RegExp(s.pattern, 'u');
      } catch (error) {
        throw this.fail(where, `"pattern" does not compile as a JavaScript unicode RegExp: ${(error as Error).message}`);
      }
    }
    if (s.enum !== undefined || s.const !== undefined) {
      if (facets.length) throw this.fail(where, `"${facets.join('", "')}" beside enum/const would be ignored; make every listed value satisfy it and drop it`);
      const values: unknown[] = s.const !== undefined ? [s.const] : s.enum;
      const bad = types.length ? values.find((v) => !types.some((t) => isOfType(v, t))) : undefined;
      if (bad !== undefined) throw this.fail(where, `enum/const value ${JSON.stringify(bad)} is not of type "${types.join('|')}"`);
      return;
    }
    if (s.oneOf || s.anyOf || s.allOf || s.properties) return;
    const untyped = facets.filter((k) => !types.some((t) => FACET_TYPE[k]!.includes(t)));
    if (untyped.length) {
      const wanted = [...new Set(untyped.flatMap((k) => FACET_TYPE[k]!))].join('|');
      throw this.fail(where, `"${untyped.join('", "')}" without "type: ${wanted}" would check nothing; add the type`);
    }
  }

  private typed(type: string, s: JsonSchema, mode: Mode, where: string): string {
    switch (type) {
      case 'string':
        return this.stringExpr(s);
      case 'integer':
        return `z.int()${this.numberChecks(s)}`;
      case 'number':
        return `z.number()${this.numberChecks(s)}`;
      case 'boolean':
        return 'z.boolean()';
      case 'array': {
        if (!s.items) throw this.fail(where, 'an array needs "items"');
        let out = `z.array(${this.expr(s.items, mode, `${where}/items`)})`;
        if (s.minItems !== undefined) out += `.min(${s.minItems})`;
        if (s.maxItems !== undefined) out += `.max(${s.maxItems})`;
        if (s.uniqueItems)
          out += `.refine((a) => new Set(a.map((v) => JSON.stringify(v))).size === a.length, { message: 'Items must be unique', params: { rule: 'uniqueItems' } })`;
        return out;
      }
      case 'object':
        return this.objectExpr(s, mode, where);
      default:
        throw this.fail(where, `unsupported type "${type}"`);
    }
  }

  private stringExpr(s: JsonSchema): string {
    const format = typeof s.format === 'string' && Object.hasOwn(STRING_FORMATS, s.format) ? STRING_FORMATS[s.format] : undefined;
    if (format?.helper) this.formatHelpers.add(format.helper);
    let out = format?.expr ?? 'z.string()';
    if (s.minLength !== undefined) out += `.min(${s.minLength})`;
    if (s.maxLength !== undefined) out += `.max(${s.maxLength})`;
    if (s.pattern !== undefined) out += `.regex(new RegExp(${JSON.stringify(s.pattern)}, 'u'))`;
    if (s['x-luhn']) {
      this.usesLuhn = true;
      out += `.refine(luhn, { message: 'Invalid check digit: fails the Luhn rule', params: { rule: 'x-luhn' } })`;
    }
    if (s['x-url-policy'] !== undefined) out += this.urlPolicyRefinement(s['x-url-policy']);
    return out;
  }

  /** `x-url-policy`: the last refinement of the string, reporting the rule the runtime module names. */
  private urlPolicyRefinement(policy: unknown): string {
    const text = JSON.stringify(policy);
    if (!this.urlPolicies.includes(text)) this.urlPolicies.push(text);
    const name = `URL_POLICY_${this.urlPolicies.indexOf(text)}`;
    return `.superRefine((v, ctx) => { const issue = urlPolicyIssue(v, ${name}); if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { rule: issue.rule } }); })`;
  }

  private stringOnly(s: JsonSchema, where: string): void {
    const types = ([] as string[]).concat(s.type ?? []).filter((t) => t !== 'null');
    if (s['x-url-policy'] !== undefined && (types.length !== 1 || types[0] !== 'string' || s.enum !== undefined || s.const !== undefined)) {
      throw this.fail(where, 'x-url-policy applies to a string schema (type: string, no enum/const): elsewhere it would check nothing');
    }
  }

  private numberChecks(s: JsonSchema): string {
    let out = '';
    if (s.minimum !== undefined) out += `.gte(${s.minimum})`;
    if (s.maximum !== undefined) out += `.lte(${s.maximum})`;
    if (typeof s.exclusiveMinimum === 'number') out += `.gt(${s.exclusiveMinimum})`;
    if (typeof s.exclusiveMaximum === 'number') out += `.lt(${s.exclusiveMaximum})`;
    if (s.multipleOf !== undefined) out += `.multipleOf(${s.multipleOf})`;
    return out;
  }

  private objectExpr(s: JsonSchema, mode: Mode, where: string): string {
    const aliases = this.aliasesOf(s, where);
    if (Object.keys(aliases).length) {
      // Validated under the spelling received (so issues name it), then read as the canonical property.
      this.usesAliases = true;
      return `${this.objectExpr(withoutAliasMarks(s), mode, where)}.transform((value) => withAliases(value, ${JSON.stringify(aliases)}))`;
    }
    const props = Object.entries<JsonSchema>(s.properties ?? {});
    const required = new Set<string>(s.required ?? []);
    for (const r of required) {
      if (!s.properties?.[r]) throw this.fail(where, `required property "${r}" is not in "properties"`);
    }
    const ap = s.additionalProperties;
    if (props.length === 0 && ap && typeof ap === 'object') {
      return `z.record(z.string(), ${this.expr(ap, mode, `${where}/additionalProperties`)})`;
    }
    const fields = props.map(([key, value]) => {
      const e = this.expr(value, mode, `${where}/properties/${key}`);
      return `${safeKey(key)}: ${e}${required.has(key) ? '' : '.optional()'}`;
    });
    const shape = fields.length ? `{ ${fields.join(', ')} }` : '{}';
    if (ap && typeof ap === 'object') return `z.object(${shape}).catchall(${this.expr(ap, mode, `${where}/additionalProperties`)})`;
    // An explicit additionalProperties wins over the mode; otherwise requests are strict, responses tolerant.
    const strict = ap === false || (ap === undefined && mode === 'strict');
    return `${strict ? 'z.strictObject' : 'z.looseObject'}(${shape})`;
  }

  /**
   * `x-alias-of: <canonical>` properties of an object: another spelling the vendor sends for a
   * property of the same object. The alias must not be required, and its canonical property must
   * exist with the same schema (it is validated as that property).
   */
  private aliasesOf(s: JsonSchema, where: string): Record<string, string> {
    const aliases: Record<string, string> = {};
    for (const [key, value] of Object.entries<JsonSchema>(s.properties ?? {})) {
      const canonical = value?.['x-alias-of'];
      if (canonical === undefined) continue;
      const at = `${where}/properties/${pointerToken(key)}`;
      if (typeof canonical !== 'string' || !s.properties[canonical] || canonical === key) throw this.fail(at, 'x-alias-of must name another property of the same object');
      if (s.properties[canonical]['x-alias-of'] !== undefined) throw this.fail(at, `x-alias-of names "${canonical}", itself an alias`);
      if ((s.required ?? []).includes(key)) throw this.fail(at, 'an x-alias-of property cannot be required (require its canonical property)');
      const { 'x-alias-of': _alias, ...shape } = value;
      const strip = (schema: JsonSchema) => Object.fromEntries(Object.entries(schema).filter(([k]) => !ZodEmitter.ANNOTATIONS.has(k) && !k.startsWith('x-')));
      if (JSON.stringify(strip(shape)) !== JSON.stringify(strip(s.properties[canonical]))) throw this.fail(at, `x-alias-of: the alias must have the same schema as "${canonical}"`);
      aliases[key] = canonical;
    }
    return aliases;
  }

  private enumExpr(values: unknown[], where: string): string {
    const nullable = values.includes(null);
    const rest = values.filter((v) => v !== null);
    let out: string;
    if (rest.length === 0) throw this.fail(where, 'an enum needs at least one non-null value');
    if (rest.every((v) => typeof v === 'string')) out = `z.enum(${JSON.stringify(rest)})`;
    else if (rest.length === 1) out = `z.literal(${JSON.stringify(rest[0])})`;
    else out = `z.literal(${JSON.stringify(rest)})`; // one issue listing every allowed value
    return nullable ? `${out}.nullable()` : out;
  }

  private union(s: JsonSchema, mode: Mode, where: string): string {
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    const branches: JsonSchema[] = s[key];
    const isNull = (b: JsonSchema) => b.type === 'null' || (Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null);
    const others = branches.filter((b) => !isNull(b));
    const nullable = others.length < branches.length;
    let out: string;
    if (others.length === 1) out = this.expr(others[0]!, mode, `${where}/${key}/0`);
    else {
      const exprs = others.map((b, i) => this.expr(b, mode, `${where}/${key}/${i}`));
      const disc = this.discriminatorOf(others, where);
      // oneOf means exactly one branch matches (z.xor); anyOf means at least one (z.union).
      const union = key === 'oneOf' ? 'z.xor' : 'z.union';
      out = disc ? `z.discriminatedUnion(${JSON.stringify(disc)}, [${exprs.join(', ')}])` : `${union}([${exprs.join(', ')}])`;
    }
    return nullable ? `${out}.nullable()` : out;
  }

  /** A property that every branch requires and fixes to disjoint values, if there is one. */
  discriminatorOf(branches: JsonSchema[], where: string): string | undefined {
    const objects = branches.map((b) => {
      const r = this.resolve(b, where);
      return r.allOf ? this.mergeAllOf(r, where) : r;
    });
    if (!objects.every((o) => o.properties)) return undefined;
    const candidates = Object.keys(objects[0]!.properties);
    return candidates.find((name) => {
      const seen = new Set<string>();
      return objects.every((o) => {
        const p = o.properties[name] && this.resolve(o.properties[name], where);
        if (!p || !(o.required ?? []).includes(name)) return false;
        const vals: unknown[] = p.const !== undefined ? [p.const] : (p.enum ?? []);
        if (vals.length === 0) return false;
        return vals.every((v) => {
          const k = JSON.stringify(v);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      });
    });
  }

  /** allOf of objects → one object (properties and required merged; a property defined twice differently fails). */
  mergeAllOf(s: JsonSchema, where: string): JsonSchema {
    const { allOf, ...rest } = s;
    const merged: JsonSchema = { ...rest, type: 'object', properties: { ...(rest.properties ?? {}) }, required: [...(rest.required ?? [])] };
    for (const [i, part] of (allOf as JsonSchema[]).entries()) {
      let p = this.resolve(part, `${where}/allOf/${i}`);
      if (p.allOf) p = this.mergeAllOf(p, `${where}/allOf/${i}`);
      if (!p.properties && ([] as string[]).concat(p.type ?? []).join() !== 'object') {
        throw this.fail(`${where}/allOf/${i}`, 'allOf parts must be objects');
      }
      for (const [name, prop] of Object.entries<JsonSchema>(p.properties ?? {})) {
        const before = merged.properties[name];
        merged.properties[name] = before === undefined ? prop : this.intersect(before, prop, `${where}/allOf/${i}/properties/${pointerToken(name)}`);
      }
      merged.required.push(...(p.required ?? []));
      if (p.additionalProperties !== undefined) {
        if (merged.additionalProperties !== undefined && JSON.stringify(merged.additionalProperties) !== JSON.stringify(p.additionalProperties)) {
          throw this.fail(`${where}/allOf/${i}`, 'allOf parts disagree on "additionalProperties"');
        }
        merged.additionalProperties = p.additionalProperties;
      }
    }
    merged.required = [...new Set(merged.required)];
    return merged;
  }

  /**
   * A property defined by two allOf parts must satisfy both: types intersect (`[number, null]` and
   * `number` → `number`), a keyword only one part has is kept, annotations come from the later part,
   * and any keyword both set differently fails rather than letting one silently win.
   */
  private intersect(a: JsonSchema, b: JsonSchema, where: string): JsonSchema {
    const out: JsonSchema = { ...a };
    for (const [key, value] of Object.entries(b)) {
      if (ZodEmitter.ANNOTATIONS.has(key) || key.startsWith('x-') || !(key in a)) out[key] = value;
      else if (key === 'type') {
        const left = ([] as string[]).concat(a.type);
        const both = ([] as string[])
          .concat(value)
          .flatMap((t) => (left.includes(t) ? [t] : t === 'integer' && left.includes('number') ? [t] : t === 'number' && left.includes('integer') ? ['integer'] : []));
        if (both.length === 0) throw this.fail(where, `allOf parts give this property disjoint types (${left.join('|')} and ${[].concat(value).join('|')})`);
        out.type = both.length === 1 ? both[0] : both;
      } else if (JSON.stringify(a[key]) !== JSON.stringify(value)) {
        throw this.fail(where, `allOf parts set "${key}" differently for this property; define it once`);
      }
    }
    return out;
  }

  fail(where: string, message: string): SchemaError {
    return new SchemaError(`${this.source}: ${where}: ${message}`);
  }
}

/** The JSON type names a facet applies to. */
const FACET_TYPE: Record<string, string[]> = {
  minLength: ['string'],
  maxLength: ['string'],
  pattern: ['string'],
  format: ['string'],
  minimum: ['number', 'integer'],
  maximum: ['number', 'integer'],
  exclusiveMinimum: ['number', 'integer'],
  exclusiveMaximum: ['number', 'integer'],
  multipleOf: ['number', 'integer'],
  minItems: ['array'],
  maxItems: ['array'],
  uniqueItems: ['array'],
  items: ['array'],
  required: ['object'],
  additionalProperties: ['object'],
};

function isOfType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** The object with its `x-alias-of` marks removed (each alias then validated as a plain property). */
function withoutAliasMarks(s: JsonSchema): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries<JsonSchema>(s.properties).map(([k, v]) => {
      const { 'x-alias-of': _alias, ...rest } = v;
      return [k, rest];
    }),
  );
  return { ...s, properties };
}

function safeKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** Emitted into schemas.ts when a schema uses `x-luhn` (IMEIs and card-like numbers). */
export const LUHN_HELPER = `function luhn(value: string): boolean {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    let d = value.charCodeAt(value.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
`;

/**
 * Emitted into schemas.ts when an object declares `x-alias-of` properties: a value under the alias
 * is read as its canonical property (the alias wins when it holds a value: it is the spelling the
 * vendor's answers use) and the alias key is dropped, from the value and from its type.
 */
export const ALIAS_HELPER = `function withAliases<T extends object, A extends keyof T>(value: T, aliases: Record<A, keyof T>): Omit<T, A> {
  const out = { ...value } as Record<PropertyKey, unknown>;
  for (const alias of Object.keys(aliases) as A[]) {
    const aliased = out[alias as PropertyKey];
    delete out[alias as PropertyKey];
    if (aliased !== undefined && aliased !== null) out[aliases[alias] as PropertyKey] = aliased;
  }
  return out as Omit<T, A>;
}
`;

/**
 * Emitted into schemas.ts (and checks.ts) when a string declares `x-url-policy`: the runtime's
 * separate entry point, so ipaddr.js is bundled only by vendors that use the extension.
 */
export const URL_POLICY_IMPORT = `import { urlPolicyIssue } from '@vendor-contracts/runtime/url-policy';`;

function urlPolicySource(policies: readonly string[]): string {
  return [URL_POLICY_IMPORT, ...policies.map((p, i) => `const URL_POLICY_${i} = ${p};`)].join('\n') + '\n';
}
