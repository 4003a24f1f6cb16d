/**
 * What the tool reads: drift events as NDJSON (`@vendor-contracts/runtime/drift`), or the drift
 * report JSON of the mock's live verification (`@vendor-contracts/mock` `verifyLive`). Both become
 * one list of observations; a report has no times and no shapes, so those stay unknown.
 */
import type { DriftEvent, DriftKind, ValueShape } from '@vendor-contracts/runtime/drift';

export interface Observation {
  vendor: string;
  operationId: string;
  status: number;
  /** JSON pointer into the response body (array items may be `*` or indexes). */
  pointer: string;
  kind: DriftKind;
  /** The spec's rule as the source wrote it. */
  rule: string;
  /** What came instead, when the source recorded it (a drift report never does). */
  shape?: ValueShape;
  /** An enum value seen (drift events record short literals only). */
  value?: string | number;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** `events` or `drift report of <upstream>`. */
  source: string;
}

/** A finding of the mock's DriftReport (`packages/mock/src/drift.ts`), as far as this tool reads it. */
interface ReportFinding {
  operationId: string | null;
  status: number;
  pointer: string;
  rule: string;
  message: string;
  count: number;
}

export interface Input {
  observations: Observation[];
  /** Lines or findings that could not be used, with the reason (printed, never silently dropped). */
  skipped: string[];
}

export function readInput(text: string): Input {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const whole = JSON.parse(trimmed) as { findings?: unknown; vendor?: unknown; upstream?: unknown };
      if (Array.isArray(whole.findings) && typeof whole.vendor === 'string')
        return fromReport(whole.vendor, String(whole.upstream ?? 'upstream'), whole.findings as ReportFinding[]);
    } catch {
      // not one JSON document: NDJSON
    }
  }
  return fromEvents(trimmed);
}

function fromEvents(text: string): Input {
  const observations: Observation[] = [];
  const skipped: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let e: DriftEvent;
    try {
      e = JSON.parse(line) as DriftEvent;
    } catch {
      skipped.push(`line ${i + 1}: not JSON`);
      return;
    }
    if (e.v !== 1 || typeof e.vendor !== 'string' || typeof e.operationId !== 'string' || typeof e.pointer !== 'string' || typeof e.kind !== 'string') {
      skipped.push(`line ${i + 1}: not a drift event (v1)`);
      return;
    }
    observations.push({
      vendor: e.vendor,
      operationId: e.operationId,
      status: e.status,
      pointer: e.pointer,
      kind: e.kind,
      rule: e.rule,
      ...(e.shape ? { shape: e.shape } : {}),
      ...(e.value !== undefined ? { value: e.value } : {}),
      count: Number.isFinite(e.count) && e.count > 0 ? e.count : 1,
      firstSeen: e.firstSeen,
      lastSeen: e.lastSeen,
      source: 'events',
    });
  });
  return { observations, skipped };
}

/** Prism's rule names (`sl-violations`) and the report's own `undocumented-field` → drift kinds. */
function kindOfReportRule(rule: string): DriftKind {
  switch (rule) {
    case 'undocumented-field':
      return 'unknown-field';
    case 'required':
      return 'missing-required';
    case 'type':
      return 'type-change';
    case 'enum':
      return 'enum-value';
    case 'format':
    case 'pattern':
      return 'format-miss';
    default:
      return 'constraint';
  }
}

function fromReport(vendor: string, upstream: string, findings: ReportFinding[]): Input {
  const observations: Observation[] = [];
  const skipped: string[] = [];
  for (const f of findings) {
    if (!f.operationId) {
      skipped.push(`${f.status} ${f.pointer}: the request matched no operation of the spec (${f.message})`);
      continue;
    }
    observations.push({
      vendor,
      operationId: f.operationId,
      status: f.status,
      pointer: f.pointer,
      kind: kindOfReportRule(f.rule),
      rule: f.rule,
      count: f.count,
      source: `drift report of ${upstream}`,
    });
  }
  return { observations, skipped };
}
