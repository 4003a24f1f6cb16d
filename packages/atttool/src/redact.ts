/**
 * The API key sits in request bodies and, for `getOrderStatusByQuery`, in the URL. The runtime's
 * errors never include requests or URLs, but they do carry what the vendor answered (`body`,
 * `headers`, and an excerpt in `message`). A server that echoes the request back (an HTML error
 * page quoting the URL, say) would put the key into an error, and from there into logs. This
 * middleware replaces the key in every answer before the client reads it.
 */
import type { Middleware } from 'openapi-fetch';

export const REDACTED = '[redacted]';

/** Keys shorter than this are not redacted: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;

/** openapi-fetch middleware that replaces `secret` (raw or URL-encoded) in response bodies and headers. */
export function redactSecretInResponses(secret: string): Middleware {
  const forms = [...new Set([secret, encodeURIComponent(secret)])].filter((f) => f.length >= MIN_SECRET_LENGTH);
  const scrub = (text: string) => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
  const contains = (text: string) => forms.some((form) => text.includes(form));
  return {
    async onResponse({ response }) {
      if (forms.length === 0) return undefined;
      const headerHit = [...response.headers.values()].some(contains);
      const text = response.body ? await response.clone().text() : '';
      if (!headerHit && !contains(text)) return undefined;
      const headers = new Headers();
      for (const [name, value] of response.headers) headers.set(name, scrub(value));
      headers.delete('content-length'); // the scrubbed body has another length
      return new Response(response.body ? scrub(text) : null, { status: response.status, statusText: response.statusText, headers });
    },
  };
}
