import { createRulesetFunction, type IFunctionResult } from '@stoplight/spectral-core';

/** Statuses that carry no body by definition (RFC 9110), so need no schema or example. */
const BODYLESS = new Set(['204', '205', '304']);

interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Response {
  content?: Record<string, Media | undefined>;
}

/**
 * Given one operation's `responses`: every response (except 204/205/304) has content, and every
 * media type in it what `require` names — a `schema` (clients validate against it) or an
 * `example` (Prism serves it, tests check it).
 */
export const responseContent = createRulesetFunction<Record<string, Response>, { require: 'schema' | 'example' }>(
  {
    input: { type: 'object' },
    options: { type: 'object', properties: { require: { enum: ['schema', 'example'] } }, required: ['require'], additionalProperties: false },
  },
  (responses, { require }, { path: at }) => {
    const results: IFunctionResult[] = [];
    for (const [status, response] of Object.entries(responses)) {
      if (BODYLESS.has(status) || !response || typeof response !== 'object') continue;
      const content = response.content ?? {};
      if (Object.keys(content).length === 0) {
        results.push({ message: `response ${status} has no content: declare its media type with a ${require}`, path: [...at, status] });
        continue;
      }
      for (const [mediaType, media] of Object.entries(content)) {
        const present = require === 'schema' ? Boolean(media?.schema) : media?.example !== undefined || Object.keys(media?.examples ?? {}).length > 0;
        if (!present) {
          const hint = require === 'example' ? ' (add a named one under examples)' : '';
          results.push({ message: `response ${status} ${mediaType} has no ${require}${hint}`, path: [...at, status, 'content', mediaType] });
        }
      }
    }
    return results;
  },
);
