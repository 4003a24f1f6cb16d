/**
 * `@vendor-contracts/runtime/url-policy`: the check behind the `x-url-policy` extension, which the
 * generated validators (schemas.ts and checks.ts) call for a string the spec gives a URL policy.
 * A separate entry point so that ipaddr.js is bundled only by vendors whose spec uses the
 * extension: nothing in the runtime's main entry imports this module.
 *
 * Hosts are read with the WHATWG `URL` parser, which already folds the tricky spellings of an IP
 * (decimal `2130706433`, hex `0x7f.1`, octal `0177.0.0.1`, percent-encoded or full-width digits)
 * into dotted form; ipaddr.js (a well-kept library) then names the range. Only public unicast
 * addresses count as public; IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo,
 * IPv4-compatible) are refused rather than unpacked, because none is a sensible host to call back.
 * A DNS name counts as public: the vendor resolves it, we cannot.
 */
import ipaddr from 'ipaddr.js';

/** The value of `x-url-policy` (declared in tools/spec-model; codegen passes it as written). */
export interface UrlPolicy {
  /** The schemes allowed, lower case without the colon (`https`). Absent: any. */
  readonly schemes?: readonly string[];
  /** `false`: no user name or password (`user:pass@host`). Absent: allowed. */
  readonly userinfo?: boolean;
  /** `true`: the host must be public (not `localhost`, nor a loopback, private, link-local, … IP literal). */
  readonly publicHost?: boolean;
  /**
   * The schemes a non-public host may use when the `x-url-policy: public-host` rule is waived
   * (a client option for local testing, `waiveRequestRules`). Absent: `schemes`.
   */
  readonly localSchemes?: readonly string[];
}

/** Every rule a URL policy reports; each is reported alone, the first that a value breaks. */
export const URL_POLICY_RULES = {
  url: 'x-url-policy: url',
  userinfo: 'x-url-policy: userinfo',
  publicHost: 'x-url-policy: public-host',
  scheme: 'x-url-policy: scheme',
} as const;
export type UrlPolicyRule = (typeof URL_POLICY_RULES)[keyof typeof URL_POLICY_RULES];

/** A broken rule and its sentence (completing "body.pingback_url …"). Never the URL: it may carry a secret. */
export interface UrlPolicyIssue {
  readonly rule: UrlPolicyRule;
  readonly message: string;
}

/**
 * The rule `value` breaks, or `undefined`. In order: not an absolute URL; userinfo; a non-public
 * host (reported as `public-host` only when its scheme is one `localSchemes` allows, so waiving that
 * rule accepts exactly those URLs, and as `scheme` otherwise); a scheme `schemes` does not list.
 */
export function urlPolicyIssue(value: string, policy: UrlPolicy): UrlPolicyIssue | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { rule: URL_POLICY_RULES.url, message: 'must be an absolute URL' };
  }
  if (policy.userinfo === false && (url.username !== '' || url.password !== '')) {
    return { rule: URL_POLICY_RULES.userinfo, message: 'must not carry a user name or password (user:pass@host)' };
  }
  const scheme = url.protocol.slice(0, -1);
  const schemeIssue = { rule: URL_POLICY_RULES.scheme, message: `must use ${(policy.schemes ?? []).join(' or ')}` };
  if (policy.publicHost === true) {
    const range = nonPublicHost(url.hostname);
    if (range !== undefined) {
      const local = policy.localSchemes ?? policy.schemes;
      if (local !== undefined && !local.includes(scheme)) return schemeIssue;
      return { rule: URL_POLICY_RULES.publicHost, message: `must point to a public host, not ${range}` };
    }
  }
  if (policy.schemes !== undefined && !policy.schemes.includes(scheme)) return schemeIssue;
  return undefined;
}

/** A description of the host's range when it is not a public unicast address, else `undefined`. */
export function nonPublicHost(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(literal)) return undefined; // a DNS name: the vendor resolves it, we cannot
  const address = ipaddr.parse(literal);
  const range = address.range();
  if (range !== 'unicast') return `an IP address in a non-public range (${range})`;
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) {
    return 'an IPv4-compatible IPv6 address (::/96)';
  }
  return undefined;
}
