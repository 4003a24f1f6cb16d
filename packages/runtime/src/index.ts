export { createVendorClient, type CallInput, type VendorClient, type VendorEngine } from './client.js';
export { DEFAULT_DEADLINE_MS, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS, DEFAULT_TIMEOUT_MS } from './options.js';
export { MAX_UNKNOWN_FIELD_POINTERS, schemasOf } from './validate.js';
/** Called by the compiled checks (generated/checks.ts) of every vendor. */
export { branchIssues, checkFailed, closestBranch, isMultipleOf, isPlainObject, optionalCheck } from './check-helpers.js';
export type { ValueShape, ValueType } from './drift/shape.js';
export { jsonPointer } from './pointer.js';
export type {
  Check,
  CheckIssue,
  EnvelopeRule,
  ErrorFieldsRule,
  HttpMethod,
  OperationChecks,
  OperationDefinition,
  OperationSchemas,
  SecurityScheme,
  VendorDefinition,
  VendorErrorRule,
} from './definition.js';
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectionError,
  type ErrorContext,
  type FieldIssue,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ResponseContractError,
  ResponseFormatError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnexpectedRedirectError,
  UnprocessableEntityError,
  VendorContractsError,
  VendorError,
} from './errors.js';
export { RetryBudget, type RetryBudgetOptions } from './retry/budget.js';
// Web-standard (a timer the signal clears): the workflows wait with it in browsers and Workers too.
export { defaultSleep as sleep } from './limits/wait.js';
// The one polling loop every vendor workflow waits with (same option names, one timeout error).
export {
  poll,
  POLL_DEFAULTS,
  type PollDefaults,
  pollEach,
  type PollOptions,
  type PollSubject,
  PollTimeoutError,
  type PollTimeoutReason,
  renameDeprecatedOptions,
} from './workflows/poll.js';
export { backoffDelay, type Classification, defaultClassify, type RetryClass, type RetryClassifier, type RetryContext, retryAfterMs } from './retry/classify.js';
export type {
  CallEvent,
  ClientHooks,
  ClientOptions,
  Credential,
  ErrorEvent,
  RequestEvent,
  RequestOptions,
  ResponseEvent,
  RetryEvent,
  RetryOptions,
  StoreErrorEvent,
  SuccessEvent,
  WaitEvent,
  RateLimitOptions,
  UnknownFieldsEvent,
} from './options.js';
export type {
  OperationArgs,
  OperationErrorBody,
  OperationInput,
  OperationMethods,
  OperationOutput,
  OperationResult,
  SuccessStatus,
  WithoutCredentialFields,
} from './types.js';
export { type AtPointer, unwrapEnvelope } from './response/envelope.js';
export { type AcquiredToken, type CachedToken, type CachedTokenOptions, cachedToken, TokenAcquisitionError } from './auth/cached-token.js';
export { type BindingStore, BindingConflictError } from './stores/binding.js';
export {
  type ClaimResult,
  IdempotencyBusyError,
  type IdempotencyStore,
  isTransactionalStore,
  type RunOnceOptions,
  type RunOnceResult,
  type TransactionalIdempotencyStore,
} from './stores/idempotency.js';
export { MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './stores/memory-idempotency.js';
export type { StoredToken, TokenStore } from './auth/token-store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitGrant, type RateLimitRequest, type RateLimitStore } from './limits/rate-limit-store.js';
export { credentialKey } from './limits/credential-key.js';
export { type CredentialOptionCheck, type CredentialTarget, checkCredentialOption } from './auth/credential-check.js';
export { type PasswordFlow, passwordFlows } from './auth/password-flow.js';
/** What a scrubbed secret reads as in errors and events. */
export { REDACTED } from './redact.js';
export { DateFormatError } from './date-format-error.js';
export { waiveRequestRules } from './waive-rules.js';
