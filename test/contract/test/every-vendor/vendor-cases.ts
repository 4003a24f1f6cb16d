/**
 * One vendor's cases, as the suite's files use them: built from its spec (through its entry's
 * `casesSpec`) by src/cases.ts, plus what the entry says about credentials and answers.
 */
import type { ApiError, CallInput } from '@vendor-contracts/runtime';
import { valueAt } from '@vendor-contracts/spec-model';
import { expect } from 'vitest';
import {
  invalidInputCases,
  listOperations,
  type OpenApiDocument,
  type ResponseCase,
  requiresCredentials,
  responseCases,
  type SpecOperation,
  validInputs,
  vendorErrorOf,
} from '../../src/cases.js';
import type { RecordedExchange } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import type { Count, VendorContract } from '../../src/vendor-contract.js';

export type VendorResponseCase = ResponseCase & { vendorError: { code: string | undefined } | undefined };

export function vendorCases(contract: VendorContract) {
  const rawSpec = loadSpec(contract.vendor);
  const spec = contract.casesSpec?.(rawSpec) ?? rawSpec;
  const operations = listOperations(spec);
  const opById = new Map(operations.map((op) => [op.operationId, op]));
  const responses: VendorResponseCase[] = responseCases(spec).map((c) => ({
    ...c,
    vendorError: c.kind === 'success' ? vendorErrorOf(spec, opById.get(c.operationId)!, c.value) : undefined,
  }));
  return {
    rawSpec,
    spec,
    operations,
    opById,
    inputs: validInputs(spec).map((v) => ({ ...v, label: v.exampleName ? `${v.operationId} (${v.exampleName})` : v.operationId })),
    invalid: invalidInputCases(spec),
    responses,
    defaults: contract.defaultResponses?.(rawSpec) ?? [],
    /** The 2xx answers that are data, not a vendor error in a 2xx. */
    successes: responses.filter((c) => c.kind === 'success' && !c.vendorError),
  };
}

/** `operationId in name` of an `x-invalid-examples` case (the key of `clientOnly` and `filledByClient`). */
export const invalidKey = (c: { operationId: string; in: string; name?: string | undefined }): string => `${c.operationId} ${c.in} ${c.name ?? ''}`.trim();

/** The key to configure the client with and the input a caller passes (credential fields split out where the vendor has them). */
export function arrange(contract: VendorContract, op: SpecOperation, input: CallInput): { apiKey: string | undefined; input: CallInput } {
  if (contract.credential.in !== 'fields') return { apiKey: undefined, input };
  const split = contract.credential.split(op, input);
  return { apiKey: split.apiKey ?? contract.credential.defaultKey, input: split.input };
}

/** The requests a call of `op` sends, in order: the token grant first when the vendor needs one for it. */
export function expectedPaths(contract: VendorContract, op: SpecOperation, path: string): string[] {
  return contract.token && requiresCredentials(op) ? [contract.token.path, path] : [path];
}

/** The exchanges that answer a call of `op`: every one but the token grants (unless `op` is the grant). */
export function answering(contract: VendorContract, op: SpecOperation, calls: RecordedExchange[]): RecordedExchange[] {
  const token = contract.token;
  return token && op.path !== token.path ? calls.filter((c) => c.url.pathname !== token.path) : calls;
}

/** The body a response case is answered with: the example, the body Prism generated (read off the wire), or none. */
export function servedBody(c: ResponseCase, exchange: RecordedExchange | undefined): unknown {
  if (c.body === 'example') return c.value;
  if (c.body === 'none') return undefined;
  return JSON.parse(exchange?.responseText ?? 'null');
}

/** The error text the spec's `x-error-fields.message` pointers find in a body (the first string). */
export function errorText(spec: OpenApiDocument, body: unknown): string | undefined {
  const pointers = ((spec['x-error-fields'] as { message?: string[] } | undefined)?.message ?? []) as string[];
  for (const pointer of pointers) {
    const text = valueAt(body, pointer);
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** No secret in the error's message, stack or JSON form. */
export function expectNoSecret(error: unknown, secrets: readonly (string | undefined)[]): void {
  const e = error as ApiError;
  for (const secret of secrets) {
    if (!secret) continue;
    expect(e.message).not.toContain(secret);
    expect(e.stack ?? '').not.toContain(secret);
    expect(JSON.stringify(e)).not.toContain(secret);
  }
}

/** A `Count` as something `toEqual` can compare with a number. */
export function countMatcher(count: Count): unknown {
  if (typeof count === 'number') return count;
  return {
    asymmetricMatch: (n: unknown) => typeof n === 'number' && n >= count.atLeast,
    toString: () => `AtLeast<${count.atLeast}>`,
    toAsymmetricMatcher: () => `AtLeast<${count.atLeast}>`,
  };
}

export function expectCount(actual: number, count: Count): void {
  expect(actual).toEqual(countMatcher(count));
}

/** The keys a response case counts under in `counts.responses`. */
function tallyKeys(c: VendorResponseCase): string[] {
  return [
    'total',
    c.kind,
    `${c.kind} ${c.body}`,
    c.body,
    `status ${c.status}`,
    `${c.body} ${c.status}`,
    `${c.kind} ${c.operationId} ${c.status}`,
    ...(c.vendorError ? ['vendor error'] : []),
  ];
}

/** For each key of `expected`, how many cases count under it (`default`: the default-response cases). */
export function tallyResponses(cases: VendorResponseCase[], defaults: unknown[], keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, key === 'default' ? defaults.length : cases.filter((c) => tallyKeys(c).includes(key)).length]));
}
