/**
 * One drift event: where a vendor's answer differs from its spec, in words a spec edit can be
 * made from — operation, status, JSON pointer, kind, the rule the spec states and the shape that
 * came instead. Never a value (an enum value is the one exception, and only a short literal).
 */
import type { ValueShape } from './shape.js';

/** The version of the NDJSON record (`v`), bumped on an incompatible change of this shape. */
export const DRIFT_EVENT_VERSION = 1;

export type DriftKind =
  /** A field the spec does not declare (the answer was accepted). */
  | 'unknown-field'
  /** A field the spec requires was absent. */
  | 'missing-required'
  /** A value of another type than the spec's. */
  | 'type-change'
  /** A value outside the spec's enum. */
  | 'enum-value'
  /** A string that misses the spec's `format` or `pattern`. */
  | 'format-miss'
  /** Any other rule the answer broke (a length, a range, …). */
  | 'constraint';

export interface DriftEvent {
  /** Record version: DRIFT_EVENT_VERSION. */
  v: number;
  vendor: string;
  operationId: string;
  method: string;
  /** The path template (`/job/{connect_id}`), never the filled path. */
  path: string;
  status: number;
  /**
   * JSON pointer into the response body; every all-digit segment (an array index) is written `*`,
   * so the items of one array make one event. A key the client's scrubber redacted reads `[redacted]`.
   */
  pointer: string;
  kind: DriftKind;
  /** What the spec states there: `type: integer`, `enum: 0 | 1`, `format: email`, `required`, `declared properties`. */
  rule: string;
  /** What came instead (absent for a missing field). */
  shape?: ValueShape;
  /**
   * For `enum-value` only: the value, when it is a number or a short literal (letters, digits,
   * `_ . - ` and space, at most 48 characters) the scrubber left untouched; otherwise absent
   * and `valueWithheld` is true.
   */
  value?: string | number;
  valueWithheld?: boolean;
  /** Occurrences between firstSeen and lastSeen that this record accounts for (sum the records of one key). */
  count: number;
  /** ISO 8601. */
  firstSeen: string;
  lastSeen: string;
}

/** Identity of an event for deduplication: everything but the counts and times. */
export function driftKey(event: Omit<DriftEvent, 'count' | 'firstSeen' | 'lastSeen' | 'v'>): string {
  return JSON.stringify([event.vendor, event.operationId, event.status, event.pointer, event.kind, event.rule, event.shape ?? null, event.value ?? null]);
}
