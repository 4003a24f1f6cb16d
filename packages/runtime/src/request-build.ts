/**
 * What a request must satisfy to be built and sent as the caller wrote it, whatever the spec says:
 * checked before anything is sent, with or without `validateRequests`, so no spec can forget it.
 *
 * - A path parameter fills exactly one non-empty segment. `""`, `.` and `..` (in any
 *   percent-encoded spelling: WHATWG URL treats `%2e` as a dot, and servers decode) would make
 *   URL normalisation drop or climb a segment, and the call would act on another resource.
 * - Text going into the URL is well-formed Unicode: a lone surrogate cannot be percent-encoded
 *   (`encodeURIComponent` throws URIError).
 * - A header value is what fetch sends unchanged: Latin-1 only, no CR/LF/NUL, no leading or
 *   trailing whitespace (fetch would strip it), and the name is an HTTP token.
 * Issues never quote the value.
 */
import { defaultPathSerializer } from 'openapi-fetch';
import type { OperationDefinition } from './definition.js';
import type { FieldIssue } from './errors.js';
import { printable } from './printable.js';

/**
 * Parsed names by template: every call of an operation checks its path, and the regex scan showed
 * in profiles of the 1-device call. Keys are the spec's templates, so the map stays as small as the
 * operations of the clients in use.
 */
const namesByTemplate = new Map<string, readonly string[]>();

/** The parameter names of a path template (`{id}`, `{id*}`, `{.id}`, `{;id}`). */
export function pathParameterNames(template: string): readonly string[] {
  let names = namesByTemplate.get(template);
  if (!names) {
    names = Object.freeze([...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.replace(/\*$/, '').replace(/^[.;]/, '')));
    namesByTemplate.set(template, names);
  }
  return names;
}

/** Every way `input` cannot be put on the wire as written (empty when it can). */
export function requestBuildIssues(op: OperationDefinition, input: { path?: unknown; query?: unknown; header?: unknown; body?: unknown }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const path = isRecord(input.path) ? input.path : {};
  for (const name of pathParameterNames(op.path)) {
    const problem = pathSegmentProblem(path[name], name);
    if (problem) issues.push({ path: `path.${name}`, ...problem });
  }
  if (isRecord(input.query)) {
    for (const [name, value] of Object.entries(input.query)) if (hasLoneSurrogate(value)) issues.push({ path: `query.${name}`, ...LONE_SURROGATE });
  }
  if (isRecord(input.header)) {
    for (const [name, value] of Object.entries(input.header)) {
      const problem = value == null ? undefined : headerProblem(name, value);
      if (problem) issues.push({ path: `header.${name}`, ...problem });
    }
  }
  // A form body goes through URLSearchParams, which turns a lone surrogate into U+FFFD silently.
  if (op.bodyMediaType === 'application/x-www-form-urlencoded' && isRecord(input.body)) {
    for (const [name, value] of Object.entries(input.body)) if (hasLoneSurrogate(value)) issues.push({ path: `body.${name}`, ...LONE_SURROGATE });
  }
  return issues;
}

/**
 * The first header of `headers` (a client or per-call option) that fetch would refuse or alter,
 * as `headers.<name>: <why>`; undefined when all can be sent.
 */
export function headerOptionProblem(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const problem = value == null ? undefined : headerProblem(name, value);
    if (problem) return `headers.${printable(name)}: ${problem.message} [${problem.rule}]`;
  }
  return undefined;
}

type Problem = Pick<FieldIssue, 'rule' | 'message'>;

const LONE_SURROGATE: Problem = { rule: 'well-formed Unicode', message: 'Contains a lone surrogate, which cannot be percent-encoded into a URL' };
const DOT_SEGMENTS = new Set(['', '.', '..']);
/** How many times a segment is percent-decoded when looking for a dot segment (`%252e` → `%2e` → `.`). */
const MAX_DECODINGS = 4;

function pathSegmentProblem(value: unknown, name: string): Problem | undefined {
  if (value === undefined || value === null) return { rule: 'required', message: 'Path parameters are required: the URL needs a segment for it' };
  let segment: string;
  try {
    // The serialiser openapi-fetch uses, so the check sees the segment that would be sent.
    segment = defaultPathSerializer(`{${name}}`, { [name]: value });
  } catch {
    return LONE_SURROGATE;
  }
  for (let i = 0; i <= MAX_DECODINGS; i++) {
    if (DOT_SEGMENTS.has(segment)) {
      return { rule: 'one path segment', message: 'Must be one non-empty path segment: "", "." and ".." (in any encoding) would change which resource the URL names' };
    }
    const decoded = safeDecode(segment);
    if (decoded === segment) break;
    segment = decoded;
  }
  return undefined;
}

function headerProblem(name: string, value: unknown): Problem | undefined {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return { rule: 'header name', message: 'Is not a valid HTTP header name' };
  for (const v of Array.isArray(value) ? value : [value]) {
    const text = String(v);
    if (/[\r\n\0]/.test(text)) return { rule: 'header value', message: 'Contains CR, LF or NUL, which a header value cannot carry' };
    if (/[^\x00-\xff]/.test(text)) return { rule: 'header value', message: 'Contains a character outside Latin-1, which a header value cannot carry' };
    if (/^[\t ]|[\t ]$/.test(text)) return { rule: 'header value', message: 'Starts or ends with whitespace, which fetch would strip' };
  }
  return undefined;
}

function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return /\p{Surrogate}/u.test(value);
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => hasLoneSurrogate(k) || hasLoneSurrogate(v, depth + 1));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
