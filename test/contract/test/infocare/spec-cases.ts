/**
 * InfoCare's spec documents a `default` response on every operation, which `responseCases` in
 * src/cases.ts refuses ("no concrete status"). Until cases.ts learns `default`, the InfoCare tests
 * build their cases from a copy of the spec without the `default` responses, and cover each
 * `default` here: Prism serves it for any status the operation does not declare, so it is asked
 * for with `Prefer: code=500`.
 */
import type { CallInput } from '@vendor-contracts/runtime';
import { listOperations, type OpenApiDocument, validInputs } from '../../src/cases.js';

/** A deep copy of `spec` whose operations have no `default` response. */
export function withoutDefaultResponses(spec: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(spec) as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && op.responses) delete op.responses.default;
    }
  }
  return copy as OpenApiDocument;
}

/** The status used to reach an operation's `default` response. */
export const DEFAULT_STATUS = 500;

export interface DefaultResponseCase {
  operationId: string;
  status: number;
  prefer: string;
  input: CallInput;
}

/** One case per operation that documents a `default` response, called with its first valid input. */
export function defaultResponseCases(spec: OpenApiDocument): DefaultResponseCase[] {
  const inputs = validInputs(spec);
  return listOperations(spec)
    .filter((op) => 'default' in op.responses)
    .map((op) => {
      if (String(DEFAULT_STATUS) in op.responses) throw new Error(`${op.operationId} declares ${DEFAULT_STATUS}: pick another status to reach default`);
      const input = inputs.find((i) => i.operationId === op.operationId);
      if (!input) throw new Error(`${op.operationId}: no valid input`);
      return { operationId: op.operationId, status: DEFAULT_STATUS, prefer: `code=${DEFAULT_STATUS}`, input: input.input };
    });
}
