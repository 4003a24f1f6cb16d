/**
 * Where things are: the workspace root (the package.json with `workspaces`), the vendors'
 * specs (`specs/<vendor>/openapi.yaml`) and the parsed spec of one vendor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '@vendor-contracts/spec-model';
import type { OpenApiDocument } from './cases.js';

let cachedRoot: string | undefined;

/** The monorepo root: the nearest ancestor whose package.json declares `workspaces`. */
export function workspaceRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('contract-tests: no package.json with "workspaces" above this file');
    dir = parent;
  }
}

/** `specs/<vendor>/openapi.yaml`, absolute. */
export function specPath(vendor: string): string {
  return join(workspaceRoot(), 'specs', vendor, 'openapi.yaml');
}

/** Every vendor that has `specs/<vendor>/openapi.yaml`, sorted. */
export function listVendors(): string[] {
  const specs = join(workspaceRoot(), 'specs');
  return readdirSync(specs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(specs, e.name, 'openapi.yaml')))
    .map((e) => e.name)
    .sort();
}

/** The vendor's spec, parsed by tools/spec-model (YAML 1.2 core schema: dates stay strings, as in JSON). */
export function loadSpec(vendor: string): OpenApiDocument {
  const file = specPath(vendor);
  if (!existsSync(file)) throw new Error(`contract-tests: no spec for "${vendor}" at ${file}`);
  return parseSpec(readFileSync(file, 'utf8'), file) as OpenApiDocument;
}
