/**
 * AT&T Tool carries its API key as `api_key` in the JSON body (POST) or the query string (GET),
 * fields the spec marks `x-credential: apiKey`. The client fills them from its `apiKey` option and
 * its types hide them, so a case built from the spec (whose examples do carry `api_key`) is split
 * here into the key, to configure the client with, and the input a caller passes.
 */
import type { CallInput } from '@vendor-contracts/runtime';
import type { OpenApiDocument, SpecOperation } from '../../src/cases.js';
import { resolveRef } from '../../src/cases.js';

/** The key the document uses in its status-check examples (any 32-hex key passes the spec). */
export const DOCUMENT_API_KEY = '6372a5bab4ae435a8baf33c0556771d9';

type Obj = Record<string, unknown>;

/** The names of the fields an operation marks `x-credential`, by where they sit. */
export function credentialFields(spec: OpenApiDocument, op: SpecOperation): { body: string[]; query: string[] } {
  const query = op.parameters.filter((p) => p['x-credential'] !== undefined && p.in === 'query').map((p) => String(p.name));
  const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: unknown }>;
  const body: string[] = [];
  for (const media of Object.values(content)) {
    if (!media.schema) continue;
    const schema = resolveRef(spec, media.schema, `${op.operationId} body schema`);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Obj>)) {
      if (property['x-credential'] !== undefined) body.push(name);
    }
  }
  return { body, query };
}

/**
 * The input with its credential fields taken out, and the value they had (the key to configure the
 * client with, `undefined` when the input had none).
 */
export function splitCredential(spec: OpenApiDocument, op: SpecOperation, input: CallInput): { apiKey: string | undefined; input: CallInput } {
  const fields = credentialFields(spec, op);
  let apiKey: string | undefined;
  const out: CallInput = { ...input };
  if (out.body && typeof out.body === 'object' && !Array.isArray(out.body)) {
    const body = { ...(out.body as Obj) };
    for (const name of fields.body) {
      if (name in body) apiKey = String(body[name]);
      delete body[name];
    }
    out.body = body;
  }
  if (out.query) {
    const query = { ...out.query };
    for (const name of fields.query) {
      if (name in query) apiKey = String(query[name]);
      delete query[name];
    }
    out.query = query;
  }
  return { apiKey, input: out };
}

/** A copy of `request` without `api_key` in its query string or JSON body (to send a call with no key). */
export async function withoutApiKey(request: Request): Promise<Request> {
  const url = new URL(request.url);
  url.searchParams.delete('api_key');
  let body: string | undefined;
  if (request.body) {
    const parsed = JSON.parse(await request.clone().text()) as Obj;
    delete parsed.api_key;
    body = JSON.stringify(parsed);
  }
  return new Request(url, { method: request.method, headers: request.headers, body });
}
