/**
 * Prism's `sl-violations` header (a JSON list of `{ location, severity, code, message }`), read
 * for two jobs: in the mock, a request Prism rejected answers with Prism's reason in the vendor's
 * documented error-message field (its `x-error-fields.message`), so the client's error shows
 * `must have required property 'commitment'` rather than the canned example text; in the live
 * verification, the response violations are the drift.
 */
import type { Contract } from './contract.js';
import type { Exchange, Rewrite } from './front.js';

export interface Violation {
  /** Where, as Prism says it: `['request', 'body', 'commitment']`, `['response', 'body', 'id']`. */
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/**
 * The violations of one exchange: the `sl-violations` header, or, when Prism answered with its own
 * problem document (no 4xx documented for the operation), that body's `validation` list.
 */
export function violationsOf(exchange: Exchange): Violation[] {
  const header = exchange.headers['sl-violations'];
  const text = Array.isArray(header) ? header.join(',') : header;
  let parsed: unknown;
  let fromProblem = false;
  try {
    if (text) parsed = JSON.parse(text);
    else if (/problem\+json/.test(String(exchange.headers['content-type'] ?? ''))) {
      parsed = (JSON.parse(exchange.body.toString('utf8')) as { validation?: unknown }).validation;
      fromProblem = true;
    }
  } catch {
    return [];
  }
  const list = Array.isArray(parsed) ? (parsed.filter((v) => v && Array.isArray(v.location) && typeof v.message === 'string') as Violation[]) : [];
  // The problem document lists only request violations, located without the leading 'request'.
  return fromProblem ? list.map((v) => (v.location[0] === 'request' ? v : { ...v, location: ['request', ...v.location] })) : list;
}

/** `['response', 'body', 'items', 0, 'id']` → `/items/0/id` (RFC 6901). */
export function pointerOf(location: readonly (string | number)[]): string {
  return location
    .slice(2)
    .map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** The operation's (else the vendor's) documented message fields, as JSON pointers. */
function messagePointers(contract: Contract, exchange: Exchange): string[] {
  const op = contract.match(exchange.method, exchange.pathname);
  const method = op && contract.document.paths?.[op.path]?.[op.method.toLowerCase()];
  const rule = method?.['x-error-fields'] ?? contract.document['x-error-fields'];
  const message = rule?.message;
  return (Array.isArray(message) ? message : message ? [message] : []).filter((p: unknown): p is string => typeof p === 'string');
}

function setAt(body: unknown, pointer: string, value: string): boolean {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: any = body;
  for (const key of keys.slice(0, -1)) node = node && typeof node === 'object' ? node[key] : undefined;
  const last = keys.at(-1);
  if (!node || typeof node !== 'object' || last === undefined || typeof node[last] !== 'string') return false;
  node[last] = value;
  return true;
}

/**
 * The mock's rewrite: a 4xx Prism answered because the request broke the spec gets Prism's
 * violations in the first documented message field the body has (a string field, so the body
 * still matches its schema); a bare JSON string is replaced by them; a body without such a field
 * (Prism's own problem JSON) gets them as `message`.
 */
export function surfaceRequestViolations(contract: Contract): Rewrite {
  return (exchange) => {
    if (exchange.status < 400 || exchange.status >= 500) return undefined;
    // The most specific first: a union body's branch-by-branch failures at `body` come after the
    // field that broke (`body.offers.0.commitment`), which is what a 200-character message keeps.
    const request = violationsOf(exchange)
      .filter((v) => v.location[0] === 'request' && v.severity === 'Error')
      .sort((a, b) => b.location.length - a.location.length);
    if (request.length === 0) return undefined;
    const reason = `request rejected by the mock (it breaks the spec): ${request.map((v) => `${v.location.slice(1).join('.')}: ${v.message}`).join('; ')}`;
    // A text answer (an HTML error page, say) is replaced by the reason, as text.
    if (/^text\//.test(String(exchange.headers['content-type'] ?? ''))) return Buffer.from(reason);
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      return undefined;
    }
    // A bare string body (some vendors answer a plain text in JSON) is the message itself.
    if (typeof body === 'string') return Buffer.from(JSON.stringify(reason));
    const placed = messagePointers(contract, exchange).some((pointer) => setAt(body, pointer, reason));
    if (!placed) {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
      (body as Record<string, unknown>).message = reason;
    }
    return Buffer.from(JSON.stringify(body));
  };
}
