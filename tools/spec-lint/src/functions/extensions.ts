import { createRulesetFunction, type IFunctionResult } from '@stoplight/spectral-core';
import { checkExtensions } from '@vendor-contracts/spec-model';

/**
 * Given the whole (unresolved) document: every `x-` extension is declared in the registry
 * (tools/spec-model), stands where its declaration allows, and has a value its schema accepts.
 * One rule for every extension, so a new one needs only its declaration.
 */
export const declaredExtensions = createRulesetFunction<Record<string, unknown>, null>({ input: { type: 'object' }, options: null }, (doc) =>
  checkExtensions(doc).map((p): IFunctionResult => ({ message: p.message, path: p.path })),
);
