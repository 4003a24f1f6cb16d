/**
 * Drift: where a real vendor's answers break its spec. Two sources, one report:
 * - Prism's own response validation in `prism proxy` mode (`sl-violations`): wrong types,
 *   missing required fields, values outside an enum, undocumented statuses…;
 * - fields the spec does not document (an object schema without `additionalProperties`): JSON
 *   Schema allows them, so Prism is silent, but they are what a spec overlay has to add.
 * The report's shape is stable (sorted, deduplicated with a count) so drift reports can be diffed
 * and turned into spec changes.
 */
import { jsonPointer } from '@vendor-contracts/runtime';
import { type Contract, type ContractOperation, resolveRef } from './contract.js';
import type { Exchange } from './front.js';
import { pointerOf, violationsOf } from './violations.js';

export interface DriftFinding {
  /** The operation the request was for; null when it matched none of the spec's operations. */
  operationId: string | null;
  method: string;
  /** The spec's path template (`/job/{connect_id}`), or the request path when no operation matched. */
  path: string;
  status: number;
  /** JSON pointer (RFC 6901) into the response body; `''` is the body itself. */
  pointer: string;
  /** Prism's rule (`required`, `type`, `enum`, …) or `undocumented-field`. */
  rule: string;
  message: string;
  /** How many answers had this finding. */
  count: number;
}

export interface DriftReport {
  vendor: string;
  upstream: string;
  /** Answers inspected. */
  exchanges: number;
  findings: DriftFinding[];
}

type Schema = Record<string, any>;

export class DriftRecorder {
  private readonly found = new Map<string, DriftFinding>();
  private exchanges = 0;

  constructor(
    readonly contract: Contract,
    readonly upstream: string,
  ) {}

  record(exchange: Exchange): void {
    this.exchanges++;
    const op = this.contract.match(exchange.method, exchange.pathname);
    const base = { operationId: op?.operationId ?? null, method: exchange.method.toUpperCase(), path: op?.path ?? exchange.pathname, status: exchange.status };
    for (const v of violationsOf(exchange)) {
      if (v.location[0] !== 'response') continue;
      const missing = v.code === 'required' ? /required property '([^']+)'/.exec(v.message)?.[1] : undefined;
      const pointer = pointerOf(v.location) + (missing === undefined ? '' : `/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      this.add({ ...base, pointer, rule: String(v.code), message: v.message });
    }
    const schema = op && responseSchema(this.contract, op, exchange.status);
    if (!schema) return;
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      return; // not JSON: Prism's validation covers it
    }
    for (const pointer of undocumentedFields(this.contract.document, schema, body, '')) {
      this.add({ ...base, pointer, rule: 'undocumented-field', message: `Response body has ${pointer}, which the spec does not document` });
    }
  }

  private add(finding: Omit<DriftFinding, 'count'>): void {
    const key = JSON.stringify([finding.operationId, finding.method, finding.path, finding.status, finding.pointer, finding.rule]);
    const known = this.found.get(key);
    if (known) known.count++;
    else this.found.set(key, { ...finding, count: 1 });
  }

  report(): DriftReport {
    const findings = [...this.found.values()].map((f) => ({ ...f }));
    findings.sort(
      (a, b) => (a.operationId ?? a.path).localeCompare(b.operationId ?? b.path) || a.status - b.status || a.pointer.localeCompare(b.pointer) || a.rule.localeCompare(b.rule),
    );
    return { vendor: this.contract.vendor, upstream: this.upstream, exchanges: this.exchanges, findings };
  }
}

const deref = (doc: Schema, schema: Schema | undefined): Schema | undefined => resolveRef(doc, schema);

function responseSchema(contract: Contract, op: ContractOperation, status: number): Schema | undefined {
  const responses = contract.document.paths?.[op.path]?.[op.method.toLowerCase()]?.responses ?? {};
  const response = deref(contract.document, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
  const content = response?.content ?? {};
  const key = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json'));
  return key ? deref(contract.document, content[key].schema) : undefined;
}

/** The schema's documented property names and what they hold, across allOf; and its additionalProperties. */
function shapeOf(doc: Schema, schema: Schema, value: Record<string, unknown>, depth = 0): { properties: Record<string, Schema>; additional: unknown; open: boolean } {
  const properties: Record<string, Schema> = {};
  let additional: unknown;
  let open = false;
  const visit = (s: Schema | undefined, d: number) => {
    s = deref(doc, s);
    if (!s || d > 16) return;
    Object.assign(properties, s.properties ?? {});
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) additional = s.additionalProperties;
    if (s.patternProperties) open = true;
    for (const member of s.allOf ?? []) visit(member, d + 1);
    const branches: Schema[] = [...(s.oneOf ?? []), ...(s.anyOf ?? [])].map((b) => deref(doc, b)).filter(Boolean) as Schema[];
    if (branches.length) visit(bestBranch(doc, branches, value), d + 1);
  };
  visit(schema, depth);
  return { properties, additional, open };
}

/** The union branch that documents most of the object's keys (ties: the first). */
function bestBranch(doc: Schema, branches: Schema[], value: Record<string, unknown>): Schema {
  let best = branches[0]!;
  let score = -1;
  for (const branch of branches) {
    const names = new Set(Object.keys(shapeOf(doc, branch, value, 8).properties));
    const hits = Object.keys(value).filter((k) => names.has(k)).length;
    if (hits > score) [best, score] = [branch, hits];
  }
  return best;
}

/** Pointers of every object key in `value` that `schema` does not document (bounded depth). */
export function undocumentedFields(doc: Schema, schema: Schema | undefined, value: unknown, pointer: string, depth = 0): string[] {
  schema = deref(doc, schema);
  if (!schema || depth > 32 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    const items = itemsOf(doc, schema);
    return items ? value.flatMap((v, i) => undocumentedFields(doc, items, v, `${pointer}/${i}`, depth + 1)) : [];
  }
  const record = value as Record<string, unknown>;
  const { properties, additional, open } = shapeOf(doc, schema, record);
  if (Object.keys(properties).length === 0 && (additional !== undefined || open || !hasObjectShape(doc, schema))) {
    return typeof additional === 'object'
      ? Object.entries(record).flatMap(([k, v]) => undocumentedFields(doc, additional as Schema, v, `${pointer}${jsonPointer([k])}`, depth + 1))
      : [];
  }
  const out: string[] = [];
  for (const [key, v] of Object.entries(record)) {
    const at = `${pointer}${jsonPointer([key])}`;
    if (properties[key]) out.push(...undocumentedFields(doc, properties[key], v, at, depth + 1));
    else if (typeof additional === 'object') out.push(...undocumentedFields(doc, additional as Schema, v, at, depth + 1));
    else if (additional === undefined && !open) out.push(at);
  }
  return out;
}

function itemsOf(doc: Schema, schema: Schema): Schema | undefined {
  if (schema.items) return schema.items;
  for (const member of schema.allOf ?? []) {
    const items = deref(doc, member)?.items;
    if (items) return items;
  }
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].map((b: Schema) => deref(doc, b)).filter((b: Schema | undefined) => b?.items);
  return branches[0]?.items;
}

/** Whether the schema describes an object by its properties (anywhere in its allOf/oneOf/anyOf). */
function hasObjectShape(doc: Schema, schema: Schema, depth = 0): boolean {
  schema = deref(doc, schema) ?? {};
  if (depth > 16) return false;
  if (schema.properties) return true;
  return [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].some((s: Schema) => hasObjectShape(doc, s, depth + 1));
}
