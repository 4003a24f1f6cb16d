/**
 * What each JSON Schema `format` the generator enforces becomes in zod, and the helper source a
 * generated schemas.ts carries when it uses one. Each format means what JSON Schema (draft 2020-12)
 * and ajv-formats ("full" mode) say it means, so the generated validators and ajv on the spec give
 * the same verdict (test/reliability/test/differential.test.ts proves it on every spec):
 * - `email`: RFC 5322 addr-spec with a dot-atom local part (`a!b@test.org`, `~bob@test.org`,
 *   `a/b@test.org`, `a=b@test.org`) and a dotted host name, ajv-formats' full-mode pattern;
 * - `date-time`: RFC 3339 §5.6 with ajv-formats' reading: `T`/`t` (or a space, the RFC's note),
 *   `Z`/`z` or an offset, fractions of any length, a leap second (`23:59:60`) only at 23:59 UTC;
 * - `date`: RFC 3339 full-date with real month lengths and leap years;
 * - `uri`: RFC 3986 absolute URI (a scheme, then any hierarchical part), ajv-formats' pattern;
 * - `uuid`: RFC 4122's string form (ajv-formats also takes a `urn:uuid:` prefix; see the
 *   differential test's exceptions);
 * - `ipv4`: dotted quad.
 * Any other format is documentation only.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-7.3
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */

/** The zod expression per enforced format, and the helper (below) it needs, if any. */
export const STRING_FORMATS: Record<string, { expr: string; helper?: keyof typeof FORMAT_HELPERS }> = {
  date: { expr: 'z.iso.date()' },
  'date-time': { expr: "z.stringFormat('date-time', isDateTime)", helper: 'isDateTime' },
  email: { expr: 'z.email({ pattern: EMAIL })', helper: 'EMAIL' },
  uuid: { expr: 'z.guid()' },
  uri: { expr: "z.stringFormat('uri', isUri)", helper: 'isUri' },
  ipv4: { expr: 'z.ipv4()' },
};

const URI_PATTERN =
  "/^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i";

/** Source text of each helper, emitted once into a schemas.ts that uses it. */
export const FORMAT_HELPERS = {
  EMAIL: `/** format: email — RFC 5322 addr-spec, dot-atom local part, dotted host (ajv-formats full mode). */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
`,
  isDateTime: `/** format: date-time — RFC 3339 §5.6: a full-date, T/t/space, a full-time with Z/z or an offset; a leap second only at 23:59 UTC. */
function isDateTime(value: string): boolean {
  const parts = value.split(/t|\\s/i);
  if (parts.length !== 2) return false;
  const d = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/.exec(parts[0]!);
  const t = /^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)(z|([+-])(\\d\\d)(?::?(\\d\\d))?)$/i.exec(parts[1]!);
  if (!d || !t) return false;
  const year = +d[1]!, month = +d[2]!, day = +d[3]!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 0;
  if (month < 1 || day < 1 || day > days) return false;
  const hr = +t[1]!, min = +t[2]!, sec = +t[3]!, sign = t[5] === '-' ? -1 : 1, tzH = +(t[6] ?? 0), tzM = +(t[7] ?? 0);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}
`,
  isUri: `/** format: uri — an RFC 3986 absolute URI (ajv-formats full mode). */
const URI = ${URI_PATTERN};
function isUri(value: string): boolean {
  return /\\/|:/.test(value) && URI.test(value);
}
`,
} as const;
