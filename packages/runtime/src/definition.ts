/**
 * The shape of `generated/operations.ts`: everything the engine needs to know about a vendor,
 * read from its spec by tools/codegen. Vendor packages pass it to `createVendorClient`.
 */
import type { ZodType } from 'zod';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/** `x-vendor-error`: when a 2xx body is really an error. Pointers are JSON pointers into the body. */
export interface VendorErrorRule {
  readonly when: { readonly pointer: string; readonly pattern?: string; readonly present?: boolean };
  readonly code?: string;
  readonly message?: string;
}

/**
 * `x-error-fields`: where an error body carries the vendor's code and message. Each is a list of
 * JSON pointers tried in order (bodies vary: `/error` or `/0/error`); the first string wins.
 */
export interface ErrorFieldsRule {
  readonly code?: readonly string[];
  readonly message?: readonly string[];
}

/**
 * `x-envelope`: every answer wraps its payload (InfoCare's `{ data, error }`). `payload` is the JSON
 * pointer of the payload in a successful body; the client resolves to it. When an envelope is an
 * error is said by `x-vendor-error`, not here.
 */
export interface EnvelopeRule {
  readonly payload: string;
}

export interface OperationDefinition {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary?: string;
  /** OpenAPI security requirements: any one of them satisfies the operation. */
  readonly security: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  /** `x-api-versions`: versions the operation accepts (sent as `Accept: application/json; version=N`). */
  readonly apiVersions?: readonly number[];
  /** Safe to retry: GET/PUT/DELETE by HTTP semantics, or `x-idempotent: true`. */
  readonly idempotent: boolean;
  readonly bodyMediaType?: string;
  /** `x-credential`: request fields the client fills from its configuration. */
  readonly credentials: ReadonlyArray<{ readonly in: string; readonly name: string; readonly credential: string }>;
  readonly vendorError?: VendorErrorRule;
  readonly errorFields?: ErrorFieldsRule;
  readonly responseVendorErrors: Readonly<Record<string, VendorErrorRule>>;
  /**
   * The zod schemas, given eagerly (a hand-written definition) …: request parts, response schemas
   * by status (`200`, `4XX`, `default`; null = no JSON body; unknown keys kept), and the same with
   * unknown keys rejected (used only to report new fields).
   */
  readonly request?: OperationSchemas['request'];
  readonly responses?: OperationSchemas['responses'];
  readonly strictResponses?: OperationSchemas['strictResponses'];
  /**
   * … or loaded on demand (generated definitions: a dynamic `import()` of generated/schemas.ts, so
   * bundlers split zod off into a chunk that loads only when a value needs it — a site the compiled
   * checks cannot finish (`x-alias-of`), `onUnknownFields`, or a definition without `checks`).
   */
  readonly schemas?: () => OperationSchemas | Promise<OperationSchemas>;
  /**
   * The same verdicts as `request` and `responses`, compiled at codegen time (generated/checks.ts):
   * the hot path, and the issues of a rejected value in our words. Without it, zod checks.
   */
  readonly checks?: OperationChecks;
}

/** One broken rule found by a compiled check: where (keys and indexes) and the rule in JSON Schema words. */
export interface CheckIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly rule: string;
  /** A sentence of its own (`x-url-policy`'s, from @vendor-contracts/runtime/url-policy); without one the runtime words the rule. */
  readonly message?: string;
}

/**
 * A compiled check (generated/checks.ts). With `out === null` it answers only yes or no, stopping
 * at the first failure; with an array it records the first broken rule of every field.
 */
export type Check = (value: unknown, path: CheckIssue['path'], out: CheckIssue[] | null) => boolean;

export interface OperationChecks {
  readonly request: { readonly path?: Check; readonly query?: Check; readonly header?: Check; readonly body?: Check };
  /**
   * By status, like `responses`; null = no JSON body. A request part without a check is validated
   * by zod.
   */
  readonly responses: Readonly<Record<string, Check | null>>;
  /**
   * Response statuses whose checked body zod also rewrites (`x-alias-of`: an alias read as its
   * canonical property): a yes there is finished by zod, which returns the rewritten body.
   */
  readonly rewrites?: readonly string[];
}

/** An operation's zod schemas (generated/schemas.ts: `<operationId>Request`, `…Responses`, `…ResponsesStrict`). */
export interface OperationSchemas {
  readonly request: { readonly path?: ZodType; readonly query?: ZodType; readonly header?: ZodType; readonly body?: ZodType };
  /** Response schemas by status (`200`, `4XX`, `default`); null = no JSON body. Unknown keys kept. */
  readonly responses: Readonly<Record<string, ZodType | null>>;
  /** The same with unknown keys rejected: used only to report new fields. */
  readonly strictResponses: Readonly<Record<string, ZodType | null>>;
}

export type SecurityScheme =
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string; readonly description?: string }
  | { readonly type: 'http'; readonly scheme: string; readonly bearerFormat?: string; readonly description?: string }
  | { readonly type: 'oauth2'; readonly flows: Readonly<Record<string, unknown>>; readonly description?: string }
  | { readonly type: 'openIdConnect' | 'mutualTLS'; readonly description?: string };

export interface VendorDefinition {
  readonly vendor: string;
  readonly title?: string;
  readonly version?: string;
  /** Base URLs by environment name (`x-environment`). */
  readonly servers: Readonly<Record<string, string>>;
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
  /** `x-rate-limit`: at most `limit` requests in any `windowSeconds` window. */
  readonly rateLimit?: { readonly limit: number; readonly windowSeconds: number };
  /** `x-envelope`: where the payload sits in every successful answer; methods resolve to it. */
  readonly envelope?: EnvelopeRule;
  /** Every string value the spec publishes (`enum`, `const`): error codes and the like, kept in messages by the scrubber. */
  readonly publishedWords?: readonly string[];
  readonly operations: Readonly<Record<string, OperationDefinition>>;
}
