/**
 * Observations → an OpenAPI Overlay 1.0 document for one vendor's spec. Observations are clustered
 * per spec node and kind (so one component reached from several operations is one action, with
 * every operation in its evidence), and each cluster becomes the smallest change the evidence
 * supports — never more:
 * - unknown field → added as an optional property of the type(s) seen; a field seen only as null,
 *   or whose type the source did not record, gets no type but an `x-assumption` question;
 * - enum value → appended to the enum; a value the source withheld → a question;
 * - type change → the union of the types seen when several were seen, else the one type seen with
 *   an `x-assumption` saying what was not seen; only null seen → a question, not a type;
 * - missing required field → no longer required; format or pattern miss → that keyword removed;
 * - any other broken rule → a question.
 * Every action carries `x-drift-evidence`: kind, operations, pointers, count, first and last seen.
 */
import type { DriftKind, ValueShape, ValueType } from '@vendor-contracts/runtime/drift';
import type { Observation } from './input.js';
import { type DocPath, getAt, locate, toJsonPath } from './locate.js';

type Json = Record<string, any>;

export interface Evidence {
  kind: DriftKind;
  /** `getJob 200`, sorted. */
  operations: string[];
  pointers: string[];
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** What came instead: type names (`string`, `null`), or enum values. */
  observed?: Array<string | number>;
  rule: string;
  source: string;
  /** Types the spec's own response examples show there (kept in a type union). */
  documented?: string[];
  /** The target is a component other schemas use too: the change reaches them as well. */
  shared?: boolean;
}

export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: boolean;
  'x-drift-evidence': Evidence[];
}

export interface Overlay {
  overlay: '1.0.0';
  info: { title: string; version: string };
  extends: string;
  actions: OverlayAction[];
}

export interface Proposal {
  vendor: string;
  overlay: Overlay;
  /** Observations that point at nothing the spec can say (with the reason): printed for a person. */
  unplaced: string[];
}

interface Cluster {
  kind: DriftKind;
  /** Where the change goes: the node of the value, or the object that should declare the field. */
  path: DocPath;
  /** The field name, for unknown fields and missing required ones. */
  field?: string;
  shared: boolean;
  observations: Observation[];
}

const KIND_ORDER: DriftKind[] = ['unknown-field', 'enum-value', 'type-change', 'missing-required', 'format-miss', 'constraint'];
const lastSegment = (pointer: string) => (pointer.split('/').pop() ?? '').replaceAll('~1', '/').replaceAll('~0', '~');

export function propose(doc: Json, vendor: string, observations: readonly Observation[], specPath = `specs/${vendor}/openapi.yaml`): Proposal {
  const clusters = new Map<string, Cluster>();
  const unplaced: string[] = [];
  for (const o of observations) {
    if (o.vendor !== vendor) continue;
    const parent = o.kind === 'unknown-field' || o.kind === 'missing-required';
    const where = locate(doc, o.operationId, o.status, o.pointer, { parent });
    if (!where.ok) {
      unplaced.push(`${o.operationId} ${o.status} ${o.pointer || '(body)'} ${o.kind}: ${where.reason}`);
      continue;
    }
    const field = parent ? lastSegment(o.pointer) : undefined;
    if (field !== undefined && (field === '*' || field === '{key}' || field.includes('[redacted]'))) {
      unplaced.push(`${o.operationId} ${o.status} ${o.pointer} ${o.kind}: the key is not a field name (an array index, a map key or a redacted echo)`);
      continue;
    }
    const key = JSON.stringify([o.kind, where.value.path, field ?? null]);
    const cluster = clusters.get(key) ?? { kind: o.kind, path: where.value.path, ...(field !== undefined ? { field } : {}), shared: where.value.shared, observations: [] };
    cluster.observations.push(o);
    clusters.set(key, cluster);
  }

  // Several clusters may write the same node's x-assumption: each note is collected per node and
  // written once, after the node's other changes.
  const notes = new Map<string, { path: DocPath; notes: string[]; evidence: Evidence[] }>();
  const note = (path: DocPath, text: string, evidence: Evidence) => {
    const key = JSON.stringify(path);
    const entry = notes.get(key) ?? { path, notes: [], evidence: [] };
    entry.notes.push(text);
    entry.evidence.push(evidence);
    notes.set(key, entry);
  };

  const actions: OverlayAction[] = [];
  const sorted = [...clusters.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || toJsonPath(a.path).localeCompare(toJsonPath(b.path)) || (a.field ?? '').localeCompare(b.field ?? ''),
  );
  for (const cluster of sorted) {
    const evidence = evidenceOf(cluster);
    const node = getAt(doc, cluster.path) as Json;
    const where = toJsonPath(cluster.path);
    const seen = seenText(evidence);
    switch (cluster.kind) {
      case 'unknown-field': {
        const field = cluster.field!;
        const schema = fieldSchema(cluster.observations, `Not in the vendor's documentation: ${seen}. Optional: drift shows it can be present, not that it always is.`);
        if (node.properties && typeof node.properties === 'object') {
          actions.push({
            target: toJsonPath([...cluster.path, 'properties']),
            description: `Add the undocumented response field ${field}`,
            update: { [field]: schema },
            'x-drift-evidence': [evidence],
          });
        } else {
          actions.push({ target: where, description: `Add the undocumented response field ${field}`, update: { properties: { [field]: schema } }, 'x-drift-evidence': [evidence] });
        }
        break;
      }
      case 'enum-value': {
        const values = [...new Set(cluster.observations.flatMap((o) => (o.value === undefined ? [] : [o.value])))].sort(compareValues);
        const documented: unknown[] = Array.isArray(node.enum) ? node.enum : [];
        const fresh = values.filter((v) => !documented.includes(v));
        const withheld = cluster.observations.some((o) => o.value === undefined);
        if (Array.isArray(node.enum)) {
          for (const value of fresh) {
            actions.push({
              target: toJsonPath([...cluster.path, 'enum']),
              description: `Add ${JSON.stringify(value)} to the enum`,
              update: value,
              'x-drift-evidence': [{ ...evidence, observed: [value] }],
            });
            // Lists that run parallel to the enum (codegen requires one entry per value).
            if (Array.isArray(node['x-enum-varnames']))
              actions.push({
                target: toJsonPath([...cluster.path, 'x-enum-varnames']),
                description: `Name ${JSON.stringify(value)}`,
                update: varName(value),
                'x-drift-evidence': [{ ...evidence, observed: [value] }],
              });
            if (Array.isArray(node['x-enum-descriptions']))
              actions.push({
                target: toJsonPath([...cluster.path, 'x-enum-descriptions']),
                description: `Describe ${JSON.stringify(value)}`,
                update: `Undocumented: seen in answers (${seen}); ask the vendor what it means`,
                'x-drift-evidence': [{ ...evidence, observed: [value] }],
              });
          }
        }
        if (withheld || !Array.isArray(node.enum) || fresh.length === 0) {
          note(
            cluster.path,
            `Values outside the enum were seen (${seen}) ${Array.isArray(node.enum) ? 'but not recorded' : 'where no enum is declared here'}: which values does the vendor send? Not changed.`,
            evidence,
          );
        }
        break;
      }
      case 'type-change': {
        const types = seenTypes(cluster.observations);
        const nonNull = types.filter((t) => t !== 'null');
        const documented = typeList(node);
        if (nonNull.length === 0) {
          note(
            cluster.path,
            types.includes('null')
              ? `Seen only as null where the spec says ${documented.join(' | ') || 'another type'} (${seen}): is it nullable, or absent? Not changed.`
              : `Values of another type than ${documented.join(' | ')} were seen (${seen}), but their type was not recorded: which type does the vendor send? Not changed.`,
            evidence,
          );
          break;
        }
        if (node.type === undefined && (node.oneOf || node.anyOf || node.allOf)) {
          note(cluster.path, `Values of type ${types.join(' | ')} were seen where this union allows none (${seen}): which shape does the vendor send? Not changed.`, evidence);
          break;
        }
        // The vendor's own examples are answers seen too: a documented type they show stays in the union.
        const exampled = exampleTypes(doc, cluster.observations).filter((t) => documented.includes(t) || (t === 'integer' && documented.includes('number')));
        const next = [...new Set([...nonNull, ...exampled, ...(types.includes('null') || documented.includes('null') ? ['null'] : [])])].sort(compareTypes);
        actions.push({
          target: where,
          description: `Type ${documented.join(' | ')} → ${next.join(' | ')}`,
          update: { type: next.length === 1 ? next[0] : next },
          'x-drift-evidence': [{ ...evidence, observed: types, ...(exampled.length ? { documented: exampled } : {}) }],
        });
        for (const keyword of incompatibleKeywords(node, next))
          actions.push({
            target: toJsonPath([...cluster.path, keyword]),
            description: `Drop ${keyword}, which no longer applies to ${next.join(' | ')}`,
            remove: true,
            'x-drift-evidence': [evidence],
          });
        if (nonNull.length === 1 && exampled.length === 0) {
          note(
            cluster.path,
            `The spec said ${documented.join(' | ')}; only ${next.join(' | ')} was seen (${seen}). If the vendor still sends ${documented.join(' | ')} too, make it the union.`,
            evidence,
          );
        }
        break;
      }
      case 'missing-required': {
        const field = cluster.field!;
        if (Array.isArray(node.required) && node.required.includes(field)) {
          actions.push({
            target: `${toJsonPath([...cluster.path, 'required'])}[?(@ == '${field.replaceAll("'", "\\'")}')]`,
            description: `${field} is not always present`,
            remove: true,
            'x-drift-evidence': [evidence],
          });
        } else {
          note(cluster.path, `${field} was reported missing (${seen}) but is not in this schema's required list: check the spec. Not changed.`, evidence);
        }
        break;
      }
      case 'format-miss': {
        const keyword = cluster.observations[0]!.rule.startsWith('pattern') ? 'pattern' : 'format';
        if (node[keyword] !== undefined) {
          actions.push({
            target: toJsonPath([...cluster.path, keyword]),
            description: `Drop ${keyword} ${JSON.stringify(node[keyword])}: answers miss it`,
            remove: true,
            'x-drift-evidence': [evidence],
          });
          note(cluster.path, `The spec had ${keyword} ${JSON.stringify(node[keyword])}; answers missed it (${seen}), so it is no longer promised.`, evidence);
        } else note(cluster.path, `Answers missed a ${keyword} here (${seen}): check the spec. Not changed.`, evidence);
        break;
      }
      case 'constraint':
        note(cluster.path, `Answers broke "${cluster.observations[0]!.rule}" here (${seen}): does the vendor still promise it? Not changed.`, evidence);
        break;
    }
  }

  for (const entry of [...notes.values()].sort((a, b) => toJsonPath(a.path).localeCompare(toJsonPath(b.path)))) {
    const node = getAt(doc, entry.path) as Json;
    const text = [node['x-assumption'], ...entry.notes.map((n) => `Drift (spec:drift): ${n}`)].filter((t): t is string => typeof t === 'string' && t !== '').join('\n');
    actions.push({ target: toJsonPath(entry.path), description: 'Record what the drift leaves open', update: { 'x-assumption': text }, 'x-drift-evidence': entry.evidence });
  }

  const last = observations
    .filter((o) => o.vendor === vendor)
    .map((o) => o.lastSeen)
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  return {
    vendor,
    overlay: {
      overlay: '1.0.0',
      info: { title: `Proposed ${vendor} spec change from observed drift`, version: last ? last.slice(0, 10) : 'report' },
      extends: specPath,
      actions,
    },
    unplaced: unplaced.sort(),
  };
}

function evidenceOf(cluster: Cluster): Evidence {
  const os = cluster.observations;
  const first = os
    .map((o) => o.firstSeen)
    .filter((t): t is string => !!t)
    .sort()[0];
  const last = os
    .map((o) => o.lastSeen)
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  return {
    kind: cluster.kind,
    operations: [...new Set(os.map((o) => `${o.operationId} ${o.status}`))].sort(),
    pointers: [...new Set(os.map((o) => o.pointer))].sort(),
    count: os.reduce((n, o) => n + o.count, 0),
    ...(first ? { firstSeen: first } : {}),
    ...(last ? { lastSeen: last } : {}),
    rule: [...new Set(os.map((o) => o.rule))].sort().join('; '),
    source: [...new Set(os.map((o) => o.source))].sort().join('; '),
    ...(cluster.shared ? { shared: true } : {}),
  };
}

function seenText(e: Evidence): string {
  const when = e.firstSeen && e.lastSeen ? ` between ${e.firstSeen} and ${e.lastSeen}` : '';
  return `seen ${e.count} time${e.count === 1 ? '' : 's'} in ${e.operations.join(', ')}${when}`;
}

const TYPE_ORDER: ValueType[] = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];
const compareTypes = (a: string, b: string) => TYPE_ORDER.indexOf(a as ValueType) - TYPE_ORDER.indexOf(b as ValueType);
const compareValues = (a: string | number, b: string | number) => (typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1);

function seenTypes(os: readonly Observation[]): ValueType[] {
  const types = new Set(os.flatMap((o) => (o.shape ? [o.shape.type] : [])));
  // An integer is a number: seeing both is seeing numbers.
  if (types.has('integer') && types.has('number')) types.delete('integer');
  return [...types].sort(compareTypes);
}

function typeList(node: Json): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

/** Keywords that only mean something for types the new type list no longer has. */
function incompatibleKeywords(node: Json, types: readonly string[]): string[] {
  const has = (t: string) => types.includes(t) || (t === 'number' && types.includes('integer'));
  const out: string[] = [];
  if (!has('string')) out.push(...['format', 'pattern', 'minLength', 'maxLength'].filter((k) => node[k] !== undefined));
  if (!has('number')) out.push(...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].filter((k) => node[k] !== undefined));
  if (node.enum !== undefined) out.push('enum');
  return out.sort();
}

/** The schema of a new field: only the types seen, and a question where nothing was. */
function fieldSchema(os: readonly Observation[], assumption: string): Json {
  const shapes = os.flatMap((o) => (o.shape ? [o.shape] : []));
  const types = seenTypes(os);
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length === 0) {
    const why = shapes.length === 0 ? 'its type was not recorded (a drift report names only the field)' : 'it was seen only as null';
    return { 'x-assumption': `${assumption} Its type is open: ${why}; ask the vendor.` };
  }
  const schema: Json = { type: types.length === 1 ? types[0] : types };
  const objects = shapes.filter((s): s is ValueShape & { keys: string[] } => s.type === 'object' && Array.isArray(s.keys));
  const keys = [...new Set(objects.flatMap((s) => s.keys).filter((k) => k !== '{key}' && !k.includes('[redacted]')))].sort();
  if (keys.length > 0) schema.properties = Object.fromEntries(keys.map((k) => [k, {}]));
  const items = [...new Set(shapes.flatMap((s) => s.items ?? []))].sort(compareTypes);
  if (nonNull.includes('array') && items.length > 0) schema.items = { type: items.length === 1 ? items[0] : items };
  const open = keys.length > 0 ? ' The types of its keys were not recorded.' : '';
  return { ...schema, 'x-assumption': `${assumption}${open}` };
}

/** The types of the values the spec's response examples hold at the observations' pointers. */
function exampleTypes(doc: Json, os: readonly Observation[]): ValueType[] {
  const types = new Set<ValueType>();
  for (const o of os) {
    for (const example of responseExamples(doc, o.operationId, o.status)) {
      for (const value of valuesAt(
        example,
        o.pointer
          .split('/')
          .slice(1)
          .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')),
      )) {
        const t = typeOf(value);
        if (t) types.add(t);
      }
    }
  }
  return [...types].sort(compareTypes);
}

function responseExamples(doc: Json, operationId: string, status: number): unknown[] {
  for (const item of Object.values<Json>(doc.paths ?? {})) {
    for (const op of Object.values<Json>(item ?? {})) {
      if (op?.operationId !== operationId) continue;
      const response = op.responses?.[String(status)];
      const media = response?.content?.['application/json'];
      if (!media) return [];
      const named = Object.values<Json>(media.examples ?? {})
        .filter((e) => e && 'value' in e)
        .map((e) => e.value);
      return media.example !== undefined ? [media.example, ...named] : named;
    }
  }
  return [];
}

/** Every value at a pointer path, `*` (or an index) stepping into each array item. */
function valuesAt(value: unknown, segments: readonly string[]): unknown[] {
  if (segments.length === 0) return [value];
  const [head, ...rest] = segments;
  if (Array.isArray(value)) return (head === '*' ? value : /^\d+$/.test(head!) ? [value[Number(head)]] : []).flatMap((v) => valuesAt(v, rest));
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, head!)) return valuesAt((value as Json)[head!], rest);
  return [];
}

function typeOf(value: unknown): ValueType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') return typeof value as ValueType;
  return undefined;
}

/** An identifier for an enum value: its words in PascalCase (`on hold` → `OnHold`), `Value<n>` for numbers. */
function varName(value: string | number): string {
  if (typeof value === 'number') return `Value${String(value).replace('-', 'Minus').replace('.', '_')}`;
  const words = value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
  return /^[A-Za-z]/.test(words) ? words : `Value${words}`;
}
