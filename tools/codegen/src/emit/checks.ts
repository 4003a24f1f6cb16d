/**
 * specs/<vendor>/openapi.yaml → generated/checks.ts: per request part and response body, plain
 * checking functions (no eval / new Function at run time, so strict CSPs and Cloudflare Workers
 * run them) with exactly the verdicts of the zod schemas schemas.ts emits for the same schema.
 *
 * Why our own emitter rather than ajv standalone: the verdicts must be zod's, not JSON Schema's
 * (safe integers only, zod's format expressions, strict requests / tolerant responses, xor for
 * oneOf, discriminated unions), the checks must also explain a "no" in our words (every issue of
 * the chosen union branch, one per field), and the output must need no runtime library (ajv
 * standalone imports ajv's and ajv-formats' helpers). The walk mirrors ZodEmitter (zod.ts) case by
 * case, reusing its schema readings (refs, allOf merge, discriminator), so the two cannot drift
 * apart unnoticed; test/differential.test.ts proves the agreement on every spec.
 *
 * Each function is `(value, path, out) => boolean`. With `out === null` (the hot path) it stops at
 * the first failure and allocates nothing; with an array it records `{ path, rule }` for the first
 * failing rule of every field and goes on, and its verdict is whether it recorded anything. The
 * runtime words the rule (validate.ts). Helpers every vendor needs (recording a failure, the
 * closest union branch, …) live in the runtime (check-helpers.ts), not in each generated file.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation
 */
import * as z from 'zod';
import { listOperations, requestBodyOf, responseSchemaOf } from '../spec.js';
import { FORMAT_HELPERS } from './formats.js';
import { type JsonSchema, LUHN_HELPER, type Mode, URL_POLICY_IMPORT, ZodEmitter } from './zod.js';

/** Format → the JS test of string `v` and the helpers it needs. The same expressions as formats.ts's zod. */
const FORMAT_TESTS: Record<string, { test: (v: string) => string; helpers: string[] }> = {
  date: { test: (v) => `DATE.test(${v})`, helpers: ['DATE'] },
  'date-time': { test: (v) => `isDateTime(${v})`, helpers: ['isDateTime'] },
  email: { test: (v) => `EMAIL.test(${v})`, helpers: ['EMAIL'] },
  uuid: { test: (v) => `GUID.test(${v})`, helpers: ['GUID'] },
  uri: { test: (v) => `isUri(${v})`, helpers: ['isUri'] },
  ipv4: { test: (v) => `IPV4.test(${v})`, helpers: ['IPV4'] },
};

const HELPERS: Record<string, string> = {
  // zod's own expressions, read from the zod the schemas are generated for.
  DATE: `const DATE = ${String(z.regexes.date)};`,
  GUID: `const GUID = ${String(z.regexes.guid)};`,
  IPV4: `const IPV4 = ${String(z.regexes.ipv4)};`,
  EMAIL: FORMAT_HELPERS.EMAIL.trim(),
  isDateTime: FORMAT_HELPERS.isDateTime.trim(),
  isUri: FORMAT_HELPERS.isUri.trim(),
  luhn: LUHN_HELPER.trim(),
  urlPolicy: URL_POLICY_IMPORT,
};

/** Helpers the runtime exports (packages/runtime/src/check-helpers.ts): imported when used. */
const RUNTIME_HELPERS = ['checkFailed', 'closestBranch', 'branchIssues', 'isPlainObject', 'isMultipleOf', 'optionalCheck'] as const;
type RuntimeHelper = (typeof RUNTIME_HELPERS)[number];

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `[...p, "a"]` → `...p, "a"`, so a child path extends its parent's: `[...p, "a", "b"]`. */
const inside = (p: string) => (p.startsWith('[') ? p.slice(1, -1) : p === 'p' ? '...p' : p);

export class CheckEmitter {
  private readonly helpers = new Set<string>();
  /** Runtime helpers the functions call, so the module imports exactly those. */
  readonly imports = new Set<RuntimeHelper>();
  private readonly functions: string[] = [];
  private readonly constants: string[] = [];
  private readonly components = new Set<string>();
  private counter = 0;

  constructor(private readonly z: ZodEmitter) {}

  /** The name of the function checking this component in this mode, emitting it on first use. */
  private component(name: string, mode: Mode): string {
    const schema = this.z.resolve({ $ref: `#/components/schemas/${name}` }, name);
    const m: Mode = this.z.hasObject(schema) ? mode : 'tolerant';
    const fn = `c_${name}${m === 'strict' ? '_s' : ''}`;
    if (!this.components.has(fn)) {
      this.components.add(fn);
      this.functions.push(this.fn(fn, schema, m, `#/components/schemas/${name}`));
    }
    return fn;
  }

  /** A named function for a schema. */
  fn(name: string, schema: JsonSchema, mode: Mode, where: string): string {
    const body = this.node(schema, mode, 'v', 'p', where);
    // Collecting, the verdict is whether anything was recorded: failures need not track it.
    return `function ${name}(v: any, p: Path, o: Out): boolean {\n  const had = o?.length;\n${body}\n  return o === null || o.length === had;\n}`;
  }

  /** A fresh function for a schema (a site or a union branch); returns its name. */
  private anon(schema: JsonSchema, mode: Mode, where: string, prefix = 'f'): string {
    const name = `${prefix}${this.counter++}`;
    this.functions.push(this.fn(name, schema, mode, where));
    return name;
  }

  /** A check for one site (request part or response body), exported under `name`. */
  site(schema: JsonSchema, mode: Mode, where: string): string {
    if (schema.$ref && Object.keys(schema).every((k) => k === '$ref' || ZodEmitter.ANNOTATIONS.has(k) || k.startsWith('x-'))) {
      return this.component(this.z.refName(schema.$ref, where), mode);
    }
    return this.anon(schema, mode, where, 's');
  }

  /** The statement recording that the rule broke at `path` (an expression), stopping when only yes or no is asked. */
  private fail(path: string, rule: string): string {
    return this.failWith(path, JSON.stringify(rule));
  }

  /** `fail` with the rule as an expression. */
  private failWith(path: string, rule: string): string {
    this.imports.add('checkFailed');
    return `{ if (checkFailed(o, ${path}, ${rule})) return false; }`;
  }

  private call(fn: string, value: string, path: string): string {
    return `if (!${fn}(${value}, o === null ? p : ${path}, o) && o === null) return false;`;
  }

  private hoist(text: string): string {
    const existing = this.constants.find((c) => c.endsWith(` = ${text};`));
    if (existing) return /^const (\w+)/.exec(existing)![1]!;
    const name = `K${this.constants.length}`;
    this.constants.push(`const ${name} = ${text};`);
    return name;
  }

  /** Statements checking value expression `v` (a plain variable) at path expression `p`. */
  node(schema: JsonSchema, mode: Mode, v: string, p: string, where: string): string {
    if (schema.$ref) {
      const target = this.z.refName(schema.$ref, where);
      return this.call(this.component(target, mode), v, p);
    }
    if (schema.allOf) return this.node(this.z.mergeAllOf(schema, where), mode, v, p, where);
    if (schema.oneOf || schema.anyOf) return this.union(schema, mode, v, p, where);
    if (schema.const !== undefined) return `if (${v} !== ${JSON.stringify(schema.const)}) ${this.fail(p, `enum: ${JSON.stringify(schema.const)}`)}`;
    if (schema.enum) return this.enumCheck(schema.enum, v, p);
    const types = ([] as string[]).concat(schema.type ?? (schema.properties ? 'object' : []));
    const nullable = types.includes('null');
    const concrete = types.filter((t) => t !== 'null');
    if (concrete.length === 0) return nullable ? `if (${v} !== null) ${this.fail(p, 'type: null')}` : '';
    let out: string;
    if (concrete.length === 1) out = this.typed(concrete[0]!, schema, mode, v, p, where, nullable);
    else {
      // z.union of one schema per type: at least one must accept.
      const branches = concrete.map((t) => this.anon({ ...schema, type: t }, mode, where, 'u'));
      out = this.anyOf(branches, v, p);
    }
    return nullable ? `if (${v} !== null) {\n${out}\n}` : out;
  }

  private enumCheck(values: unknown[], v: string, p: string): string {
    const rule = `enum: ${values.map((x) => JSON.stringify(x)).join(' | ')}`;
    const test = values.length <= 6 ? values.map((x) => `${v} !== ${JSON.stringify(x)}`).join(' && ') : `!${this.hoist(`new Set(${JSON.stringify(values)})`)}.has(${v})`;
    return `if (${test}) ${this.fail(p, rule)}`;
  }

  private typed(type: string, s: JsonSchema, mode: Mode, v: string, p: string, where: string, nullable: boolean): string {
    const typeRule = `type: ${type}${nullable ? ' | null' : ''}`;
    switch (type) {
      case 'string':
        return this.string(s, v, p, typeRule);
      case 'integer':
        return (
          `if (typeof ${v} !== 'number' || !Number.isInteger(${v})) ${this.fail(p, typeRule)}\n` +
          // zod's z.int(): safe integers only (an integer is unsafe exactly when beyond ±MAX_SAFE_INTEGER).
          `else if (!Number.isSafeInteger(${v})) ${this.failWith(p, `${v} > 0 ? ${JSON.stringify(`maximum: ${MAX_SAFE}`)} : ${JSON.stringify(`minimum: -${MAX_SAFE}`)}`)}` +
          this.numberChecks(s, v, p)
        );
      case 'number':
        return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) ${this.fail(p, typeRule)}` + this.numberChecks(s, v, p);
      case 'boolean':
        return `if (typeof ${v} !== 'boolean') ${this.fail(p, typeRule)}`;
      case 'array':
        return this.array(s, mode, v, p, where, typeRule);
      case 'object':
        return this.object(s, mode, v, p, where, typeRule);
      default:
        throw this.z.fail(where, `unsupported type "${type}"`);
    }
  }

  private string(s: JsonSchema, v: string, p: string, typeRule: string): string {
    const lines = [`if (typeof ${v} !== 'string') ${this.fail(p, typeRule)}`];
    if (s.minLength !== undefined) lines.push(`else if (${v}.length < ${s.minLength}) ${this.fail(p, `minLength: ${s.minLength}`)}`);
    if (s.maxLength !== undefined) lines.push(`else if (${v}.length > ${s.maxLength}) ${this.fail(p, `maxLength: ${s.maxLength}`)}`);
    if (s.pattern !== undefined) {
      const re = this.hoist(`new RegExp(${JSON.stringify(s.pattern)}, 'u')`);
      // The rule names the RegExp as zod did (`pattern: /…/u`), so existing rule strings stay.
      lines.push(`else if (!${re}.test(${v})) ${this.fail(p, `pattern: ${String(new RegExp(s.pattern, 'u'))}`)}`);
    }
    // The first broken rule is the one reported: lengths, then the spec's pattern, then the format.
    const format = typeof s.format === 'string' && Object.hasOwn(FORMAT_TESTS, s.format) ? FORMAT_TESTS[s.format]! : undefined;
    if (format) {
      format.helpers.forEach((h) => this.helpers.add(h));
      lines.push(`else if (!${format.test(v)}) ${this.fail(p, `format: ${s.format}`)}`);
    }
    if (s['x-luhn']) {
      this.helpers.add('luhn');
      lines.push(`else if (!luhn(${v})) ${this.fail(p, 'x-luhn')}`);
    }
    if (s['x-url-policy'] !== undefined) lines.push(this.urlPolicy(s['x-url-policy'], v, p));
    return lines.join('\n');
  }

  /**
   * `x-url-policy`, last on the string (a waived rule must be the last its field can break): the
   * runtime module names the rule and words it; the issue carries that sentence, never the URL.
   */
  private urlPolicy(policy: unknown, v: string, p: string): string {
    this.helpers.add('urlPolicy');
    const name = this.hoist(JSON.stringify(policy));
    return `else if (urlPolicyIssue(${v}, ${name}) !== undefined) { if (o === null) return false; o.push({ path: ${p}, ...urlPolicyIssue(${v}, ${name})! }); }`;
  }

  private numberChecks(s: JsonSchema, v: string, p: string): string {
    let out = '';
    if (s.minimum !== undefined) out += `\nelse if (${v} < ${s.minimum}) ${this.fail(p, `minimum: ${s.minimum}`)}`;
    if (s.maximum !== undefined) out += `\nelse if (${v} > ${s.maximum}) ${this.fail(p, `maximum: ${s.maximum}`)}`;
    if (typeof s.exclusiveMinimum === 'number') out += `\nelse if (${v} <= ${s.exclusiveMinimum}) ${this.fail(p, `exclusiveMinimum: ${s.exclusiveMinimum}`)}`;
    if (typeof s.exclusiveMaximum === 'number') out += `\nelse if (${v} >= ${s.exclusiveMaximum}) ${this.fail(p, `exclusiveMaximum: ${s.exclusiveMaximum}`)}`;
    if (s.multipleOf !== undefined) {
      this.imports.add('isMultipleOf');
      out += `\nelse if (!isMultipleOf(${v}, ${s.multipleOf})) ${this.fail(p, `multipleOf: ${s.multipleOf}`)}`;
    }
    return out;
  }

  private array(s: JsonSchema, mode: Mode, v: string, p: string, where: string, typeRule: string): string {
    if (!s.items) throw this.z.fail(where, 'an array needs "items"');
    const i = `i${this.counter++}`;
    const item = `e${this.counter++}`;
    const itemPath = `[${inside(p)}, ${i}]`;
    const inner = this.node(s.items, mode, item, itemPath, `${where}/items`);
    const lines = [`if (!Array.isArray(${v})) ${this.fail(p, typeRule)}`, 'else {'];
    if (s.minItems !== undefined) lines.push(`if (${v}.length < ${s.minItems}) ${this.fail(p, `minItems: ${s.minItems}`)}`);
    if (s.maxItems !== undefined) lines.push(`if (${v}.length > ${s.maxItems}) ${this.fail(p, `maxItems: ${s.maxItems}`)}`);
    if (inner) lines.push(`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, `const ${item} = ${v}[${i}];`, inner, '}');
    if (s.uniqueItems) lines.push(`if (new Set(${v}.map((x: unknown) => JSON.stringify(x))).size !== ${v}.length) ${this.fail(p, 'uniqueItems')}`);
    lines.push('}');
    return lines.join('\n');
  }

  private object(s: JsonSchema, mode: Mode, v: string, p: string, where: string, typeRule: string): string {
    const props = Object.entries<JsonSchema>(s.properties ?? {});
    const required = new Set<string>(s.required ?? []);
    const ap = s.additionalProperties;
    const child = (key: string | number) => `[${inside(p)}, ${typeof key === 'number' ? key : JSON.stringify(key)}]`;
    if (props.length === 0 && ap && typeof ap === 'object') {
      // z.record(z.string(), X): a plain object whose own enumerable values all satisfy X.
      this.imports.add('isPlainObject');
      const k = `k${this.counter++}`;
      const e = `e${this.counter++}`;
      const inner = this.node(ap, mode, e, `[${inside(p)}, ${k}]`, `${where}/additionalProperties`);
      return `if (!isPlainObject(${v})) ${this.fail(p, typeRule)}\nelse for (const ${k} of Object.keys(${v})) {\nif (${k} === '__proto__') continue;\nconst ${e} = ${v}[${k}];\n${inner}\n}`;
    }
    const lines = [`if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) ${this.fail(p, typeRule)}`, 'else {'];
    for (const [key, schema] of props) {
      const x = `x${this.counter++}`;
      const inner = this.node(schema, mode, x, child(key), `${where}/properties/${key}`);
      const access = `${v}[${JSON.stringify(key)}]`;
      lines.push(`const ${x} = ${access};`);
      if (required.has(key)) {
        // zod: an absent required key always fails; a present `undefined` fails unless the schema takes it.
        const takesUndefined = inner === '';
        lines.push(
          takesUndefined
            ? `if (!(${JSON.stringify(key)} in ${v})) ${this.fail(child(key), 'required')}`
            : `if (${x} === undefined) ${this.fail(child(key), 'required')}\nelse {\n${inner}\n}`,
        );
      } else if (inner) lines.push(`if (${x} !== undefined) {\n${inner}\n}`);
    }
    const known = props.map(([key]) => key);
    const isKnown = (k: string) =>
      known.length === 0
        ? 'false'
        : known.length <= 8
          ? known.map((n) => `${k} === ${JSON.stringify(n)}`).join(' || ')
          : `${this.hoist(`new Set(${JSON.stringify(known)})`)}.has(${k})`;
    const k = `k${this.counter++}`;
    if (ap && typeof ap === 'object') {
      const e = `e${this.counter++}`;
      const inner = this.node(ap, mode, e, `[${inside(p)}, ${k}]`, `${where}/additionalProperties`);
      if (inner) lines.push(`for (const ${k} in ${v}) {\nif (${isKnown(k)} || ${k} === '__proto__') continue;\nconst ${e} = ${v}[${k}];\n${inner}\n}`);
    } else if (ap === false || (ap === undefined && mode === 'strict')) {
      lines.push(`for (const ${k} in ${v}) if (!(${isKnown(k)})) ${this.fail(`[${inside(p)}, ${k}]`, 'additionalProperties: false')}`);
    }
    lines.push('}');
    return lines.join('\n');
  }

  private union(s: JsonSchema, mode: Mode, v: string, p: string, where: string): string {
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    const branches: JsonSchema[] = s[key];
    const isNull = (b: JsonSchema) => b.type === 'null' || (Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null);
    const others = branches.filter((b) => !isNull(b));
    const nullable = others.length < branches.length;
    let out: string;
    if (others.length === 1) out = this.node(others[0]!, mode, v, p, `${where}/${key}/0`);
    else {
      const disc = this.z.discriminatorOf(others, where);
      if (disc) out = this.discriminated(others, disc, mode, v, p, where, key);
      else {
        const fns = others.map((b, i) => this.anon(b, mode, `${where}/${key}/${i}`, 'b'));
        out = key === 'oneOf' ? this.oneOf(fns, v, p) : this.anyOf(fns, v, p);
      }
    }
    return nullable ? `if (${v} !== null) {\n${out}\n}` : out;
  }

  private discriminated(branches: JsonSchema[], disc: string, mode: Mode, v: string, p: string, where: string, key: string): string {
    const d = `d${this.counter++}`;
    const discPath = `[${inside(p)}, ${JSON.stringify(disc)}]`;
    const all: unknown[] = [];
    const fns: string[] = [];
    this.imports.add('closestBranch');
    this.imports.add('branchIssues');
    const cases = branches.map((b, i) => {
      const r = this.z.resolve(b, where);
      const o = r.allOf ? this.z.mergeAllOf(r, where) : r;
      const prop = this.z.resolve(o.properties[disc], where);
      const values: unknown[] = prop.const !== undefined ? [prop.const] : prop.enum;
      all.push(...values);
      const fn = this.anon(b, mode, `${where}/${key}/${i}`, 'b');
      fns.push(fn);
      return `${values.map((x) => `${d} === ${JSON.stringify(x)}`).join(' || ')} ? ${fn}`;
    });
    const rule = JSON.stringify(`enum: ${all.map((x) => JSON.stringify(x)).join(' | ')}`);
    return [
      `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) ${this.fail(p, 'type: object')}`,
      'else {',
      `const ${d} = ${v}[${JSON.stringify(disc)}];`,
      `const ${d}f = ${cases.join(' : ')} : undefined;`,
      // No branch has this flag: report it, and the other faults as the closest branch sees them.
      `if (${d}f === undefined) { if (o === null) return false; o.push({ path: ${discPath}, rule: ${d} === undefined ? 'required' : ${rule} });`,
      `o.push(...closestBranch([${fns.join(', ')}].map((f) => branchIssues(f, ${v}, ${p}).filter((i) => !(i.path.length === ${p}.length + 1 && i.path[i.path.length - 1] === ${JSON.stringify(disc)}))))); }`,
      `else ${this.call(`${d}f`, v, p)}`,
      '}',
    ].join('\n');
  }

  /** oneOf (z.xor): exactly one branch accepts. */
  private oneOf(fns: string[], v: string, p: string): string {
    this.imports.add('closestBranch');
    this.imports.add('branchIssues');
    const n = `n${this.counter++}`;
    return [
      `let ${n} = 0;`,
      `if (${fns
        .map((f) => `${f}(${v}, p, null)`)
        .map((c) => `(${c} && ++${n} > 1)`)
        .join(' || ')}) {}`,
      `if (${n} !== 1) {`,
      `if (o === null) return false;`,
      `if (${n} > 1) o.push({ path: ${p}, rule: 'oneOf' });`,
      `else o.push(...closestBranch([${fns.join(', ')}].map((f) => branchIssues(f, ${v}, ${p}))));`,
      '}',
    ].join('\n');
  }

  /** anyOf (z.union): at least one branch accepts. */
  private anyOf(fns: string[], v: string, p: string): string {
    this.imports.add('closestBranch');
    this.imports.add('branchIssues');
    return [
      `if (!(${fns.map((f) => `${f}(${v}, p, null)`).join(' || ')})) {`,
      `if (o === null) return false;`,
      `o.push(...closestBranch([${fns.join(', ')}].map((f) => branchIssues(f, ${v}, ${p}))));`,
      '}',
    ].join('\n');
  }

  /** The module prologue: types, helpers and hoisted constants the functions use. */
  prologue(): string {
    const order = ['urlPolicy', 'DATE', 'GUID', 'IPV4', 'EMAIL', 'isDateTime', 'isUri', 'luhn'];
    const used = order.filter((h) => this.helpers.has(h)).map((h) => HELPERS[h]!);
    return [...used, ...this.constants].join('\n\n');
  }

  body(): string {
    return this.functions.join('\n\n');
  }
}

/**
 * Whether validating `schema` also changes the value: an `x-alias-of` property anywhere below it is
 * read as its canonical property by a zod transform. The check still decides (zod validates under
 * the spelling received, then renames), but a check only says yes or no, so such a response status
 * is listed in `rewrites` and the runtime lets zod produce the renamed value after a yes.
 */
export function reachesTransform(schema: unknown, components: Record<string, unknown>, seen = new Set<string>()): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  if (Array.isArray(schema)) return schema.some((s) => reachesTransform(s, components, seen));
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return false;
    seen.add(name);
    return reachesTransform(components[name], components, seen);
  }
  if (node['x-alias-of'] !== undefined) return true;
  return Object.entries(node).some(([key, value]) => key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const' && reachesTransform(value, components, seen));
}

export function emitChecks(doc: JsonSchema, source: string): string {
  const components = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const transforms = (schema: unknown) => reachesTransform(schema, components);
  const zod = new ZodEmitter(doc.components?.schemas ?? {}, source);
  const c = new CheckEmitter(zod);
  const exports: string[] = [];
  for (const op of listOperations(doc)) {
    const where = `#/paths/${op.path.replaceAll('/', '~1')}/${op.method}`;
    const request: string[] = [];
    for (const location of ['path', 'query', 'header'] as const) {
      const params = op.parameters.filter((p) => p.in === location);
      if (params.length === 0) continue;
      const schema = {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
        required: params.filter((p) => p.required || location === 'path').map((p) => p.name),
      };
      request.push(`${location}: ${c.site(schema, 'strict', `${where}/parameters`)}`);
    }
    const body = requestBodyOf(op.operation);
    if (body) {
      const fn = c.site(body.schema, 'strict', `${where}/requestBody`);
      if (!body.required) c.imports.add('optionalCheck');
      request.push(`body: ${body.required ? fn : `optionalCheck(${fn})`}`);
    }
    const rewrites: string[] = [];
    const responses = Object.entries<JsonSchema>(op.operation.responses ?? {}).map(([status, response]) => {
      const schema = responseSchemaOf(response);
      if (schema && transforms(schema)) rewrites.push(status);
      return `${JSON.stringify(status)}: ${schema ? c.site(schema, 'tolerant', `${where}/responses/${status}`) : 'null'}`;
    });
    const rewritten = rewrites.length ? `, rewrites: ${JSON.stringify(rewrites)}` : '';
    exports.push(
      `/** ${op.method.toUpperCase()} ${op.path}: request parts and response bodies by status (null = no JSON body). */`,
      `export const ${op.operationId}Checks: OperationChecks = { request: { ${request.join(', ')} }, responses: { ${responses.join(', ')} }${rewritten} };`,
    );
  }
  const prologue = c.prologue();
  const body = c.body();
  const runtime = RUNTIME_HELPERS.filter((h) => c.imports.has(h));
  return [
    `import type { CheckIssue, OperationChecks } from '@vendor-contracts/runtime';`,
    ...(runtime.length ? [`import { ${runtime.join(', ')} } from '@vendor-contracts/runtime';`] : []),
    '',
    'type Path = CheckIssue["path"];',
    'type Out = CheckIssue[] | null;',
    '',
    prologue,
    '',
    body,
    '',
    ...exports,
    '',
  ].join('\n');
}
