/**
 * What the tests need to know about each operation's parameters, read from the vendor's spec (the
 * contract cases' `SpecOperation`) and the client's definition: never a list of which vendor has
 * which parameter.
 */
import type { CallInput, VendorDefinition } from '@vendor-contracts/runtime';
import type { LedgerEntry } from '@vendor-contracts/runtime/testing';
import type { SpecOperation } from '../../contract/src/cases.js';
import type { VendorFacts } from './vendors.js';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface Parameter {
  operationId: string;
  in: ParameterLocation;
  name: string;
}

/** Every parameter the caller passes (not the `x-credential` ones the client fills). */
export function callerParameters(op: SpecOperation): Parameter[] {
  return op.parameters
    .filter((p) => ['path', 'query', 'header'].includes(String(p.in)) && p['x-credential'] === undefined)
    .map((p) => ({ operationId: op.operationId, in: p.in as ParameterLocation, name: String(p.name) }));
}

/** The operation's valid input (from the spec's examples) with one parameter set to `value`. */
export function withParameter(facts: VendorFacts, parameter: Parameter, value: unknown): CallInput {
  const input = facts.validInput.get(parameter.operationId) ?? {};
  return { ...input, [parameter.in]: { ...(input[parameter.in] as Record<string, unknown> | undefined), [parameter.name]: value } };
}

/** Path segments of a path template or of a received URL (`/a/b/` has 3: `a`, `b`, ``). */
export function segmentCount(path: string): number {
  return path.split('?')[0]!.split('/').length - 1;
}

/** The token endpoints the definition declares (OAuth2 `tokenUrl`s), whose requests a client makes by itself. */
export function tokenPaths(definition: VendorDefinition): Set<string> {
  const out = new Set<string>();
  for (const scheme of Object.values(definition.securitySchemes)) {
    if (scheme.type !== 'oauth2') continue;
    for (const flow of Object.values(scheme.flows)) {
      const url = (flow as { tokenUrl?: unknown }).tokenUrl;
      if (typeof url === 'string') out.add(new URL(url, 'http://x').pathname);
    }
  }
  return out;
}

/** The rig requests that were the operation's own (not a token request the client made first). */
export function operationRequests(definition: VendorDefinition, entries: readonly LedgerEntry[]): LedgerEntry[] {
  const tokens = tokenPaths(definition);
  return entries.filter((e) => !tokens.has(e.url.split('?')[0]!));
}
