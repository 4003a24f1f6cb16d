/** The workspace's specs, parsed once; each call hands out a fresh copy to edit. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Doc = Record<string, any>;
const parsed = new Map<string, Doc>();

export function spec(vendor: string): Doc {
  if (!parsed.has(vendor)) {
    const file = fileURLToPath(new URL(`../../../../specs/${vendor}/openapi.yaml`, import.meta.url));
    parsed.set(vendor, parse(readFileSync(file, 'utf8')) as Doc);
  }
  return structuredClone(parsed.get(vendor)!);
}
