/**
 * Applies an OpenAPI Overlay 1.0 document to a spec's YAML text, editing the text in place so the
 * comments, key order, quoting and folding of a hand-curated spec survive and the diff shows only
 * the change (re-serialising the document with the `yaml` library rewrites hundreds of lines of
 * every spec here). Targets are evaluated with jsonpath-plus (the JSONPath engine Spectral uses);
 * each edit is a splice at the source range the `yaml` parser gives the selected node, and the text
 * is parsed again before the next action.
 *
 * Semantics (Overlay 1.0.0, Action Object): `remove: true` removes every node the target selects;
 * otherwise `update` is merged into each selected object (objects recursively, anything else
 * replaced) or appended to each selected array. A target that selects nothing is reported.
 */
import { JSONPath } from 'jsonpath-plus';
import { Document, isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

type Json = Record<string, any>;
type Key = string | number;

export interface OverlayDocument {
  overlay: string;
  actions: ReadonlyArray<{ target: string; update?: unknown; remove?: boolean; description?: string }>;
}

export interface Applied {
  text: string;
  /** Actions whose target selected nothing, as `action <n>: <target>`. */
  unmatched: string[];
}

export function applyOverlay(specText: string, overlay: OverlayDocument): Applied {
  if (!/^1\.\d+\.\d+$/.test(String(overlay.overlay))) throw new Error(`not an Overlay 1.x document (overlay: ${String(overlay.overlay)})`);
  let text = specText;
  const unmatched: string[] = [];
  overlay.actions.forEach((action, index) => {
    const doc = parseDocument(text, { keepSourceTokens: false });
    if (doc.errors.length) throw new Error(`the spec does not parse as YAML: ${doc.errors[0]!.message}`);
    const paths = pathsOf(doc.toJS(), action.target);
    if (paths.length === 0) {
      unmatched.push(`action ${index + 1}: ${action.target}`);
      return;
    }
    if (action.remove === true) {
      // Last first: removing an earlier node would shift the ranges of later ones.
      const spans = paths.map((p) => removalSpan(text, doc, p)).sort((a, b) => b[0] - a[0]);
      for (const [start, end, insert] of spans) text = text.slice(0, start) + insert + text.slice(end);
      return;
    }
    if (action.update === undefined) return;
    // One path at a time, re-parsing between: each splice moves what follows it.
    for (let i = 0; i < paths.length; i++) {
      const fresh = i === 0 ? doc : parseDocument(text);
      const again = i === 0 ? paths : pathsOf(fresh.toJS(), action.target);
      const path = again[i];
      if (path) text = mergeInto(text, fresh, path, action.update);
    }
  });
  return { text, unmatched };
}

function pathsOf(json: unknown, target: string): Key[][] {
  const pointers = JSONPath({ path: target, json: json as Json, resultType: 'pointer', wrap: true }) as string[];
  return pointers.map((p) => {
    let cur: unknown = json;
    return (p === '' ? [] : p.split('/').slice(1)).map((raw) => {
      const s = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      // Array positions come back as digit strings; the YAML sequence wants numbers.
      const key: Key = Array.isArray(cur) && /^\d+$/.test(s) ? Number(s) : s;
      cur = (cur as Json)?.[key];
      return key;
    });
  });
}

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function nodeAt(doc: Document, path: Key[]): Node | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isNode(node) ? node : undefined;
}

function pairAt(doc: Document, path: Key[]): Pair | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}
/** End of the node's own text, before trailing newlines. */
function endOf(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && (text[end - 1] === '\n' || text[end - 1] === ' ')) end--;
  return end;
}

/** A value as YAML lines for `key: value` at `indent` (short scalar arrays in flow style, as the specs write them). */
function render(key: string | undefined, value: unknown, indent: number, inFlow = false): string {
  const doc = new Document(key === undefined ? value : { [key]: value });
  // Inside `[a, b]` only a one-line flow value is valid YAML.
  if (inFlow) return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  // The specs' own style: short scalar lists in flow style, long prose folded (`>-`).
  const style = (n: unknown): void => {
    if (isScalar(n) && typeof n.value === 'string' && n.value.length > 60) n.type = 'BLOCK_FOLDED';
    if (isSeq(n) && n.items.every(isScalar)) n.flow = true;
    if (isMap(n) || isSeq(n)) for (const item of n.items) style(isPair(item) ? item.value : item);
  };
  style(doc.contents);
  const out = doc.toString({ lineWidth: 100, indentSeq: true, flowCollectionPadding: false }).replace(/\n$/, '');
  return out
    .split('\n')
    .map((line, i) => (i === 0 ? line : `${' '.repeat(indent)}${line}`))
    .join('\n');
}

function mergeInto(text: string, doc: Document, path: Key[], update: unknown): string {
  const node = nodeAt(doc, path);
  if (isSeq(node)) return append(text, node, update);
  if (isMap(node) && isPlainObject(update)) {
    // Each key in turn, re-parsing between: every splice moves the ranges after it.
    for (const [key, value] of Object.entries(update)) {
      const current = parseDocument(text);
      const map = nodeAt(current, path) as YAMLMap;
      const child = map.get(key, true);
      if (isMap(child) && isPlainObject(value)) text = mergeInto(text, current, [...path, key], value);
      else text = setKey(text, map, key, value);
    }
    return text;
  }
  const pair = pairAt(doc, path);
  if (!pair || !isNode(pair.key) || !isNode(pair.value)) throw new Error(`cannot update ${path.join('.')}`);
  return replacePair(text, pair, String(path[path.length - 1]), update);
}

function indentOf(text: string, node: Node): number {
  return node.range![0] - lineStart(text, node.range![0]);
}

function replacePair(text: string, pair: Pair, key: string, value: unknown): string {
  const keyNode = pair.key as Node;
  const start = keyNode.range![0];
  const end = endOf(text, pair.value as Node);
  return text.slice(0, start) + render(key, value, indentOf(text, keyNode)) + text.slice(end);
}

function setKey(text: string, map: YAMLMap, key: string, value: unknown): string {
  const existing = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (existing && isNode(existing.value)) return replacePair(text, existing, key, value);
  if (map.flow || map.items.length === 0) {
    // `{}` or `{ a: 1 }`: rewrite the small flow map as a whole.
    const merged = { ...(map.toJSON() as Json), [key]: value };
    return text.slice(0, map.range![0]) + render(undefined, merged, indentOf(text, map)).trimStart() + text.slice(endOf(text, map));
  }
  const last = map.items[map.items.length - 1]!;
  const indent = indentOf(text, last.key as Node);
  const at = lineEnd(text, endOf(text, (isNode(last.value) ? last.value : last.key) as Node));
  return `${text.slice(0, at)}\n${' '.repeat(indent)}${render(key, value, indent)}${text.slice(at)}`;
}

function append(text: string, seq: YAMLSeq, value: unknown): string {
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range![1]);
    const item = render(undefined, value, 0, true);
    return `${text.slice(0, close)}${seq.items.length ? ', ' : ''}${item}${text.slice(close)}`;
  }
  const last = seq.items[seq.items.length - 1] as Node;
  const dash = text.lastIndexOf('-', last.range![0]);
  const indent = dash - lineStart(text, dash);
  const at = lineEnd(text, endOf(text, last));
  return `${text.slice(0, at)}\n${' '.repeat(indent)}- ${render(undefined, value, indent + 2)}${text.slice(at)}`;
}

/** [start, end, replacement] that removes the node at `path` (a map entry or a sequence item). */
function removalSpan(text: string, doc: Document, path: Key[]): [number, number, string] {
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node;
    if (parent.flow) {
      const start = item.range![0];
      const end = endOf(text, item);
      const after = /^\s*,\s*/.exec(text.slice(end));
      if (after) return [start, end + after[0].length, ''];
      const before = /,\s*$/.exec(text.slice(parent.range![0], start));
      return [before ? start - before[0].length : start, end, ''];
    }
    return [lineStart(text, item.range![0]), lineEnd(text, endOf(text, item)) + 1, ''];
  }
  const pair = pairAt(doc, path);
  if (!pair) throw new Error(`cannot remove ${path.join('.')}`);
  const keyNode = pair.key as Node;
  if (isMap(parent) && parent.flow) throw new Error(`cannot remove ${path.join('.')} from a flow map`);
  const end = lineEnd(text, endOf(text, (isNode(pair.value) ? pair.value : keyNode) as Node));
  return [lineStart(text, keyNode.range![0]), Math.min(text.length, end + 1), ''];
}
