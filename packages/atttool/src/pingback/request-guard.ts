/**
 * Puts the `pingback_url` guard into `placeOrder`'s request validation, so a refused URL is a
 * `RequestValidationError` on `body.pingback_url` (rule and message, never the URL) thrown before
 * anything is sent, like every other request check.
 */
import type { OperationDefinition, VendorDefinition } from '@vendor-contracts/runtime';
import type { ZodType } from 'zod';
import { checkPingbackUrl, type PingbackUrlPolicy } from './url-guard.js';

export function withPingbackUrlGuard(definition: VendorDefinition, operationId: string, policy: PingbackUrlPolicy): VendorDefinition {
  const operation = definition.operations[operationId];
  const body = operation?.request.body;
  if (!operation || !body) throw new Error(`${definition.vendor}: no request body to guard on ${operationId}`);
  const guarded = (body as ZodType<{ pingback_url?: string }>).superRefine((value, ctx) => {
    if (typeof value.pingback_url !== 'string') return;
    const problem = checkPingbackUrl(value.pingback_url, policy);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pingback_url'], message: problem.message, params: { rule: problem.rule } });
  });
  const replaced: OperationDefinition = { ...operation, request: { ...operation.request, body: guarded } };
  return { ...definition, operations: { ...definition.operations, [operationId]: replaced } };
}
