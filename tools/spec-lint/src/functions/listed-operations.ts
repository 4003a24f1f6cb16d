import { createRulesetFunction, type IFunctionResult } from '@stoplight/spectral-core';

/** One row of specs/operations.yaml for this vendor. */
export interface ListedOperation {
  operationId: string;
  method: string;
  path: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every operation specs/operations.yaml lists for the vendor is in the spec with that operationId,
 * method and path: the coverage contract, checked where the spec is edited.
 */
export const listedOperations = createRulesetFunction<Record<string, unknown>, { operations: ListedOperation[] }>(
  { input: { type: 'object' }, options: { type: 'object', properties: { operations: { type: 'array' } }, required: ['operations'], additionalProperties: false } },
  (document, { operations }, { path: at }) => {
    const paths = (document.paths ?? {}) as Record<string, Record<string, { operationId?: unknown }> | undefined>;
    const results: IFunctionResult[] = [];
    for (const listed of operations) {
      const method = listed.method.toLowerCase();
      const operation = paths[listed.path]?.[method];
      if (!operation) {
        const elsewhere = Object.entries(paths).flatMap(([path, item]) =>
          METHODS.filter((m) => item?.[m]?.operationId === listed.operationId).map((m) => `${m.toUpperCase()} ${path}`),
        );
        results.push({
          message: `specs/operations.yaml lists ${listed.operationId} as ${listed.method.toUpperCase()} ${listed.path}, which the spec does not have${elsewhere.length ? ` (found at ${elsewhere.join(', ')})` : ''}`,
          path: [...at, 'paths'],
        });
      } else if (operation.operationId !== listed.operationId) {
        results.push({
          message: `${listed.method.toUpperCase()} ${listed.path} must have operationId "${listed.operationId}" (specs/operations.yaml), not ${JSON.stringify(operation.operationId)}`,
          path: [...at, 'paths', listed.path, method, 'operationId'],
        });
      }
    }
    return results;
  },
);
