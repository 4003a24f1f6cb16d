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

const ALS = 'the runtime imports `node:async_hooks` (`AsyncLocalStorage` in `middleware/auth.ts`) at module scope';
// What the suite saw behind it with `node:async_hooks` shimmed (not committed): the cells will
// fail on these next, and their entries here must then change with them.
const BEHIND_WORKER = 'behind it, `Buffer` in `runtime/src/redact.ts` (removed on the h1-runtime branch)';
const BEHIND_BROWSER = `${BEHIND_WORKER}, and \`middleware/auth.ts\` re-sending each request body as a stream (\`duplex: 'half'\`), which Chromium refuses over HTTP/1.1 (a \`ConnectionError\` caused by a \`TypeError\` on every call with a body)`;
const ALS_WAITS = 'issue 13 (the restructuring moves the per-attempt record off `AsyncLocalStorage`), issue 14';

export const EXPECTED_FAILURES: ExpectedFailure[] = [
  { table: 'runtimes', row: 'workerd', column: '*', because: `${ALS}, so a Worker bundle without \`nodejs_compat\` does not build; ${BEHIND_WORKER}`, waitsFor: ALS_WAITS, match: /Could not resolve "node:async_hooks"/ },
  { table: 'runtimes', row: 'Chromium', column: '*', because: `${ALS}, so the browser bundle does not build; ${BEHIND_BROWSER}`, waitsFor: ALS_WAITS, match: /Could not resolve "node:async_hooks"/ },
  { table: 'bundlers', row: 'esbuild (browser)', column: '*', because: `${ALS}: \`Could not resolve "node:async_hooks"\``, waitsFor: ALS_WAITS, match: /Could not resolve "node:async_hooks"/ },
  { table: 'bundlers', row: 'Vite (browser)', column: '*', because: `${ALS}: Vite stubs it (\`__vite-browser-external\`) and Rollup finds no \`AsyncLocalStorage\` export`, waitsFor: ALS_WAITS, match: /"AsyncLocalStorage" is not exported by "__vite-browser-external/ },
  { table: 'bundlers', row: 'webpack (browser)', column: '*', because: `${ALS}: \`Reading from "node:async_hooks" is not handled\``, waitsFor: ALS_WAITS, match: /Reading from "node:async_hooks" is not handled/ },
];

export function expectedFailure(table: Table, row: string, column: string): ExpectedFailure | undefined {
  return EXPECTED_FAILURES.find((e) => e.table === table && e.row === row && (e.column === '*' || e.column === column));
}

/**
 * The `node:` imports the client and pingback entries may still have, each waiting for an issue:
 * the suite fails on any other (a new one is a regression for browsers and Workers) and on one of
 * these disappearing (then delete it here).
 */
export const DECLARED_NODE_IMPORTS: { import: string; waitsFor: string }[] = [
  { import: 'node:async_hooks ← @vendor-contracts/runtime/dist/middleware/auth.js', waitsFor: ALS_WAITS },
];
