/**
 * From (operation, status, JSON pointer into the response body) to the schema node of the spec that
 * says what is there, as a path of keys into the document — following `$ref`s to the component
 * that defines it, `allOf` to the member that declares the property, and a `oneOf`/`anyOf` only
 * when one branch can hold the value (`[Quote, null]`). Anything less certain is no target.
 */
type Json = Record<string, any>;
export type DocPath = Array<string | number>;

export interface Located {
  path: DocPath;
  node: Json;
  /** The path went through a `$ref` at its last step: the node is shared with other uses. */
  shared: boolean;
}

export type Location = { ok: true; value: Located } | { ok: false; reason: string };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function getAt(doc: unknown, path: DocPath): any {
  let cur: any = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

function refPath(ref: string): DocPath | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Follows `$ref`s (bounded) from `path`; `shared` tells whether any was followed. */
function deref(doc: Json, path: DocPath): { path: DocPath; node: any; shared: boolean } {
  let node = getAt(doc, path);
  let shared = false;
  for (let i = 0; i < 16 && node && typeof node.$ref === 'string'; i++) {
    const next = refPath(node.$ref);
    if (!next) break;
    path = next;
    node = getAt(doc, path);
    shared = true;
  }
  return { path, node, shared };
}

/** The response body schema of an operation for a status (exact, `2XX`, `default`). */
export function responseSchema(doc: Json, operationId: string, status: number): Location {
  for (const [route, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item?.[method]?.operationId !== operationId) continue;
      const responses = item[method].responses ?? {};
      const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => responses[c] !== undefined);
      if (!code) return { ok: false, reason: `${operationId} documents no ${status} response` };
      const response = deref(doc, ['paths', route, method, 'responses', code]);
      const content = response.node?.content ?? {};
      const type = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json'));
      if (!type || !content[type].schema) return { ok: false, reason: `${operationId} ${code} has no JSON schema` };
      return { ok: true, value: { ...deref(doc, [...response.path, 'content', type, 'schema']), shared: false } };
    }
  }
  return { ok: false, reason: `no operation ${operationId} in the spec` };
}

const isObjectSchema = (s: Json | undefined) => !!s && (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties !== undefined);
const isArraySchema = (s: Json | undefined) => !!s && (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || s.items !== undefined);
const isNullOnly = (s: Json | undefined) => !!s && (s.type === 'null' || s.const === null);

/** The one branch of a union (after `$ref`) that is not `null`-only and satisfies `fits`, or why not. */
function onlyBranch(doc: Json, at: DocPath, node: Json, fits: (s: Json) => boolean): { path: DocPath; node: Json; shared: boolean } | string {
  for (const word of ['oneOf', 'anyOf'] as const) {
    if (!Array.isArray(node[word])) continue;
    const fitting = node[word].map((_: unknown, i: number) => deref(doc, [...at, word, i])).filter((b: { node: Json }) => !isNullOnly(b.node) && fits(b.node));
    if (fitting.length === 1) return fitting[0]!;
    return `${word} at ${at.join('.')} has ${fitting.length} branches that could hold it`;
  }
  return `nothing at ${at.join('.')} can hold it`;
}

/** The object schema (path) that holds properties at `at`: itself, an allOf member declaring `name`, or a union's one object branch. */
function objectHolder(doc: Json, at: { path: DocPath; node: Json; shared: boolean }, name?: string): { path: DocPath; node: Json; shared: boolean } | string {
  const node = at.node;
  if (!node || typeof node !== 'object') return `no schema at ${at.path.join('.')}`;
  if (name !== undefined && node.properties?.[name] !== undefined) return at;
  if (Array.isArray(node.allOf)) {
    const members = node.allOf.map((_: unknown, i: number) => deref(doc, [...at.path, 'allOf', i]));
    const declaring = name === undefined ? undefined : members.find((m: { node: Json }) => m.node?.properties?.[name] !== undefined);
    if (declaring) return declaring;
    if (isObjectSchema(node)) return at;
    const objects = members.filter((m: { node: Json }) => isObjectSchema(m.node));
    if (objects.length > 0) return objects[objects.length - 1]!;
  }
  if (isObjectSchema(node)) return at;
  const branch = onlyBranch(doc, at.path, node, (s) => isObjectSchema(s) || Array.isArray(s.allOf));
  return typeof branch === 'string' ? branch : objectHolder(doc, branch, name);
}

/**
 * The schema of the value at `pointer` (`field: true`), or of the object that holds its last key
 * (`field: false`, for a field the spec does not declare).
 */
export function locate(doc: Json, operationId: string, status: number, pointer: string, options: { parent?: boolean } = {}): Location {
  const root = responseSchema(doc, operationId, status);
  if (!root.ok) return root;
  const segments =
    pointer === ''
      ? []
      : pointer
          .split('/')
          .slice(1)
          .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const walk = options.parent ? segments.slice(0, -1) : segments;
  let at: { path: DocPath; node: Json; shared: boolean } = root.value;
  for (const segment of walk) {
    if (isArraySchema(at.node) && !isObjectSchema(at.node)) {
      at = deref(doc, [...at.path, 'items']);
      continue;
    }
    if (!isObjectSchema(at.node) && !Array.isArray(at.node?.allOf)) {
      const branch = onlyBranch(doc, at.path, at.node ?? {}, (s) => isObjectSchema(s) || isArraySchema(s) || Array.isArray(s.allOf));
      if (typeof branch === 'string') return { ok: false, reason: branch };
      at = branch;
      if (isArraySchema(at.node) && !isObjectSchema(at.node)) {
        at = deref(doc, [...at.path, 'items']);
        continue;
      }
    }
    const holder = objectHolder(doc, at, segment);
    if (typeof holder === 'string') return { ok: false, reason: holder };
    if (holder.node.properties?.[segment] === undefined) {
      const extra = holder.node.additionalProperties;
      if (extra && typeof extra === 'object') {
        at = deref(doc, [...holder.path, 'additionalProperties']);
        continue;
      }
      return { ok: false, reason: `${pointer}: the spec declares no "${segment}" at ${holder.path.join('.')}` };
    }
    at = deref(doc, [...holder.path, 'properties', segment]);
  }
  if (options.parent) {
    const holder = objectHolder(doc, at);
    if (typeof holder === 'string') return { ok: false, reason: holder };
    at = holder;
  }
  return { ok: true, value: at };
}

/** A JSONPath (RFC 9535 normalized form) for a path of keys: `$['components']['schemas']['Device']`. */
export function toJsonPath(path: DocPath): string {
  return `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `['${k.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`)).join('')}`;
}
