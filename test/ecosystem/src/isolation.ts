/**
 * What marks a vendor in a bundle, read from the specs: its servers' hosts and its operationIds.
 * A bundle of one vendor's subpath must contain its own marks (so the scan sees vendor code at
 * all) and none of another vendor's (operationIds the vendors share are not marks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { specsDir, vendors } from './workspace.js';

interface Marks {
  hosts: string[];
  operationIds: string[];
}

function marksOf(vendor: string): Marks {
  const doc = parse(readFileSync(join(specsDir, vendor, 'openapi.yaml'), 'utf8'), { maxAliasCount: -1 }) as {
    servers?: { url: string }[];
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const hosts = (doc.servers ?? [])
    .map((s) => s.url)
    .filter((u) => /^https?:\/\//.test(u))
    .map((u) => new URL(u).host);
  const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => (op && typeof op === 'object' && op.operationId ? [op.operationId] : [])));
  return { hosts, operationIds };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const found = (text: string, mark: string) => new RegExp(`(?<![\\w$])${escapeRegExp(mark)}(?![\\w$])`).test(text);

/** Throws naming what of another vendor `text` holds, or when it holds nothing of `vendor`. */
export function assertOnlyVendor(text: string, vendor: string): void {
  const own = marksOf(vendor);
  const ownIds = new Set(own.operationIds);
  const missing = [...own.hosts, ...own.operationIds].filter((m) => !found(text, m));
  if (missing.length === own.hosts.length + own.operationIds.length) throw new Error(`the bundle holds nothing of ${vendor} (looked for ${missing.join(', ')})`);
  const foreign: string[] = [];
  for (const other of vendors().filter((v) => v !== vendor)) {
    const marks = marksOf(other);
    for (const mark of [...marks.hosts, ...marks.operationIds.filter((id) => !ownIds.has(id))]) if (found(text, mark)) foreign.push(`${other}: ${mark}`);
  }
  if (foreign.length) throw new Error(`the ${vendor} bundle holds other vendors' code: ${foreign.join(', ')}`);
}
