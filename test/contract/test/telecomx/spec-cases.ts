/**
 * TelecomX's spec gives the required path parameter `requestId` no example, which `validInputs`
 * in src/cases.ts refuses ("required path parameter has no example"). Until the spec carries one,
 * the TelecomX tests build their cases from a copy of the spec whose `requestId` has an example:
 * the `_id` of the document's own response example. The spec on disk, which Prism serves, is not
 * changed; once it has its own example this copy adds nothing (an existing example is kept).
 */
import type { OpenApiDocument } from '../../src/cases.js';

/** The document's response example `_id` (source/telecomx-internet-request-update.txt#L96). */
export const DOCUMENT_REQUEST_ID = '123457890123457890AAAA';

type Parameter = { in?: string; name?: string; example?: unknown; examples?: Record<string, unknown> };

/** A deep copy of `spec` in which every `requestId` path parameter without an example gets one. */
export function withRequestIdExample(spec: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(spec) as { paths?: Record<string, Record<string, { parameters?: Parameter[] }>> };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const param of op && typeof op === 'object' && Array.isArray(op.parameters) ? op.parameters : []) {
        if (param.in !== 'path' || param.name !== 'requestId' || 'example' in param || param.examples) continue;
        param.examples = { documentRequest: { summary: "The document's response example _id", value: DOCUMENT_REQUEST_ID } };
      }
    }
  }
  return copy as OpenApiDocument;
}
