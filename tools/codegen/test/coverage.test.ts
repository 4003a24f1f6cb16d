/**
 * The coverage contract: specs/operations.yaml lists every operation (and webhook) each vendor's
 * spec must describe, with its operationId, method and path. Nothing missing, nothing extra.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { discoverVendors, listOperations, loadSpec, workspaceRoot } from '../src/index.js';

interface Contract {
  vendors: Record<
    string,
    {
      servers: Record<string, string>;
      operations: Array<{ operationId: string; method: string; path: string }>;
      webhooks?: Array<{ name: string; method: string }>;
    }
  >;
}

const contract = parse(readFileSync(join(workspaceRoot, 'specs', 'operations.yaml'), 'utf8')) as Contract;
const vendors = discoverVendors();

describe('specs/operations.yaml coverage', () => {
  it('has a spec for every vendor it lists, and lists every spec', () => {
    expect(vendors.map((v) => v.vendor).sort()).toEqual(Object.keys(contract.vendors).sort());
  });

  it('lists 45 operations and 1 webhook in all', () => {
    const all = Object.values(contract.vendors);
    expect(all.reduce((n, v) => n + v.operations.length, 0)).toBe(45);
    expect(all.reduce((n, v) => n + (v.webhooks?.length ?? 0), 0)).toBe(1);
  });

  describe.each(vendors)('$vendor', (target) => {
    const expected = contract.vendors[target.vendor]!;
    const { doc } = loadSpec(target.specFile);

    it('describes exactly the listed operations, with their method and path', () => {
      const actual = listOperations(doc)
        .map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path}`)
        .sort();
      expect(actual).toEqual(expected.operations.map((op) => `${op.operationId} ${op.method} ${op.path}`).sort());
    });

    it('describes the listed webhooks', () => {
      const actual = Object.entries<Record<string, unknown>>(doc.webhooks ?? {}).flatMap(([name, item]) =>
        Object.keys(item)
          .filter((k) => k !== 'parameters')
          .map((m) => `${name} ${m.toUpperCase()}`),
      );
      expect(actual.sort()).toEqual((expected.webhooks ?? []).map((w) => `${w.name} ${w.method}`).sort());
    });

    it('declares the listed servers', () => {
      const urls = (doc.servers ?? []).map((s: { url: string }) => s.url);
      for (const url of Object.values(expected.servers ?? {})) expect(urls).toContain(url);
    });
  });
});
