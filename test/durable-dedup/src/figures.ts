/**
 * The figures of a multi-process run (deliveries, side effects, 5xx answered, redeliveries,
 * time), written as one JSON line to the file named by DURABLE_DEDUP_FIGURES when it is set (tests
 * may not print). Nothing is written otherwise.
 */
import { appendFileSync } from 'node:fs';

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const file = process.env.DURABLE_DEDUP_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ name, ...figures })}\n`);
}
