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

export type JsonSchema = Record<string, any>;
export type Mode = 'strict' | 'tolerant';

const SUPPORTED = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items',
  'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'oneOf', 'anyOf', 'allOf',
  'description', 'examples', 'example', 'default', 'title', 'deprecated', 'readOnly', 'writeOnly',
]);

/** Formats with a zod counterpart; any other format is documentation only. */
const STRING_FORMATS: Record<string, string> = {
  date: 'z.iso.date()',
  'date-time': 'z.iso.datetime({ offset: true })',
  email: 'z.email()',
  uuid: 'z.guid()',
  uri: 'z.url()',
  ipv4: 'z.ipv4()',
};

export class SchemaError extends Error {}

export class ZodEmitter {
  /** Set when a schema used `x-luhn`, so the caller emits the helper once. */
  usesLuhn = false;

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
  refsOf(schema: unknown, out = new Set<string>()): Set<string> {
    if (Array.isArray(schema)) for (const s of schema) this.refsOf(s, out);
    else if (schema && typeof schema === 'object') {
      for (const [k, v] of Object.entries(schema)) {
        if (k === '$ref' && typeof v === 'string') out.add(this.refName(v, '$ref'));
        else if (k !== 'examples' && k !== 'example' && k !== 'default') this.refsOf(v, out);
      }
    }
    return out;
  }

  expr(schema: JsonSchema, mode: Mode, where: string): string {
    if (typeof schema !== 'object' || schema === null) throw this.fail(where, 'schema must be an object');
    for (const key of Object.keys(schema)) {
      if (!SUPPORTED.has(key) && !key.startsWith('x-')) throw this.fail(where, `unsupported keyword "${key}"`);
    }
    if (schema.$ref) return ZodEmitter.constName(this.refName(schema.$ref, where), mode);
    if (schema.allOf) return this.expr(this.mergeAllOf(schema, where), mode, where);
    if (schema.oneOf || schema.anyOf) {
      const beside = ['properties', 'items', 'enum', 'const', 'additionalProperties'].filter((k) => k in schema);
      if (beside.length) throw this.fail(where, `"${beside.join('", "')}" beside oneOf/anyOf would be ignored; put them in every branch (e.g. allOf: [shared, branch])`);
      return this.union(schema, mode, where);
    }
    if (schema.const !== undefined) return `z.literal(${JSON.stringify(schema.const)})`;
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

  private typed(type: string, s: JsonSchema, mode: Mode, where: string): string {
    switch (type) {
      case 'string': return this.stringExpr(s);
      case 'integer': return `z.int()${this.numberChecks(s)}`;
      case 'number': return `z.number()${this.numberChecks(s)}`;
      case 'boolean': return 'z.boolean()';
      case 'array': {
        if (!s.items) throw this.fail(where, 'an array needs "items"');
        let out = `z.array(${this.expr(s.items, mode, `${where}/items`)})`;
        if (s.minItems !== undefined) out += `.min(${s.minItems})`;
        if (s.maxItems !== undefined) out += `.max(${s.maxItems})`;
        if (s.uniqueItems) out += `.refine((a) => new Set(a.map((v) => JSON.stringify(v))).size === a.length, { message: 'Items must be unique', params: { rule: 'uniqueItems' } })`;
        return out;
      }
      case 'object': return this.objectExpr(s, mode, where);
      default: throw this.fail(where, `unsupported type "${type}"`);
    }
  }

  private stringExpr(s: JsonSchema): string {
    let out = (s.format && STRING_FORMATS[s.format]) || 'z.string()';
    if (s.minLength !== undefined) out += `.min(${s.minLength})`;
    if (s.maxLength !== undefined) out += `.max(${s.maxLength})`;
    if (s.pattern !== undefined) out += `.regex(new RegExp(${JSON.stringify(s.pattern)}, 'u'))`;
    if (s['x-luhn']) {
      this.usesLuhn = true;
      out += `.refine(luhn, { message: 'Invalid check digit: fails the Luhn rule', params: { rule: 'x-luhn' } })`;
    }
    return out;
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
      const disc = this.discriminator(others, where);
      out = disc ? `z.discriminatedUnion(${JSON.stringify(disc)}, [${exprs.join(', ')}])` : `z.union([${exprs.join(', ')}])`;
    }
    return nullable ? `${out}.nullable()` : out;
  }

  /** A property that every branch requires and fixes to disjoint values, if there is one. */
  private discriminator(branches: JsonSchema[], where: string): string | undefined {
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

  /** allOf of objects → one object (properties and required merged, later parts win). */
  mergeAllOf(s: JsonSchema, where: string): JsonSchema {
    const { allOf, ...rest } = s;
    const merged: JsonSchema = { ...rest, type: 'object', properties: { ...(rest.properties ?? {}) }, required: [...(rest.required ?? [])] };
    for (const [i, part] of (allOf as JsonSchema[]).entries()) {
      let p = this.resolve(part, `${where}/allOf/${i}`);
      if (p.allOf) p = this.mergeAllOf(p, `${where}/allOf/${i}`);
      if (!p.properties && ([] as string[]).concat(p.type ?? []).join() !== 'object') {
        throw this.fail(`${where}/allOf/${i}`, 'allOf parts must be objects');
      }
      Object.assign(merged.properties, p.properties ?? {});
      merged.required.push(...(p.required ?? []));
      if (p.additionalProperties !== undefined) merged.additionalProperties = p.additionalProperties;
    }
    merged.required = [...new Set(merged.required)];
    return merged;
  }

  fail(where: string, message: string): SchemaError {
    return new SchemaError(`${this.source}: ${where}: ${message}`);
  }
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
