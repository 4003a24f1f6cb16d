/**
 * Cells that cannot pass yet, each with its cause and the issue it waits for. The suite asserts
 * each one still fails, with an error matching `match`: an expected failure that starts passing
 * (or fails for another reason) fails the suite, so this table stays true. Nothing is skipped.
 */
export type Table = 'runtimes' | 'node builtins' | 'bundlers' | 'typescript' | 'package managers';

export interface ExpectedFailure {
  table: Table;
  /** The row (runtime, bundler × platform, …), exactly as in docs/runtimes.md. */
  row: string;
  /** One column, or every column of the row. */
  column: string | '*';
  /** Why, for docs/runtimes.md. */
  because: string;
  waitsFor: string;
  /** The error the cell must fail with. */
  match: RegExp;
}

// None left: the runtime's call path uses web-standard APIs only since issues 13–15 (no
// `AsyncLocalStorage`, no `Buffer`, no body re-sent as a stream), so workerd without
// `nodejs_compat`, Chromium and every browser bundle pass. A new entry needs its cause and issue.
export const EXPECTED_FAILURES: ExpectedFailure[] = [];

export function expectedFailure(table: Table, row: string, column: string): ExpectedFailure | undefined {
  return EXPECTED_FAILURES.find((e) => e.table === table && e.row === row && (e.column === '*' || e.column === column));
}

/**
 * The `node:` imports the client and pingback entries may still have, each waiting for an issue:
 * the suite fails on any other (a new one is a regression for browsers and Workers) and on one of
 * these disappearing (then delete it here).
 */
export const DECLARED_NODE_IMPORTS: { import: string; waitsFor: string }[] = [];
