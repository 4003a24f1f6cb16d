/**
 * The `pingback_url` guard: AT&T Tool will POST order results (unlock codes) to whatever URL we
 * send, so a URL that points into our own network, or over plain http, leaks data or turns the
 * vendor into a proxy against internal hosts. Checked before anything is sent.
 *
 * Hosts are read with the WHATWG `URL` parser, which already folds the tricky spellings of an IP
 * (decimal `2130706433`, hex `0x7f.1`, octal `0177.0.0.1`, percent-encoded or full-width digits)
 * into dotted form; ipaddr.js (a well-kept library) then names the range. Only public unicast
 * addresses pass; IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo,
 * IPv4-compatible) are refused rather than unpacked, because none is a sensible pingback host.
 */
import ipaddr from 'ipaddr.js';

/** The longest `pingback_url` accepted (characters of the URL as given). */
export const MAX_PINGBACK_URL_LENGTH = 2048;

export interface PingbackUrlPolicy {
  /**
   * Accept loopback, private, link-local and other non-public IP literals and `localhost`
   * (and plain `http` for those hosts only), e.g. for a receiver on your own machine in tests.
   * @default false
   */
  allowPrivatePingback?: boolean;
}

/** Why a `pingback_url` was refused: the rule and a message. Neither contains the URL (it carries a secret token). */
export interface PingbackUrlProblem {
  rule: 'format: uri' | 'https' | 'no userinfo' | 'maxLength: 2048' | 'public host';
  message: string;
}

/** The problem with `value` as a pingback URL, or `undefined` when it may be sent. */
export function checkPingbackUrl(value: string, policy: PingbackUrlPolicy = {}): PingbackUrlProblem | undefined {
  if (value.length > MAX_PINGBACK_URL_LENGTH) {
    return { rule: 'maxLength: 2048', message: `The pingback URL is longer than ${MAX_PINGBACK_URL_LENGTH} characters` };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { rule: 'format: uri', message: 'The pingback URL is not an absolute URL' };
  }
  if (url.username !== '' || url.password !== '') {
    return { rule: 'no userinfo', message: 'The pingback URL must not carry a user name or password (user:pass@host)' };
  }
  const privateHost = nonPublicHost(url.hostname);
  if (privateHost && !policy.allowPrivatePingback) {
    return { rule: 'public host', message: `The pingback URL's host is ${privateHost}; set allowPrivatePingback to allow it` };
  }
  const httpAllowed = url.protocol === 'http:' && privateHost !== undefined && policy.allowPrivatePingback === true;
  if (url.protocol !== 'https:' && !httpAllowed) {
    return { rule: 'https', message: 'The pingback URL must use https (the vendor sends unlock codes to it)' };
  }
  return undefined;
}

/** A description of the host's range when it is not a public unicast address, else `undefined`. */
function nonPublicHost(hostname: string): string | undefined {
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
