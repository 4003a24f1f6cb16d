/**
 * The helpers every vendor's compiled checks (generated/checks.ts, tools/codegen/src/emit/checks.ts)
 * call: here once, rather than repeated in each vendor's generated file and bundle. Exported for
 * generated code; not meant to be called by hand.
 */
import type { Check, CheckIssue } from './definition.js';

/**
 * A broken rule at `path`. Answering only yes or no (`out === null`): true, stop here. Collecting:
 * records the issue and returns false, so the check goes on to the next field. A check's verdict
 * is whether it recorded anything, so every failure goes through here or records an issue itself.
 */
export function checkFailed(out: CheckIssue[] | null, path: CheckIssue['path'], rule: string): boolean {
  if (out === null) return true;
  out.push({ path, rule });
  return false;
}

/** The union branch that got furthest: fewest enum misses, then fewest unknown keys, then fewest issues. */
export function closestBranch(tries: readonly CheckIssue[][]): CheckIssue[] {
  const score = (t: readonly CheckIssue[]) =>
    [t.filter((i) => i.rule.startsWith('enum')).length, t.filter((i) => i.rule === 'additionalProperties: false').length, t.length] as const;
  return tries.reduce((a, b) => {
    const x = score(a);
    const y = score(b);
    return y[0] < x[0] || (y[0] === x[0] && (y[1] < x[1] || (y[1] === x[1] && y[2] < x[2]))) ? b : a;
  });
}

/** The issues `check` finds in `value` at `path`, in a list of their own (a union branch tried). */
export function branchIssues(check: Check, value: unknown, path: CheckIssue['path']): CheckIssue[] {
  const found: CheckIssue[] = [];
  check(value, path, found);
  return found;
}

/** zod's isPlainObject: what z.record accepts. */
export function isPlainObject(o: unknown): boolean {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  const ctor = (o as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot: unknown = ctor.prototype;
  if (typeof prot !== 'object' || prot === null || Array.isArray(prot)) return false;
  return Object.hasOwn(prot, 'isPrototypeOf');
}

/** zod's floatSafeRemainder reading of multipleOf. */
export function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
}

/** A body the spec does not require: absent is fine. */
export function optionalCheck(check: Check): Check {
  return (v, p, o) => v === undefined || check(v, p, o);
}
