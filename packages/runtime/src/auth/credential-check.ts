/**
 * Checks of a vendor package's credential options at construction, driven by where the spec
 * sends each credential: a misconfigured client fails before any request with a `ConfigError`
 * naming the option and the rule, and never quoting the value.
 *
 * - Every credential: a non-blank string (a function too, where tokens may change).
 * - Sent in a header (an `apiKey` header, `http`, `oauth2`): no line breaks, control characters
 *   or surrounding whitespace. fetch would trim the whitespace silently and reject a line break
 *   with an error that quotes the whole header, the secret included.
 * - A bearer token (`http` bearer, `oauth2`): no whitespace at all and no `Bearer ` of its own;
 *   the client adds the prefix, and `Bearer Bearer x` is refused by servers as malformed.
 * - A request field the client fills (`x-credential`: JSON body, form body, query): any
 *   non-blank string; encoding makes every character safe there.
 */
import type { SecurityScheme, VendorDefinition } from '../definition.js';
import { ConfigError } from '../errors.js';
import type { Credential } from '../options.js';

/** Where a credential option goes: a security scheme of the spec, or an `x-credential` field. */
export type CredentialTarget = { readonly scheme: string } | { readonly field: string };

export interface CredentialOptionCheck {
  /** The option's name in the vendor's options (`token`, `apiKey`), as the error names it. */
  readonly option: string;
  /** Where the spec sends it. */
  readonly target: CredentialTarget;
  /** Accept a function returning the value (called per request, e.g. `cachedToken`). @default false */
  readonly allowFunction?: boolean;
  /** What the value is, for the "is required" message (`your AT&T Tool API key`). */
  readonly describe?: string;
}

/**
 * The option's value as a runtime `Credential`, or a `ConfigError` naming `option` and the broken
 * rule. `definition` decides the rules: the scheme's `type` and `in` (see the file comment).
 */
export function checkCredentialOption(definition: VendorDefinition, value: unknown, check: CredentialOptionCheck): Credential {
  const vendor = definition.vendor;
  const fail = (rule: string) => new ConfigError(`${vendor}: ${check.option} ${rule}`, { vendor });
  if (typeof value === 'function' && check.allowFunction) return value as Credential;
  if (typeof value !== 'string' || value.trim() === '') {
    const what = check.describe ? `: ${check.describe}` : check.allowFunction ? ', or a function returning one' : '';
    throw fail(`is required (a non-empty string${what})`);
  }
  const scheme = 'scheme' in check.target ? definition.securitySchemes[check.target.scheme] : undefined;
  if ('scheme' in check.target && !scheme) {
    throw new ConfigError(`${vendor}: the spec has no security scheme "${check.target.scheme}" for ${check.option}`, { vendor });
  }
  const carrier = scheme ? carrierOf(scheme) : 'field';
  if (carrier === 'bearer') {
    if (/^bearer\s/i.test(value.trim())) throw fail("must be the bare token; the client adds the 'Bearer ' prefix itself");
    if (/\s/.test(value)) throw fail('must not contain whitespace or line breaks');
  }
  if (carrier === 'bearer' || carrier === 'header') {
    // eslint-disable-next-line no-control-regex
    if (value !== value.trim() || /[\u0000-\u001f\u007f]/.test(value)) throw fail('must not contain line breaks, control characters or surrounding whitespace');
  }
  return value;
}

/** How a scheme carries its credential, which decides the rules it must follow. */
function carrierOf(scheme: SecurityScheme): 'bearer' | 'header' | 'field' {
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'bearer';
  if (scheme.type === 'http') return scheme.scheme.toLowerCase() === 'bearer' ? 'bearer' : 'header';
  if (scheme.type === 'apiKey') return scheme.in === 'header' || scheme.in === 'cookie' ? 'header' : 'field';
  return 'header';
}
