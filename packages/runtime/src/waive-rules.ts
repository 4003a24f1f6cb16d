/**
 * Relaxing a declared request rule for one client: `waiveRequestRules(definition, rules)` is the
 * definition with every operation's request validation accepting a value whose only broken rules
 * are the waived ones. A vendor package maps a client option onto it (AT&T Tool's
 * `allowPrivatePingback` waives `x-url-policy: public-host`), so the spec stays the one statement
 * of the rule and the option names exactly which rule it relaxes.
 *
 * The compiled checks report the first broken rule of each field, so a rule can be waived soundly
 * only when nothing after it is checked on the same field: `x-url-policy` is the last check of
 * its string, and reports `public-host` only when every other rule of the policy holds.
 */
import type { ZodType } from 'zod';
import type { Check, CheckIssue, OperationDefinition, OperationSchemas, VendorDefinition } from './definition.js';
import { after, schemasOf } from './validate.js';

export function waiveRequestRules(definition: VendorDefinition, rules: readonly string[]): VendorDefinition {
  if (rules.length === 0) return definition;
  const waived = new Set(rules);
  const operations = Object.fromEntries(Object.entries(definition.operations).map(([id, op]) => [id, waiveOperation(op, waived)]));
  return { ...definition, operations };
}

function waiveOperation(op: OperationDefinition, waived: ReadonlySet<string>): OperationDefinition {
  // The zod schemas become a loader of waived copies, built from the loaded schemas' own methods:
  // importing zod here (even dynamically) would put all of it in every bundle that has the runtime.
  // The eager fields are dropped so the loader is used.
  const { request: _request, responses: _responses, strictResponses: _strict, ...rest } = op;
  const schemas = () =>
    after(
      schemasOf(op),
      (loaded): OperationSchemas => ({
        ...loaded,
        request: Object.fromEntries(Object.entries(loaded.request).map(([part, schema]) => [part, schema && waiveSchema(schema, waived)])),
      }),
    );
  if (!op.checks) return { ...rest, schemas };
  const checks = Object.fromEntries(Object.entries(op.checks.request).map(([part, check]) => [part, check && waiveCheck(check, waived)]));
  return { ...rest, schemas, checks: { ...op.checks, request: checks } };
}

function waiveCheck(check: Check, waived: ReadonlySet<string>): Check {
  return (value, path, out) => {
    if (check(value, path, null)) return true;
    const found: CheckIssue[] = [];
    check(value, path, found);
    const kept = found.filter((issue) => !waived.has(issue.rule));
    out?.push(...kept);
    return kept.length === 0;
  };
}

/** A rejected value and its issues, carried past `.catch` so the waived ones can be dropped. */
class Rejected {
  constructor(
    readonly input: unknown,
    readonly issues: ReadonlyArray<{ code: string; params?: unknown }>,
  ) {}
}

/**
 * zod (the fallback without compiled checks): generated refinements name their rule in
 * `params.rule`. The schema's verdict is caught, its issues re-added except the waived ones, and a
 * value whose only issues were waived passes unchanged.
 */
function waiveSchema(schema: ZodType, waived: ReadonlySet<string>): ZodType {
  return schema
    .catch((ctx: { input: unknown; error: { issues: Rejected['issues'] } }) => new Rejected(ctx.input, ctx.error.issues) as never)
    .superRefine((value, ctx) => {
      if (!(value instanceof Rejected)) return;
      for (const issue of value.issues) {
        const rule = issue.code === 'custom' ? (issue.params as { rule?: unknown } | undefined)?.rule : undefined;
        if (typeof rule !== 'string' || !waived.has(rule)) ctx.addIssue(issue as never);
      }
    })
    .transform((value) => (value instanceof Rejected ? value.input : value));
}
