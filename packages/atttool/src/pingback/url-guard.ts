/**
 * `checkPingbackUrl`: a `pingback_url` judged on its own, by the generated validator of the spec's
 * `PlaceOrderRequest.pingback_url` (its `maxLength`, `pattern`, `format` and `x-url-policy`), the
 * very rules `placeOrder` applies. Kept for `createPingbackUrl` and for callers of the old guard;
 * its rule names are the old guard's (`placeOrder` itself reports the spec's rule names).
 */
import { strictComponents } from '../generated/schemas.js';

/** The longest `pingback_url` accepted (characters of the URL as given): the spec's `maxLength`. */
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

/** The spec's rule names → the old guard's, in the order the old guard reported them. */
const OLD_RULES: ReadonlyArray<readonly [spec: (rule: string) => boolean, rule: PingbackUrlProblem['rule']]> = [
  [(r) => r.startsWith('maxLength'), 'maxLength: 2048'],
  [(r) => r === 'x-url-policy: url', 'format: uri'],
  [(r) => r === 'x-url-policy: userinfo', 'no userinfo'],
  [(r) => r === 'x-url-policy: public-host', 'public host'],
  [(r) => r === 'x-url-policy: scheme', 'https'],
  [() => true, 'format: uri'],
];

/**
 * The problem with `value` as a pingback URL, or `undefined` when `placeOrder` would send it.
 * @deprecated `placeOrder` checks `pingback_url` itself (the spec's `x-url-policy`); to build a
 * URL, use `createPingbackUrl`, which checks it with this same validator.
 */
export function checkPingbackUrl(value: string, policy: PingbackUrlPolicy = {}): PingbackUrlProblem | undefined {
  const result = strictComponents.PlaceOrderRequest.shape.pingback_url.safeParse(value);
  if (result.success) return undefined;
  const rules = result.error.issues.map((issue) => {
    const own = issue.code === 'custom' ? (issue.params as { rule?: unknown } | undefined)?.rule : undefined;
    return typeof own === 'string' ? own : issue.code === 'too_big' ? 'maxLength' : issue.code;
  });
  const waived = policy.allowPrivatePingback === true ? rules.filter((r) => r !== 'x-url-policy: public-host') : rules;
  if (waived.length === 0) return undefined;
  const rule = OLD_RULES.find(([matches]) => waived.some(matches))![1];
  return { rule, message: MESSAGES[rule] };
}

const MESSAGES: Record<PingbackUrlProblem['rule'], string> = {
  'maxLength: 2048': `The pingback URL is longer than ${MAX_PINGBACK_URL_LENGTH} characters`,
  'format: uri': 'The pingback URL is not an absolute http(s) URL',
  'no userinfo': 'The pingback URL must not carry a user name or password (user:pass@host)',
  'public host': "The pingback URL's host is localhost or a non-public IP address; set allowPrivatePingback to allow it",
  https: 'The pingback URL must use https (the vendor sends unlock codes to it)',
};
