/**
 * Puts the `pingback_url` guard into `placeOrder`'s request validation, so a refused URL is a
 * `RequestValidationError` on `body.pingback_url` (rule and message, never the URL) thrown before
 * anything is sent, like every other request check.
 */
import { type Check, type OperationDefinition, type OperationSchemas, schemasOf, type VendorDefinition } from '@vendor-contracts/runtime';
import type { ZodType } from 'zod';
import { checkPingbackUrl, type PingbackUrlPolicy } from './url-guard.js';

export function withPingbackUrlGuard(definition: VendorDefinition, operationId: string, policy: PingbackUrlPolicy): VendorDefinition {
  const operation = definition.operations[operationId];
  if (!operation || !(operation.checks?.request.body ?? operation.request?.body)) throw new Error(`${definition.vendor}: no request body to guard on ${operationId}`);
  // The zod schema (loaded only if the runtime needs it) gets the guard too.
  const guard = (schemas: OperationSchemas): OperationSchemas => {
    const body = schemas.request.body as ZodType<{ pingback_url?: string }> | undefined;
    const guarded = body?.superRefine((value, ctx) => {
      if (typeof value.pingback_url !== 'string') return;
      const problem = checkPingbackUrl(value.pingback_url, policy);
      if (problem) ctx.addIssue({ code: 'custom', path: ['pingback_url'], message: problem.message, params: { rule: problem.rule } });
    });
    return { ...schemas, request: { ...schemas.request, body: guarded } };
  };
  // The compiled check is what the runtime runs first, so the guard goes into it too.
  const check = operation.checks?.request.body;
  const guardedCheck: Check | undefined =
    check &&
    ((value, path, out) => {
      const before = out?.length ?? 0;
      let ok = check(value, path, out);
      if (!ok && out === null) return false;
      // One issue per field: a URL the spec's own rules already refused is not judged again.
      const refused = out?.slice(before).some((i) => i.path.length === path.length + 1 && i.path[path.length] === 'pingback_url');
      const url = value !== null && typeof value === 'object' ? (value as { pingback_url?: unknown }).pingback_url : undefined;
      const problem = typeof url === 'string' && !refused ? checkPingbackUrl(url, policy) : undefined;
      if (problem) {
        if (out === null) return false;
        out.push({ path: [...path, 'pingback_url'], rule: problem.rule, message: problem.message });
        ok = false;
      }
      return ok;
    });
  const { request: _request, responses: _responses, strictResponses: _strict, ...rest } = operation;
  let schemas: OperationSchemas | Promise<OperationSchemas> | undefined;
  const replaced: OperationDefinition = {
    ...rest,
    schemas: () => {
      const loaded = schemasOf(operation);
      schemas ??= loaded instanceof Promise ? loaded.then(guard) : guard(loaded);
      return schemas;
    },
    ...(operation.checks && { checks: { ...operation.checks, request: { ...operation.checks.request, body: guardedCheck } } }),
  };
  return { ...definition, operations: { ...definition.operations, [operationId]: replaced } };
}
