/**
 * Every `x-` extension the specs may use, each declared once: where it may stand, its value's
 * schema, what it means, how spec-diff classifies a change to it, and what it fills in the
 * generated code. spec-lint rejects any other `x-` name, and specs/README.md's table is
 * generated from this list (`npm run spec-model:readme`).
 *
 * Adding an extension: one `defineExtension` entry below, its runtime behaviour (the field it
 * fills is read by packages/runtime), and its tests. See docs/architecture.md.
 */
import { z } from 'zod';
import { defineExtension, type ExtensionDeclaration } from './registry.js';
import { LOCATIONS } from './sites.js';

/** A JSON pointer into a response body: `` (the whole body) or `/a/0/b`. */
const bodyPointer = z.string().regex(/^(\/[^/]*)*$/, 'a JSON pointer into the body, e.g. /error/code');
/** A regular expression the runtime compiles (with the `u` flag). */
const compilable = z.string().refine((source) => {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}, 'a regular expression that compiles with the u flag');
/** A URL scheme as `URL.protocol` spells it, without the colon: `https`. */
const scheme = z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'a lower-case URL scheme without the colon, e.g. https');
/** `x-url-policy`: at least one rule; `localSchemes` only relaxes `publicHost`. */
const urlPolicy = z
  .object({
    schemes: z.array(scheme).min(1).optional(),
    userinfo: z.literal(false).optional(),
    publicHost: z.literal(true).optional(),
    localSchemes: z.array(scheme).min(1).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'at least one of schemes, userinfo, publicHost')
  .refine((p) => p.localSchemes === undefined || p.publicHost === true, 'localSchemes relaxes publicHost: true, so it needs it');
const sentence = z.string().trim().min(1, 'a non-empty string');
const DOCUMENTATION = { add: 'patch', remove: 'patch', change: 'patch', reason: 'documentation only: no type or behaviour changes' } as const;

export const EXTENSIONS = [
  defineExtension({
    name: 'x-assumption',
    where: LOCATIONS,
    schema: sentence,
    doc: 'What the vendor document leaves open and what we assumed, in one plain sentence, on the object it concerns. Never a rule that makes a documented vendor answer unreachable; `npm run assumptions` lists them all.',
    example: 'x-assumption: "The document gives no success status; 200 is assumed."',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-source',
    where: ['example'],
    schema: z.string().regex(/^source\//, 'a place in source/: "source/<file>#L<line>" or "source/<file>#<item name>"'),
    doc: 'Where in `specs/<vendor>/source/` the example (or the fact) comes from, so every statement can be traced to the vendor document. Each entry of `x-invalid-examples` carries one too.',
    example: 'x-source: "source/tmt-first-api-v2.md#L120"',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-environment',
    where: ['server'],
    schema: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case name such as production, test, qa'),
    doc: 'The name users pass as the client option `environment` to pick this server (`production`, `test`, `qa`). A server without one is `server<index>`.',
    example: 'servers:\n  - url: https://api.vendor.test\n    x-environment: test',
    semver: { add: 'major', remove: 'major', change: 'major', reason: 'the environment names are what callers pass; renaming one breaks them' },
    fills: [{ in: 'vendor', field: 'servers', from: 'server' }],
  }),
  defineExtension({
    name: 'x-rate-limit',
    where: ['root'],
    schema: z.object({ limit: z.int().positive(), windowSeconds: z.number().positive() }).strict(),
    doc: "The vendor's request limit: the client never sends more than `limit` requests in any sliding `windowSeconds` window (shared through the rate-limit store when clients run in many processes).",
    example: 'x-rate-limit: { limit: 60, windowSeconds: 60 }',
    semver: { add: 'minor', remove: 'minor', change: 'minor', reason: 'pacing behaviour changes; no type does' },
    fills: [{ in: 'vendor', field: 'rateLimit', from: 'root' }],
  }),
  defineExtension({
    name: 'x-api-versions',
    where: ['operation'],
    schema: z.array(z.int().positive()).min(1),
    doc: 'The API versions this operation accepts; the client sends `Accept: application/json; version=<highest>`.',
    example: 'x-api-versions: [1, 2]',
    semver: { add: 'minor', remove: 'minor', change: 'minor', reason: 'the version header sent changes; no type does', notes: {} },
    fills: [{ in: 'operation', field: 'apiVersions', from: 'operation' }],
  }),
  defineExtension({
    name: 'x-idempotent',
    where: ['operation'],
    schema: z.boolean(),
    doc: 'A POST or PATCH that is safe to retry (GET, HEAD, PUT, DELETE and OPTIONS are by HTTP semantics): the client retries it on timeouts and retryable answers.',
    example: 'x-idempotent: true',
    semver: { add: 'minor', remove: 'minor', change: 'minor', reason: 'retry behaviour changes; no type does' },
    fills: [{ in: 'operation', field: 'idempotent', from: 'operation' }],
  }),
  defineExtension({
    name: 'x-credential',
    where: ['parameter', 'schema'],
    schema: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'the client option that holds it, e.g. apiKey'),
    doc: 'A request parameter or top-level body field the client fills from its configuration (`apiKey`, …): callers never pass it, and it is scrubbed from errors and logs.',
    example: 'properties:\n  api_key:\n    type: string\n    x-credential: apiKey',
    semver: { add: 'major', remove: 'major', change: 'major', reason: 'the field leaves or enters what callers pass' },
    fills: [{ in: 'operation', field: 'credentials', from: 'request-field' }],
  }),
  defineExtension({
    name: 'x-vendor-error',
    where: ['root', 'operation', 'response'],
    schema: z
      .object({
        when: z.object({ pointer: bodyPointer, pattern: compilable.optional(), present: z.boolean().optional() }).strict(),
        code: bodyPointer.optional(),
        message: bodyPointer.optional(),
      })
      .strict(),
    doc: "A 2xx body that matches `when` (the value at `pointer` matches `pattern`, or is `present`) is a `VendorError`, not data. `code` and `message` are pointers to the vendor's code and message. On the root it applies to every operation without its own.",
    example: 'x-vendor-error:\n  when: { pointer: /status, pattern: "^ERR_" }\n  code: /status',
    semver: {
      add: 'major',
      remove: 'major',
      change: 'major',
      reason: 'which answers throw changes',
      notes: { add: 'which 2xx bodies throw is different', remove: 'which 2xx bodies throw is different', change: 'which 2xx bodies throw is different' },
    },
    fills: [
      { in: 'operation', field: 'vendorError', from: 'operation' },
      { in: 'operation', field: 'responseVendorErrors', from: 'response' },
    ],
  }),
  defineExtension({
    name: 'x-error-fields',
    where: ['root', 'operation'],
    schema: z.object({ code: z.array(bodyPointer).min(1).optional(), message: z.array(bodyPointer).min(1).optional() }).strict(),
    doc: "Where an error body (non-2xx, or a 2xx matched by `x-vendor-error`) carries the vendor's code and message: lists of JSON pointers, the first holding a string wins. Sets `ApiError.code`/`VendorError.code` and the error message. On the root it applies to every operation without its own.",
    example: 'x-error-fields:\n  code: [/error/code]\n  message: [/error/message, /message]',
    semver: {
      add: 'minor',
      remove: 'major',
      change: 'major',
      reason: 'declaring it only fills codes that were undefined; changing or removing it can change a code callers branch on',
      notes: { add: "errors now carry the vendor's code/message", remove: 'the code errors carry may differ', change: 'the code errors carry may differ' },
    },
    fills: [{ in: 'operation', field: 'errorFields', from: 'operation' }],
  }),
  defineExtension({
    name: 'x-luhn',
    where: ['schema'],
    schema: z.literal(true),
    doc: 'The string must pass the Luhn check digit (IMEIs): the generated validator refuses it before any network call.',
    example: 'Imei:\n  type: string\n  pattern: "^[0-9]{15}$"\n  x-luhn: true',
    semver: { add: 'narrows', remove: 'widens', change: 'major', reason: 'a constraint: adding it accepts fewer values, removing it more' },
    fills: [{ in: 'schemas', effect: 'a Luhn refinement on the string' }],
  }),
  defineExtension({
    name: 'x-url-policy',
    where: ['schema'],
    schema: urlPolicy,
    doc: "On a string the vendor will fetch or call back (a webhook or pingback URL): which URLs may be sent. `schemes` lists the allowed schemes, `userinfo: false` refuses `user:pass@`, `publicHost: true` refuses `localhost` and every loopback, private, link-local or other non-public IP literal in any spelling (WHATWG `URL` + ipaddr.js, in `@vendor-contracts/runtime/url-policy`), and `localSchemes` are the schemes a non-public host may use when a client waives the `x-url-policy: public-host` rule (`waiveRequestRules`, e.g. AT&T Tool's `allowPrivatePingback` for a receiver on your own machine). The generated validators refuse a breaking value before any network call with the rule `x-url-policy: url|userinfo|public-host|scheme`; the message never contains the URL.",
    example: 'pingback_url:\n  type: string\n  format: uri\n  x-url-policy: { schemes: [https], userinfo: false, publicHost: true, localSchemes: [http, https] }',
    semver: { add: 'narrows', remove: 'widens', change: 'major', reason: 'a constraint: adding it accepts fewer values, removing it more; a changed policy may do either' },
    fills: [{ in: 'schemas', effect: 'a URL-policy refinement on the string (calls @vendor-contracts/runtime/url-policy)' }],
  }),
  defineExtension({
    name: 'x-envelope',
    where: ['root'],
    schema: z.object({ payload: bodyPointer }).strict(),
    doc: "Every answer wraps its payload (InfoCare's `{ data, error }`): `payload` is its JSON pointer. Methods and `call()` resolve to the payload and are typed so (`<Vendor>Output`); validation and `onUnknownFields` still see the whole envelope, and `raw` returns it. Whether an envelope is an error is `x-vendor-error`'s job.",
    example: 'x-envelope:\n  payload: /data',
    semver: { add: 'major', remove: 'major', change: 'major', reason: 'what every method resolves to moves with the payload pointer' },
    fills: [{ in: 'vendor', field: 'envelope', from: 'root' }],
  }),
  defineExtension({
    name: 'x-alias-of',
    where: ['schema'],
    schema: z.string().min(1),
    doc: "On an object property: another spelling the vendor sends for a property of the same object (TelecomX's `Offers` for `offers`), with the same schema and never required. The validator checks it under the spelling received, then reads it as the named property (the alias wins when it holds a value); only the named property is in the types and the result.",
    example: 'Offers:\n  type: [array, "null"]\n  items: { $ref: "#/components/schemas/Offer" }\n  x-alias-of: offers',
    semver: { add: 'major', remove: 'major', change: 'major', reason: 'the property a result carries its value under changes' },
    fills: [{ in: 'schemas', effect: 'the alias read as its canonical property (a transform after validation)' }],
  }),
  defineExtension({
    name: 'x-enum-varnames',
    where: ['schema'],
    schema: z.array(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'an identifier')).min(1),
    doc: 'Names for the members of an integer `enum`, in order: codegen emits them as a constant object (`QuoteDecision.Accept`).',
    example: 'enum: [1, 2]\nx-enum-varnames: [Accept, Reject]',
    semver: { add: 'minor', remove: 'major', change: 'major', reason: 'the generated constant names are public: new ones add, renamed or removed ones break' },
    fills: [{ in: 'schemas', effect: 'a named constant for each enum member' }],
  }),
  defineExtension({
    name: 'x-enum-descriptions',
    where: ['schema'],
    schema: z.array(z.string()).min(1),
    doc: 'One description per `enum` member, in order: documentation for readers of the spec.',
    example: 'enum: [1, 2]\nx-enum-descriptions: [Accept the quote, Reject the quote]',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-since-version',
    where: ['schema'],
    schema: z.int().positive(),
    doc: 'The API version that introduced the property (documentation; with `x-api-versions`, which version to ask for).',
    example: 'x-since-version: 3',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-access-level',
    where: ['operation'],
    schema: sentence,
    doc: 'The account role the vendor document says the operation needs (e.g. `ADMIN`): documentation for whoever provisions the credentials.',
    example: 'x-access-level: ADMIN',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-invalid-examples',
    where: ['operation', 'schema'],
    schema: z
      .array(
        z
          .object({
            summary: sentence,
            /** On an operation: what the value replaces. On a schema there is none (the value is one the schema refuses). */
            in: z.enum(['body', 'query', 'path', 'header']).optional(),
            name: z.string().min(1).optional(),
            value: z.unknown(),
            'x-source': z
              .string()
              .regex(/^source\//)
              .optional(),
          })
          .strict()
          .refine((e) => (e.in === undefined || e.in === 'body') === (e.name === undefined), 'a parameter entry names its parameter (`name`); a body or schema entry has none'),
      )
      .min(1),
    doc: 'Inputs the vendor document calls invalid. On an operation: `{ summary, in: body|query|path|header, name?, value, x-source }` (for `in: body` the whole body; for a parameter its value, `null` = missing); on a schema: `{ summary, value, x-source? }`, values that schema refuses. The contract and codegen tests assert the generated validators refuse each one before any network call.',
    example: 'x-invalid-examples:\n  - summary: imeis missing\n    in: body\n    value: { api_key: k }\n    x-source: "source/api.postman.json#Place order"',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
  defineExtension({
    name: 'x-request',
    where: ['example'],
    schema: sentence,
    doc: "On a response example: the request (the request-body example, and each parameter's example, of that name) the document shows answered with it. Lint checks the name (`vc-request-pairing`); `test/reliability` sends it and expects this answer as the typed error.",
    example: 'examples:\n  invalidApiKey:\n    x-request: invalidApiKey\n    value: { status: ERR_INVALID_API_KEY }',
    semver: DOCUMENTATION,
    fills: 'docs-only',
  }),
] as const satisfies readonly ExtensionDeclaration<any>[];

export type ExtensionName = (typeof EXTENSIONS)[number]['name'];

const BY_NAME: ReadonlyMap<string, ExtensionDeclaration<unknown>> = new Map(EXTENSIONS.map((e) => [e.name, e as ExtensionDeclaration<unknown>]));

/** The declaration of `name`, or undefined for an `x-` name nobody declared. */
export function extension(name: string): ExtensionDeclaration<unknown> | undefined {
  return BY_NAME.get(name);
}

/** Like `extension`, for names the caller knows are declared (a typo is a thrown error). */
export function declared(name: ExtensionName): ExtensionDeclaration<unknown> {
  return BY_NAME.get(name)!;
}

/** Extensions whose every change is documentation (spec-diff: patch). */
export function documentationExtensions(): string[] {
  return EXTENSIONS.filter((e) => e.semver.add === 'patch' && e.semver.remove === 'patch' && e.semver.change === 'patch').map((e) => e.name);
}
