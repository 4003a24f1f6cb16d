/**
 * Drift events from a client's public hooks: `onUnknownFields` (new fields in an accepted answer)
 * and `onError` with a `ResponseContractError` (an answer that broke the spec, one event per
 * issue). Deduplicated per process — one record per key, counted — with a bound on the keys kept,
 * optionally sampled, and exported through `onDrift` and as NDJSON lines.
 *
 * What reaches an event was already scrubbed by the client (pointers and keys of credentials read
 * `[redacted]`), and values are never copied: only type names and key names, plus an enum value
 * when it is a short literal.
 */
import type { ClientHooks, ErrorEvent, UnknownFieldsEvent } from '../options.js';
import { ResponseContractError } from '../errors.js';
import { DRIFT_EVENT_VERSION, type DriftEvent, type DriftKind, driftKey } from './event.js';
import { shapeAt, type ValueShape, valueAtPointer } from './shape.js';

/** @default 1000 distinct events kept per recorder */
export const DEFAULT_MAX_DRIFT_KEYS = 1000;

export interface DriftRecorderOptions {
  /** Called once per distinct drift, at its first sighting (count 1). */
  onDrift?: (event: DriftEvent) => void;
  /**
   * Where NDJSON lines go (one JSON object and `\n` each): a function, or a WritableStream of
   * strings. A first sighting is written at once; `flush()` writes what was counted since.
   * @default none
   */
  ndjson?: ((line: string) => unknown) | WritableStream<string>;
  /**
   * Distinct drifts kept; past it new ones are only counted in `stats().dropped`.
   * @default 1000
   */
  maxKeys?: number;
  /**
   * The share of answers looked at, in [0, 1]: counts are then counts of the sample.
   * @default 1
   */
  sampleRate?: number;
  /** @default Math.random */
  random?: () => number;
  /** @default Date.now @unit milliseconds since the epoch */
  now?: () => number;
}

export interface DriftStats {
  /** Distinct drifts held. */
  distinct: number;
  /** Sightings of drifts not held because `maxKeys` was reached. */
  dropped: number;
  /** Answers left out by sampling. */
  sampledOut: number;
  /** NDJSON writes that threw or rejected. */
  writeErrors: number;
}

export interface DriftRecorder {
  /** The two hooks that feed the recorder, chained after `hooks` (yours run first). */
  hooks(hooks?: ClientHooks): ClientHooks;
  /** Every distinct drift so far with its total count, sorted (for a report or a test). */
  events(): DriftEvent[];
  /** Writes one NDJSON line per drift counted since its last line (the count of that window). */
  flush(): Promise<void>;
  stats(): DriftStats;
}

interface Held {
  event: DriftEvent;
  /** Sightings not yet written as NDJSON, and the window they span. */
  pending: number;
  pendingFirst: number;
  pendingLast: number;
}

/** Short literals only: anything else may be data (an id, a name, a token) and stays out. */
const LITERAL = /^[A-Za-z0-9][A-Za-z0-9_. -]{0,47}$/;
/** A key name that reads as a field name; anything else (an id, an e-mail) may be data. */
const FIELD_NAME = /^[A-Za-z_$@][A-Za-z0-9_$@.-]{0,63}$/;

export function createDriftRecorder(options: DriftRecorderOptions = {}): DriftRecorder {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_DRIFT_KEYS;
  const sampleRate = options.sampleRate ?? 1;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const held = new Map<string, Held>();
  const stats: DriftStats = { distinct: 0, dropped: 0, sampledOut: 0, writeErrors: 0 };
  const writer = options.ndjson && typeof options.ndjson !== 'function' ? options.ndjson.getWriter() : undefined;
  const writeLine = typeof options.ndjson === 'function' ? options.ndjson : undefined;

  async function write(event: DriftEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    try {
      if (writeLine) await writeLine(line);
      else if (writer) await writer.write(line);
    } catch {
      stats.writeErrors++;
    }
  }

  function sighting(fields: Omit<DriftEvent, 'v' | 'count' | 'firstSeen' | 'lastSeen'>, at: number): void {
    const key = driftKey(fields);
    const known = held.get(key);
    if (known) {
      known.event.count++;
      known.event.lastSeen = new Date(at).toISOString();
      if (known.pending === 0) known.pendingFirst = at;
      known.pending++;
      known.pendingLast = at;
      return;
    }
    if (held.size >= maxKeys) {
      stats.dropped++;
      return;
    }
    const iso = new Date(at).toISOString();
    const event: DriftEvent = { v: DRIFT_EVENT_VERSION, ...fields, count: 1, firstSeen: iso, lastSeen: iso };
    held.set(key, { event, pending: 0, pendingFirst: at, pendingLast: at });
    stats.distinct = held.size;
    options.onDrift?.({ ...event });
    void write({ ...event });
  }

  function sampled(): boolean {
    if (sampleRate >= 1 || random() < sampleRate) return true;
    stats.sampledOut++;
    return false;
  }

  function onUnknownFields(e: UnknownFieldsEvent): void {
    if (!sampled()) return;
    const at = now();
    e.pointers.forEach((pointer, i) => {
      const shape = e.shapes?.[i];
      sighting({ ...base(e, e.status), pointer: templatePointer(pointer), kind: 'unknown-field', rule: 'declared properties', ...(shape ? { shape: safeShape(shape) } : {}) }, at);
    });
  }

  function onError(e: ErrorEvent): void {
    const error = e.error;
    if (!(error instanceof ResponseContractError) || !sampled()) return;
    const at = now();
    for (const issue of error.issues) {
      const kind = kindOf(issue.rule);
      const value = valueAtPointer(error.body, issue.path);
      const fields = { ...base(e, error.status), pointer: templatePointer(issue.path), kind, rule: issue.rule };
      if (kind === 'missing-required') sighting(fields, at);
      else {
        const shape = shapeAt(error.body, issue.path);
        const literal = kind === 'enum-value' ? enumLiteral(value) : undefined;
        sighting(
          { ...fields, ...(shape ? { shape: safeShape(shape) } : {}), ...(kind === 'enum-value' ? (literal === undefined ? { valueWithheld: true } : { value: literal }) : {}) },
          at,
        );
      }
    }
  }

  return {
    hooks(hooks: ClientHooks = {}): ClientHooks {
      return {
        ...hooks,
        onUnknownFields(event) {
          hooks.onUnknownFields?.(event);
          onUnknownFields(event);
        },
        onError(event) {
          hooks.onError?.(event);
          onError(event);
        },
      };
    },
    events: () => [...held.values()].map((h) => ({ ...h.event })).sort((a, b) => driftKey(a).localeCompare(driftKey(b))),
    async flush() {
      const lines: DriftEvent[] = [];
      for (const h of held.values()) {
        if (h.pending === 0) continue;
        lines.push({ ...h.event, count: h.pending, firstSeen: new Date(h.pendingFirst).toISOString(), lastSeen: new Date(h.pendingLast).toISOString() });
        h.pending = 0;
      }
      for (const line of lines) await write(line);
    },
    stats: () => ({ ...stats }),
  };
}

function base(e: { vendor: string; operationId: string; method: string; path: string }, status: number) {
  return { vendor: e.vendor, operationId: e.operationId, method: e.method, path: e.path, status };
}

/** zod's rule words (validate.ts `ruleOf`) → the drift kind. */
export function kindOf(rule: string): DriftKind {
  if (rule === 'required') return 'missing-required';
  if (rule.startsWith('type:')) return 'type-change';
  if (rule.startsWith('enum:')) return 'enum-value';
  if (rule.startsWith('format:') || rule.startsWith('pattern:')) return 'format-miss';
  return 'constraint';
}

/** Array indexes become `*`; a segment that does not read as a field name becomes `{key}`. */
export function templatePointer(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => (/^\d+$/.test(segment) ? '*' : FIELD_NAME.test(segment.replaceAll('~1', '/').replaceAll('~0', '~')) || segment === '[redacted]' ? segment : '{key}'))
    .map((s) => `/${s}`)
    .join('');
}

function safeShape(shape: ValueShape): ValueShape {
  return shape.keys ? { ...shape, keys: shape.keys.map((k) => (FIELD_NAME.test(k) || k === '[redacted]' ? k : '{key}')) } : { ...shape };
}

function enumLiteral(value: unknown): string | number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && LITERAL.test(value)) return value;
  return undefined;
}
