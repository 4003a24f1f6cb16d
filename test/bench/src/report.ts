/** What each benchmark section hands to docs/benchmarks.md. */
export interface Row {
  what: string;
  value: string;
  target?: string;
  /** undefined: informational, no target */
  met?: boolean;
}

export interface SectionResult {
  title: string;
  /** How it was measured, one short paragraph. */
  method: string;
  rows: Row[];
  /** Extra markdown (detail tables, findings). */
  details?: string;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : '**not met**';
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3)) + ' ms';
export const ratio = (v: number) => `${v.toFixed(2)}×`;
/** A median ratio with the spread of its rounds, e.g. `1.21× (1.10–1.35)`. */
export const ratioWithRange = (v: number, [lo, hi]: [number, number]) => `${v.toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)})`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
