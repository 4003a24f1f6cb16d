/**
 * Checking a value against its operation's schema, and the issues → FieldIssue: a field path, the
 * JSON Schema rule it broke and a sentence in our words, never the value. The compiled checks
 * (generated/checks.ts) are the hot path and explain their own "no"; zod is the fallback for a
 * definition without them, finishes an `x-alias-of` site and reports unknown response fields
 * (`onUnknownFields`). A generated definition loads its zod schemas only then (`schemasOf`), so
 * zod stays out of the bundle's first chunk: only types are imported from zod here.
 */
import type { ZodType, core } from 'zod';
import type { Check, CheckIssue, OperationDefinition, OperationSchemas } from './definition.js';
import type { FieldIssue } from './errors.js';
import { jsonPointer } from './pointer.js';

type Issue = core.$ZodIssue;
type PathSegment = PropertyKey;

/** Request paths read like code: `body.items[0].imei`. */
export function dottedPath(prefix: string, path: readonly PathSegment[]): string {
  let out = prefix;
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out;
}

/** Response paths are JSON pointers: `/0/quote/quote_price` (one implementation, in pointer.ts). */
export { jsonPointer };

/**
 * `input`, when given, tells a missing field from a wrong one: zod reports an absent enum or
 * union member as "invalid option", which the caller should read as `required`.
 */
export function toFieldIssues(issues: readonly Issue[], where: (path: readonly PathSegment[]) => string, input?: { value: unknown }): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: where([...issue.path, key]), rule: 'additionalProperties: false', message: ruleMessage('additionalProperties: false') });
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest rather than "no branch matched": first the one whose
      // fixed values (const/enum) matched, then the one with the fewest issues.
      // Then the one that knows the input's keys: a branch rejecting them as unknown is another shape.
      const misses = (branch: readonly Issue[]) => branch.filter((i) => i.code === 'invalid_value').length;
      const strangers = (branch: readonly Issue[]) => branch.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
      const best = [...issue.errors].sort((a, b) => misses(a) - misses(b) || strangers(a) - strangers(b) || a.length - b.length)[0]!;
      const absent = input && issue.path.length > 0 && valueAt(input.value, issue.path) === undefined;
      if (absent) out.push({ path: where(issue.path), rule: 'required', message: ruleMessage('required') });
      else out.push(...toFieldIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })) as Issue[], where, input));
    } else {
      const missing =
        (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) ||
        ((issue.code === 'invalid_value' || issue.code === 'invalid_union') && input !== undefined && issue.path.length > 0 && valueAt(input.value, issue.path) === undefined);
      const rule = missing ? 'required' : ruleOf(issue);
      // A refinement of our own (x-url-policy) words its message; zod's own words are replaced by ours.
      const own = issue.code === 'custom' && !['x-luhn', 'uniqueItems'].includes(rule);
      out.push({ path: where(issue.path), rule, message: own ? issue.message : ruleMessage(rule) });
    }
  }
  return out;
}

function ruleOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `type: ${issue.expected}`;
    case 'too_big':
      return `${issue.origin === 'string' ? 'maxLength' : issue.origin === 'array' ? 'maxItems' : issue.inclusive === false ? 'exclusiveMaximum' : 'maximum'}: ${issue.maximum}`;
    case 'too_small':
      return `${issue.origin === 'string' ? 'minLength' : issue.origin === 'array' ? 'minItems' : issue.inclusive === false ? 'exclusiveMinimum' : 'minimum'}: ${issue.minimum}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `pattern: ${(issue as { pattern?: string }).pattern ?? ''}` : `format: ${issue.format}`;
    case 'invalid_value':
      return `enum: ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'not_multiple_of':
      return `multipleOf: ${issue.divisor}`;
    case 'invalid_union': {
      // A discriminated union whose discriminator matched no branch: the discriminator's enum.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length) return `enum: ${options.map((v) => JSON.stringify(v)).join(' | ')}`;
      return (issue as { note?: string }).note ?? 'oneOf';
    }
    case 'custom':
      // Generated refinements (x-luhn, uniqueItems) name their rule in params.
      return String((issue as { params?: { rule?: unknown } }).params?.rule ?? 'custom');
    default:
      return issue.code;
  }
}

/**
 * The verdict on `value`, with `fast` (the compiled check) when the definition has one: it says
 * yes without allocating, and on a no runs again collecting every issue. zod only without it.
 */
export function checkAgainst(schema: ZodType, value: unknown, where: (path: readonly PathSegment[]) => string, fast?: Check | null): Verdict {
  if (fast) return fast(value, [], null) ? { ok: true, data: value } : { ok: false, issues: explain(fast, value, where) };
  const result = schema.safeParse(value);
  return result.success ? { ok: true, data: result.data } : { ok: false, issues: toFieldIssues(result.error.issues, where, { value }) };
}

/** A value now, or once the zod schemas have loaded. */
export type Eventually<T> = T | Promise<T>;

/** `then` that stays synchronous for a value already there: the hot path never waits a tick. */
export function after<T, U>(value: Eventually<T>, next: (value: T) => Eventually<U>): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Loaded schemas by loader: copies of a definition (a guard wrapping one operation) share them. */
const loaded = new WeakMap<NonNullable<OperationDefinition['schemas']>, OperationSchemas>();
const NONE: OperationSchemas = { request: {}, responses: {}, strictResponses: {} };

/**
 * The operation's zod schemas: given in the definition, or loaded once by its `schemas` loader
 * (synchronous from then on). A definition with neither has none.
 */
export function schemasOf(op: OperationDefinition): Eventually<OperationSchemas> {
  if (op.request || op.responses) return { request: op.request ?? {}, responses: op.responses ?? {}, strictResponses: op.strictResponses ?? op.responses ?? {} };
  const load = op.schemas;
  if (!load) return NONE;
  const known = loaded.get(load);
  if (known) return known;
  return after(load(), (schemas) => {
    loaded.set(load, schemas);
    return schemas;
  });
}

export type Verdict = { ok: true; data: unknown } | { ok: false; issues: FieldIssue[] };

/**
 * The verdict on one site (a request part, a response body). The compiled check decides and
 * explains a no; zod (`zod`, loaded on demand) runs only where there is no check, or after a yes
 * on a site whose value it rewrites (`x-alias-of`). Synchronous unless zod must load.
 */
export function verdictOf(
  value: unknown,
  where: (path: readonly PathSegment[]) => string,
  fast: Check | null | undefined,
  rewrites: boolean,
  zod: () => Eventually<ZodType | null | undefined>,
): Eventually<Verdict> {
  if (fast && !fast(value, [], null)) return { ok: false, issues: explain(fast, value, where) };
  if (fast && !rewrites) return { ok: true, data: value };
  return after(zod(), (schema): Verdict => {
    if (!schema) return { ok: true, data: value };
    const result = schema.safeParse(value);
    return result.success ? { ok: true, data: result.data } : { ok: false, issues: toFieldIssues(result.error.issues, where, { value }) };
  });
}

/** A compiled check's "no", run again collecting every issue, in our words. */
function explain(fast: Check, value: unknown, where: (path: readonly PathSegment[]) => string): FieldIssue[] {
  const found: CheckIssue[] = [];
  fast(value, [], found);
  return found.map((i) => ({ path: where(i.path), rule: i.rule, message: i.message ?? ruleMessage(i.rule) }));
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The most pointers one `onUnknownFields` event lists; the rest are counted in its `omitted`. */
export const MAX_UNKNOWN_FIELD_POINTERS = 100;

/** JSON pointers of keys a strict schema rejects, found inside unions too. */
export function unknownKeyPointers(issues: readonly Issue[], base: readonly PathSegment[] = []): string[] | undefined {
  const out: string[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) out.push(jsonPointer([...path, key]));
    else if (issue.code === 'invalid_union') {
      const branch = issue.errors.map((e) => unknownKeyPointers(e, path)).find((p) => p !== undefined);
      if (!branch) return undefined;
      out.push(...branch);
    } else return undefined; // some other failure: this branch is not "valid but for unknown keys"
  }
  return out;
}

const FORMATS: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'an RFC 3339 date-time (e.g. 2024-01-31T12:00:00Z)',
  email: 'an email address',
  uuid: 'a UUID',
  uri: 'an absolute URI',
  ipv4: 'an IPv4 address',
};
const TYPES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

/** "0 or 1", "\"a\", \"b\" or \"c\"". */
function either(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.length > 2 ? 'one of ' : ''}${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** A rule of a compiled check (`enum: 0 | 1`, `minLength: 1`, …) as a sentence: "must be 0 or 1". */
export function ruleMessage(rule: string): string {
  const colon = rule.indexOf(': ');
  const name = colon < 0 ? rule : rule.slice(0, colon);
  const arg = colon < 0 ? '' : rule.slice(colon + 2);
  switch (name) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be ${either(arg.split(' | ').map((t) => TYPES[t] ?? t))}`;
    case 'enum':
      return `must be ${either(arg.split(' | '))}`;
    case 'minLength':
      return arg === '1' ? 'must not be empty' : `must be at least ${arg} characters long`;
    case 'maxLength':
      return `must be at most ${arg} characters long`;
    case 'pattern':
      return `must match the pattern ${arg}`;
    case 'format':
      return `must be ${FORMATS[arg] ?? `a valid ${arg}`}`;
    case 'minimum':
      return `must be at least ${arg}`;
    case 'maximum':
      return `must be at most ${arg}`;
    case 'exclusiveMinimum':
      return `must be greater than ${arg}`;
    case 'exclusiveMaximum':
      return `must be less than ${arg}`;
    case 'multipleOf':
      return `must be a multiple of ${arg}`;
    case 'minItems':
      return `must have at least ${arg} item${arg === '1' ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${arg} item${arg === '1' ? '' : 's'}`;
    case 'uniqueItems':
      return 'must not repeat an item';
    case 'x-luhn':
      return 'fails the Luhn check digit';
    case 'additionalProperties':
      return 'is not a field the spec declares';
    case 'oneOf':
      return 'matches more than one of the allowed shapes; it must match exactly one';
    default:
      return `breaks the rule ${rule}`;
  }
}
