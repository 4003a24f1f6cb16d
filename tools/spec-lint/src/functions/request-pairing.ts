import { createRulesetFunction, type IFunctionResult } from '@stoplight/spectral-core';

type Obj = Record<string, any>;

/**
 * Given one operation: every response example's `x-request` names a request of this operation —
 * a request-body example or a parameter example of that name — so the test that sends the
 * documented request (test/reliability) has something to send.
 */
export const requestPairing = createRulesetFunction<Obj, null>({ input: { type: 'object' }, options: null }, (operation, _options, { path: at }) => {
  const names = new Set<string>();
  for (const media of Object.values<Obj>(operation.requestBody?.content ?? {})) for (const name of Object.keys(media?.examples ?? {})) names.add(name);
  for (const param of (operation.parameters ?? []) as Obj[]) for (const name of Object.keys(param?.examples ?? {})) names.add(name);
  const results: IFunctionResult[] = [];
  for (const [status, response] of Object.entries<Obj>(operation.responses ?? {})) {
    for (const [mediaType, media] of Object.entries<Obj>(response?.content ?? {})) {
      for (const [name, example] of Object.entries<Obj>(media?.examples ?? {})) {
        const request = example?.['x-request'];
        if (request === undefined) continue;
        const where = [...at, 'responses', status, 'content', mediaType, 'examples', name, 'x-request'];
        if (typeof request !== 'string' || !names.has(request)) {
          results.push({ message: `x-request ${JSON.stringify(request)} names no request-body or parameter example of this operation`, path: where });
        }
      }
    }
  }
  return results;
});
