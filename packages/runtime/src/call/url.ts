/**
 * URL building, compiled once per operation. openapi-fetch would scan the path template with a
 * regular expression and `replace` each parameter on every call; a template split once into its
 * literal parts and parameter names builds the same URL with one join. Anything but the plain
 * `{name}` style with a string, number or boolean value falls back to openapi-fetch's own
 * `defaultPathSerializer`, so the URL is always exactly what openapi-fetch would build.
 */
import { createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';

/** openapi-fetch's `pathSerializer` signature: `url` is `baseUrl + template`. */
export type PathSerializer = (url: string, params: Record<string, unknown>) => string;

/** One serializer for an operation's path template, reused by every call. */
export function compilePathSerializer(template: string): PathSerializer {
  const parts = template.split(/\{([^{}]+)\}/g);
  // Odd indexes are parameter names. Only the plain style is compiled: `{id*}`, `{.id}`, `{;id}`
  // (explode, label, matrix) are rare and go to openapi-fetch as they are.
  if (parts.length === 1) return (url) => url;
  const names = parts.filter((_, i) => i % 2 === 1);
  if (names.some((n) => /^[.;]|\*$/.test(n))) return defaultPathSerializer;
  const literals = parts.filter((_, i) => i % 2 === 0);
  return (url, params) => {
    // openapi-fetch passes `baseUrl + template`; the template is the tail.
    let out = url.slice(0, url.length - template.length) + literals[0]!;
    for (let i = 0; i < names.length; i++) {
      const value = params[names[i]!];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out += encodeURIComponent(value);
      else return defaultPathSerializer(url, params);
      out += literals[i + 1]!;
    }
    return out;
  };
}

/**
 * openapi-fetch's default query serializer, created once: given none, openapi-fetch creates
 * a new one on every call.
 */
export const querySerializer: (query: Record<string, unknown>) => string = createQuerySerializer();
