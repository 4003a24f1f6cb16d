/**
 * `@vendor-contracts/runtime/drift/node`: drift events appended to an NDJSON file (Node only).
 */
import { appendFileSync } from 'node:fs';

/** An `ndjson` sink for `createDriftRecorder` that appends each line to `file` (created if missing). */
export function driftFile(file: string): (line: string) => void {
  // Synchronous: lines are few (one per distinct drift, and per key on flush) and must survive a crash.
  return (line) => appendFileSync(file, line);
}
