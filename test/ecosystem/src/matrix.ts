/** The results of every cell, rendered as `docs/runtimes.md` (runtime × check, pass / expected failure). */
import { EXPECTED_FAILURES, type Table } from './expected.js';

export interface CellResult {
  ok: boolean;
  error?: string;
}

export class Matrix {
  private readonly tables = new Map<Table, { columns: string[]; rows: Map<string, Map<string, CellResult>> }>();

  constructor(private readonly intro: Record<Table, string>) {}

  record(table: Table, row: string, column: string, result: CellResult): void {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = { columns: [], rows: new Map() }));
    if (!t.columns.includes(column)) t.columns.push(column);
    if (!t.rows.has(row)) t.rows.set(row, new Map());
    t.rows.get(row)!.set(column, result);
  }

  /** Markdown: one table per kind of check; ✅ passes, ❌ (n) an expected failure explained below. */
  render(header: string): string {
    const notes: string[] = [];
    const noteFor = (table: Table, row: string, column: string): number | undefined => {
      const entry = EXPECTED_FAILURES.find((e) => e.table === table && e.row === row && (e.column === '*' || e.column === column));
      if (!entry) return undefined;
      const text = `${entry.because}. Waits for ${entry.waitsFor}.`;
      const index = notes.indexOf(text);
      return index >= 0 ? index + 1 : notes.push(text);
    };
    const out = [header, ''];
    for (const [table, { columns, rows }] of this.tables) {
      out.push(`## ${table[0]!.toUpperCase()}${table.slice(1)}`, '', this.intro[table], '', `| | ${columns.join(' | ')} |`, `|---|${columns.map(() => ':---:').join('|')}|`);
      for (const [row, cells] of rows) {
        const marks = columns.map((column) => {
          const cell = cells.get(column);
          if (!cell) return '–';
          if (cell.ok) return '✅';
          const note = noteFor(table, row, column);
          return note ? `❌ (${note})` : '**FAIL**';
        });
        out.push(`| ${row} | ${marks.join(' | ')} |`);
      }
      out.push('');
    }
    if (notes.length) out.push('## Expected failures', '', ...notes.map((n, i) => `${i + 1}. ${n}`), '');
    return out.join('\n');
  }
}
