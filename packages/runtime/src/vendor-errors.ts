/**
 * Reading the vendor's own error words out of a body, as the spec declares them:
 * `x-vendor-error` (a 2xx body that is really an error) and `x-error-fields` (where an error body
 * carries the vendor's code and message). Pointers are JSON pointers into the parsed body.
 */
import type { ErrorFieldsRule, VendorErrorRule } from './definition.js';
import { excerpt } from './errors.js';
import { valueAtPointer as valueAt } from './pointer.js';

/** Exact status, then its class (`4XX`), then `default`. */
export function pickByStatus<T>(table: Readonly<Record<string, T>>, status: number): T | undefined {
  return table[String(status)] ?? table[`${String(status)[0]}XX`] ?? table.default;
}

/** Whether `body` is the error `rule` (an `x-vendor-error`) describes. */
export function matchesVendorError(rule: VendorErrorRule, body: unknown): boolean {
  const v = valueAt(body, rule.when.pointer);
  if (rule.when.pattern !== undefined) return typeof v === 'string' && new RegExp(rule.when.pattern, 'u').test(v);
  if (rule.when.present) return v !== undefined && v !== null && v !== false && v !== '';
  return false;
}

/** The code a vendor-error body carries: the rule's own pointer first, then `x-error-fields`. */
export function vendorErrorCode(rule: VendorErrorRule, fields: ErrorFieldsRule | undefined, body: unknown): string | undefined {
  return stringAt(body, rule.code) ?? firstStringAt(body, fields?.code);
}

/** `acme.createItem returned an error in a 200 answer: ERR_X: the vendor's words`. */
export function vendorErrorMessage(
  rule: VendorErrorRule,
  fields: ErrorFieldsRule | undefined,
  body: unknown,
  context: { vendor: string; operationId: string },
  status: number,
  code: string | undefined,
): string {
  const raw = valueAt(body, rule.message ?? rule.when.pointer);
  const text = firstStringAt(body, fields?.message) ?? (typeof raw === 'string' ? raw : raw && typeof raw === 'object' ? stringAt(raw, '/message') : undefined);
  return `${context.vendor}.${context.operationId} returned an error in a ${status} answer${excerpt(code, text)}`;
}

/** The first pointer that holds a string (or number) in `body`. */
export function firstStringAt(body: unknown, pointers: readonly string[] | undefined): string | undefined {
  for (const pointer of pointers ?? []) {
    const value = stringAt(body, pointer);
    if (value !== undefined) return value;
  }
  return undefined;
}

function stringAt(body: unknown, pointer: string | undefined): string | undefined {
  const v = valueAt(body, pointer);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
