/**
 * Contract coverage: which documented behaviours of each vendor a test run exercised. The
 * universe is every operation's documented responses, each documented example counted once (a
 * response documented without examples counts as one item); an item is covered when the mock
 * served it. The percentage the gate compares is items covered / items documented.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Contract, ContractOperation } from './contract.js';

export interface CoverageItem {
  status: string;
  /** The example's name; absent for a response documented without examples. */
  example?: string;
  hits: number;
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  calls: number;
  items: CoverageItem[];
}

export interface VendorCoverage {
  vendor: string;
  operations: OperationCoverage[];
  /** Requests that matched no documented operation (method + path), by `METHOD path`. */
  unmatched: Record<string, number>;
  covered: number;
  total: number;
}

/** The JSON written by the coverage report (stable shape). */
export interface CoverageReport {
  vendors: VendorCoverage[];
  covered: number;
  total: number;
  /** covered / total × 100, one decimal; 100 when nothing is documented. */
  percent: number;
  operations: { called: number; total: number };
}

/** Counts one vendor's traffic against its contract. */
export class CoverageRecorder {
  private readonly ops = new Map<ContractOperation, OperationCoverage>();
  private readonly unmatched: Record<string, number> = {};

  constructor(readonly contract: Contract) {
    for (const op of contract.operations) {
      const items = Object.entries(op.responses).flatMap(([status, examples]): CoverageItem[] => {
        const names = Object.keys(examples);
        return names.length ? names.map((example) => ({ status, example, hits: 0 })) : [{ status, hits: 0 }];
      });
      this.ops.set(op, { operationId: op.operationId, method: op.method, path: op.path, calls: 0, items });
    }
  }

  /**
   * One exchange: the operation it was for, the answered status and, if the body is one of that
   * status's documented examples, that example (so a default answer counts as the example it was).
   */
  record(method: string, pathname: string, status: number, body: unknown): void {
    const op = this.contract.match(method, pathname);
    if (!op) {
      const key = `${method.toUpperCase()} ${pathname}`;
      this.unmatched[key] = (this.unmatched[key] ?? 0) + 1;
      return;
    }
    const entry = this.ops.get(op)!;
    entry.calls++;
    const statusKey = documentedStatus(op, status);
    if (statusKey === undefined) return;
    const candidates = entry.items.filter((i) => i.status === statusKey);
    const example = candidates.find((i) => i.example !== undefined && isDeepStrictEqual(op.responses[statusKey]![i.example], body));
    const item = example ?? candidates.find((i) => i.example === undefined);
    if (item) item.hits++;
  }

  report(): VendorCoverage {
    const operations = [...this.ops.values()].map((o) => ({ ...o, items: o.items.map((i) => ({ ...i })) }));
    const items = operations.flatMap((o) => o.items);
    return { vendor: this.contract.vendor, operations, unmatched: { ...this.unmatched }, covered: items.filter((i) => i.hits > 0).length, total: items.length };
  }
}

/** `404` → `'404'`, else `'4XX'`, else `'default'`, as the spec documents it. */
function documentedStatus(op: ContractOperation, status: number): string | undefined {
  const exact = String(status);
  if (op.responses[exact]) return exact;
  const range = `${exact[0]}XX`;
  if (op.responses[range]) return range;
  return op.responses.default ? 'default' : undefined;
}

export function combineCoverage(vendors: VendorCoverage[]): CoverageReport {
  const covered = vendors.reduce((n, v) => n + v.covered, 0);
  const total = vendors.reduce((n, v) => n + v.total, 0);
  const ops = vendors.flatMap((v) => v.operations);
  return {
    vendors,
    covered,
    total,
    percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10,
    operations: { called: ops.filter((o) => o.calls > 0).length, total: ops.length },
  };
}

/** A readable table: one row per documented response/example, `✓` covered or `✗` missed, per vendor. */
export function formatCoverage(report: CoverageReport): string {
  const lines: string[] = [];
  for (const v of report.vendors) {
    lines.push(`${v.vendor}: ${v.covered}/${v.total} documented responses covered`);
    const rows = v.operations.flatMap((o) => o.items.map((i) => [i.hits > 0 ? '✓' : '✗', o.operationId, i.status, i.example ?? '(no example)', String(i.hits)]));
    const widths = [1, ...[1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['operation', 'status', 'example'][c - 1]!.length))];
    const row = (r: string[]) => `  ${r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  ')}`;
    lines.push(row([' ', 'operation', 'status', 'example', 'hits']));
    for (const r of rows) lines.push(row(r));
    for (const [request, n] of Object.entries(v.unmatched)) lines.push(`  ! ${request} matched no documented operation (${n}×)`);
  }
  lines.push(`contract coverage: ${report.covered}/${report.total} (${report.percent}%), operations called ${report.operations.called}/${report.operations.total}`);
  return `${lines.join('\n')}\n`;
}

/** Thrown by the coverage gate: says how far below the threshold and what was never exercised. */
export class CoverageError extends Error {
  override name = 'CoverageError';
  constructor(
    readonly report: CoverageReport,
    readonly minimum: number,
  ) {
    const missed = report.vendors.flatMap((v) =>
      v.operations.flatMap((o) => o.items.filter((i) => i.hits === 0).map((i) => `${v.vendor} ${o.operationId} ${i.status}${i.example ? ` ${i.example}` : ''}`)),
    );
    super(
      `contract coverage ${report.percent}% is below the minimum ${minimum}%; never exercised:\n  ${missed.slice(0, 50).join('\n  ')}${missed.length > 50 ? `\n  … and ${missed.length - 50} more` : ''}`,
    );
  }
}

/** The gate: throws a CoverageError when the report is below `minimum` percent (0–100). */
export function assertCoverage(report: CoverageReport, minimum: number): void {
  if (!(minimum >= 0 && minimum <= 100)) throw new RangeError(`minimum coverage must be a percentage between 0 and 100, got ${minimum}`);
  if (report.percent < minimum) throw new CoverageError(report, minimum);
}
