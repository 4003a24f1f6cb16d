/**
 * `x-envelope`: vendors that wrap every answer (`{ data, error }`) declare where the payload sits,
 * and the client resolves to the payload. Errors are decided before this runs (by status and
 * `x-vendor-error`), and the whole envelope is what response validation and `onUnknownFields`
 * see, so their JSON pointers start at the envelope (`/data/…`).
 */
import type { EnvelopeRule } from '../definition.js';

/**
 * The payload of a successful envelope: the value at `rule.payload` (a JSON pointer), or
 * `undefined` when the body has nothing there (a body that is not an object, with response
 * validation off). Without a rule the body is the payload.
 */
export function unwrapEnvelope(rule: EnvelopeRule | undefined, body: unknown): unknown {
  if (!rule) return body;
  let current: unknown = body;
  for (const token of rule.payload.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    // Own members only: a pointer must never reach `__proto__` or `constructor`.
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The type at a JSON pointer: `AtPointer<{ data: X }, '/data'>` is `X`. `never` when the body
 * type has no such member, so a wrong declaration fails to type-check where it is used.
 */
export type AtPointer<Body, Pointer extends string> = Pointer extends ''
  ? Body
  : Pointer extends `/${infer Head}/${infer Rest}`
    ? Body extends Record<Head, infer Next>
      ? AtPointer<Next, `/${Rest}`>
      : never
    : Pointer extends `/${infer Last}`
      ? Body extends Record<Last, infer Value>
        ? Value
        : never
      : never;
