/**
 * Two corrections to api-smart-diff's structural diff, installed as compare rules (its own extension
 * point), so every diff the classifier reads already pairs the right things.
 *
 * 1. oneOf/anyOf branches and allOf parts. api-smart-diff pairs them by trying every before×after
 *    combination and keeping the pairs with the fewest diffs. That breaks twice: a loosening inside a
 *    branch (a shared `$ref` losing three constraints on seven fields) makes the right pair look
 *    farther than a wrong one, and its trial comparisons record each `$ref` as visited, so later trials
 *    skip the referenced schema as a "cycle" — the wrong pairs then look nearly identical. The result
 *    was `Takeover` compared with `NoTakeover`: a false "removed field takeoverCircuit" (major).
 *    Here branches are paired by a stable identity first (discriminator value, `$ref` name, `title`,
 *    the values its `const` properties fix), then by shape (type, property names, required names,
 *    fixed values, formats) and position; each chosen pair is compared exactly once.
 * 2. A whole `enum` appearing or disappearing. api-smart-diff reports it value by value
 *    (`enum/0` removed), which reads as "removed enum value" (a narrowing) although dropping the
 *    keyword accepts every value of the type. Here it is one diff on `enum` itself, which the
 *    classifier reads as the widening (or, added, the narrowing) it is.
 */
import {
  combinaryCompareResolver,
  compare,
  convertDiffToMeta,
  createChildContext,
  createMergeMeta,
  diffFactory,
  openapi3Rules,
  transformComapreRules,
  type CompareResolver,
  type CompareRules,
  type Diff,
} from 'api-smart-diff';

type Json = Record<string, any>;

/** Follows local `#/…` $refs (bounded: a cycle stops after 20 hops). */
function resolve(root: unknown, node: unknown): Json | undefined {
  let v = node as Json | undefined;
  for (let hops = 0; v && typeof v === 'object' && typeof v.$ref === 'string' && hops < 20; hops++) {
    const ref = v.$ref as string;
    if (!ref.startsWith('#/')) return v;
    v = ref
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], root);
  }
  return v && typeof v === 'object' ? v : undefined;
}

const refName = (node: unknown): string | undefined => {
  const ref = (node as Json | undefined)?.$ref;
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
};

/** A branch's own schema with its allOf parts (and their $refs) folded in, for reading only. */
function flatten(root: unknown, node: unknown, depth = 0): Json {
  const s = resolve(root, node) ?? {};
  if (depth > 8 || !Array.isArray(s.allOf)) return s;
  const out: Json = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  for (const part of s.allOf) {
    const p = flatten(root, part, depth + 1);
    out.title ??= p.title;
    out.type ??= p.type;
    Object.assign(out.properties, p.properties ?? {});
    out.required.push(...(p.required ?? []));
  }
  return out;
}

/** `name=value` for every property the branch fixes with `const` (or a one-value `enum`). */
function fixedValues(root: unknown, branch: Json): string[] {
  const out: string[] = [];
  for (const [name, raw] of Object.entries<any>(branch.properties ?? {})) {
    const p = flatten(root, raw);
    if (p.const !== undefined) out.push(`${name}=${JSON.stringify(p.const)}`);
    else if (Array.isArray(p.enum) && p.enum.length === 1) out.push(`${name}=${JSON.stringify(p.enum[0])}`);
  }
  return out.sort();
}

interface Branch {
  /** Identity keys, strongest first; a key pairs two branches only when it is unique on both sides. */
  ids: (string | undefined)[];
  features: Set<string>;
}

function describe(root: unknown, node: unknown, parent: Json | undefined): Branch {
  const flat = flatten(root, node);
  const fixed = fixedValues(root, flat);
  const disc = parent?.discriminator as Json | undefined;
  let discValue: string | undefined;
  if (disc && typeof disc.propertyName === 'string') {
    const mapped = Object.entries<any>(disc.mapping ?? {}).find(([, ref]) => ref === (node as Json)?.$ref)?.[0];
    discValue = mapped ?? fixed.find((f) => f.startsWith(`${disc.propertyName}=`));
  }
  const features = new Set<string>();
  for (const t of ([] as unknown[]).concat(flat.type ?? [])) features.add(`type:${String(t)}`);
  if (flat.format) features.add(`format:${String(flat.format)}`);
  if (flat.const !== undefined) features.add(`const:${JSON.stringify(flat.const)}`);
  for (const name of Object.keys(flat.properties ?? {})) features.add(`prop:${name}`);
  for (const name of flat.required ?? []) features.add(`req:${String(name)}`);
  for (const f of fixed) features.add(`fixed:${f}`);
  const ref = refName(node);
  if (ref) features.add(`ref:${ref}`);
  return {
    ids: [
      discValue && `disc:${discValue}`,
      ref && `ref:${ref}`,
      typeof flat.title === 'string' ? `title:${flat.title}` : undefined,
      fixed.length ? `fixed:${fixed.join('&')}` : undefined,
    ],
    features,
  };
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const f of a) if (b.has(f)) common++;
  return common / (a.size + b.size - common);
}

/**
 * before index → after index. Identity keys first (each kind in turn, unique on both sides), then
 * the most similar shape, ties to the nearest position. Exported for the tests.
 */
export function pairBranches(before: readonly Branch[], after: readonly Branch[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const takenAfter = new Set<number>();
  const kinds = Math.max(0, ...before.map((b) => b.ids.length), ...after.map((a) => a.ids.length));
  for (let k = 0; k < kinds; k++) {
    const unique = (list: readonly Branch[], skip: (i: number) => boolean) => {
      const seen = new Map<string, number>();
      const dup = new Set<string>();
      list.forEach((b, i) => {
        const id = b.ids[k];
        if (!id || skip(i)) return;
        if (seen.has(id)) dup.add(id);
        else seen.set(id, i);
      });
      for (const id of dup) seen.delete(id);
      return seen;
    };
    const b = unique(before, (i) => pairs.has(i));
    const a = unique(after, (j) => takenAfter.has(j));
    for (const [id, i] of b) {
      const j = a.get(id);
      if (j !== undefined) {
        pairs.set(i, j);
        takenAfter.add(j);
      }
    }
  }
  const candidates: { i: number; j: number; score: number }[] = [];
  before.forEach((b, i) => {
    if (pairs.has(i)) return;
    after.forEach((a, j) => {
      if (!takenAfter.has(j)) candidates.push({ i, j, score: similarity(b.features, a.features) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i);
  for (const c of candidates) {
    // No shared feature at all: a removed branch and an added one, not one branch changed.
    if (c.score === 0 || pairs.has(c.i) || takenAfter.has(c.j)) continue;
    pairs.set(c.i, c.j);
    takenAfter.add(c.j);
  }
  return pairs;
}

/** Drop-in for api-smart-diff's combinaryCompareResolver with the pairing above. */
export const variantCompareResolver: CompareResolver = (ctx) => {
  const { before, after, options } = ctx;
  if (!Array.isArray(before.value) || !Array.isArray(after.value)) {
    const diff = diffFactory.replaced(before.path, before.value, after.value, ctx);
    return { diffs: [diff], merged: after.value, rootMergeMeta: convertDiffToMeta(diff) };
  }
  const b = before.value.map((node) => describe(before.root, node, before.parent as Json));
  const a = after.value.map((node) => describe(after.root, node, after.parent as Json));
  const pairs = pairBranches(b, a);
  const merged: unknown[] = [];
  const diffs: Diff[] = [];
  for (const [i, j] of [...pairs].sort((x, y) => x[1] - y[1])) {
    const result = compare(
      before.value[i],
      after.value[j],
      { ...options, rules: createChildContext(ctx, i, j).rules },
      {
        before: { jsonPath: [...before.path, i], source: before.root },
        after: { jsonPath: [...after.path, j], source: after.root },
      },
    );
    merged[j] = result.merged;
    diffs.push(...result.diffs);
  }
  const arrayDiffs: Diff[] = [];
  before.value.forEach((node, i) => {
    if (pairs.has(i)) return;
    const diff = diffFactory.removed([...before.path, i], node, createChildContext(ctx, i, ''));
    arrayDiffs.push(diff);
  });
  after.value.forEach((node, j) => {
    if ([...pairs.values()].includes(j)) return;
    merged[j] = node;
    arrayDiffs.push(diffFactory.added([...after.path, j], node, createChildContext(ctx, '', j)));
  });
  diffs.push(...arrayDiffs);
  const meta = createMergeMeta(arrayDiffs);
  return { diffs, merged, ...(Object.keys(meta).length ? { rootMergeMeta: { array: meta } } : {}) };
};

/** `enum` present on one side only (api-smart-diff pads the other with `[]`): one diff on the keyword. */
export const wholeEnumCompareResolver: CompareResolver = (ctx) => {
  const { before, after } = ctx;
  const empty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);
  if (empty(before.value) && Array.isArray(after.value) && after.value.length > 0) {
    const diff = diffFactory.added(after.path, after.value, ctx);
    return { diffs: [diff], merged: after.value, rootMergeMeta: convertDiffToMeta(diff) };
  }
  if (empty(after.value) && Array.isArray(before.value) && before.value.length > 0) {
    const diff = diffFactory.removed(before.path, before.value, ctx);
    return { diffs: [diff], merged: before.value, rootMergeMeta: convertDiffToMeta(diff) };
  }
  return undefined;
};

/** api-smart-diff's OpenAPI 3 rules with both corrections; build once per comparison (it caches $ref results). */
export function diffRules(): CompareRules {
  return transformComapreRules(openapi3Rules(), (node) => {
    let out = node;
    if (out.compare === combinaryCompareResolver) out = { ...out, compare: variantCompareResolver };
    const en = (out as Json)['/enum'];
    if (en && typeof en === 'object' && !Array.isArray(en)) out = { ...out, '/enum': { ...en, compare: wholeEnumCompareResolver } } as CompareRules;
    return out;
  });
}
