/**
 * Client options → the settings every stage reads, defaults resolved once at creation (and every
 * bad value a `ConfigError` there, before any call).
 */
import type { VendorDefinition } from '../definition.js';
import { ConfigError } from '../errors.js';
import { type PasswordFlowClient, withPasswordFlowTokens } from '../auth/password-flow.js';
import { RetryBudget } from '../retry/budget.js';
import { ConcurrencyLimiter } from '../limits/concurrency.js';
import { credentialKey } from '../limits/credential-key.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import { defaultSleep } from '../limits/wait.js';
import { headerOptionProblem } from '../request-build.js';
import { SecretScrubber } from '../redact.js';
import {
  type ClientHooks,
  type ClientOptions,
  type Credential,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type RetryOptions,
} from '../options.js';

/** What the stages of a call share: one per client, read-only after creation. */
export interface ClientConfig {
  readonly definition: VendorDefinition;
  readonly vendor: string;
  readonly baseUrl: string;
  /** Named in connection errors: where the client tried to connect, never the path or a query. */
  readonly origin: string;
  readonly credentials: Readonly<Record<string, Credential>>;
  readonly timeout: number;
  readonly deadline: number;
  readonly retry: RetryOptions;
  readonly validateRequests: boolean;
  readonly validateResponses: boolean;
  readonly maxResponseBytes: number;
  readonly hooks: ClientHooks;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** Wall-clock time, only for HTTP dates (Retry-After). */
  readonly now: () => number;
  /** Every interval: a wall-clock step (NTP, a VM resumed) neither stalls nor fails a call. */
  readonly monotonicNow: () => number;
  readonly concurrency: ConcurrencyLimiter;
  readonly limiter: RateLimiter | undefined;
  readonly budget: RetryBudget | undefined;
  /** Every credential value this client sends, so errors and hook events never carry one back. */
  readonly scrubber: SecretScrubber;
}

/** `self`: the client being built, for what calls its own operations (the password flow's token request). */
export function resolveConfig(definition: VendorDefinition, options: ClientOptions, self?: PasswordFlowClient): ClientConfig {
  const vendor = definition.vendor;
  const baseUrl = resolveBaseUrl(definition, options);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!(timeout > 0)) throw new ConfigError(`${vendor}: timeout must be a positive number of milliseconds`, { vendor });
  const deadline = options.deadline ?? DEFAULT_DEADLINE_MS;
  if (!(deadline > 0)) throw new ConfigError(`${vendor}: deadline must be a positive number of milliseconds`, { vendor });
  // A spec'd OAuth2 password flow turns `username`/`password` credentials into a bearer token,
  // fetched through the client being built (`self`, read lazily: it exists only after this).
  const credentials: Record<string, Credential> = self ? withPasswordFlowTokens(definition, options.credentials ?? {}, options, self) : (options.credentials ?? {});
  const hooks = options.hooks ?? {};
  const sleep = options.sleep ?? defaultSleep;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  if (!(maxConcurrency >= 1)) throw new ConfigError(`${vendor}: maxConcurrency must be at least 1`, { vendor });
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? definition.rateLimit);
  if (rateLimit && !(rateLimit.limit >= 1 && rateLimit.windowSeconds > 0)) {
    throw new ConfigError(`${vendor}: rateLimit needs limit ≥ 1 and windowSeconds > 0`, { vendor });
  }
  const clientHeaderProblem = headerOptionProblem(options.headers);
  if (clientHeaderProblem) throw new ConfigError(`${vendor}: ${clientHeaderProblem}`, { vendor });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(maxResponseBytes > 0)) throw new ConfigError(`${vendor}: maxResponseBytes must be a positive number`, { vendor });
  const retry = options.retry ?? {};

  const scrubber = new SecretScrubber([vendor, ...Object.keys(definition.operations), ...(definition.publishedWords ?? [])]);
  for (const value of Object.values(credentials)) if (typeof value === 'string') scrubber.add(value);

  return {
    definition,
    vendor,
    baseUrl,
    origin: originOf(baseUrl),
    credentials,
    timeout,
    deadline,
    retry,
    validateRequests: options.validateRequests ?? true,
    validateResponses: options.validateResponses ?? true,
    maxResponseBytes,
    hooks,
    sleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    monotonicNow,
    concurrency: new ConcurrencyLimiter(Math.floor(maxConcurrency)),
    limiter: rateLimit
      ? new RateLimiter({
          store: options.rateLimitStore,
          // The quota belongs to the credential: clients (and processes) with the same key share it.
          key: () =>
            credentialKey('rate-limit', vendor, [
              baseUrl,
              ...Object.values(credentials)
                .filter((v): v is string => typeof v === 'string')
                .sort(),
            ]),
          limit: Math.floor(rateLimit.limit),
          windowMs: rateLimit.windowSeconds * 1000,
          monotonicNow,
          sleep,
          onStoreError: (operation, error) => hooks.onStoreError?.({ vendor, store: 'rate-limit', operation, error, fallback: 'local' }),
        })
      : undefined,
    budget: retry.budget === false ? undefined : new RetryBudget(retry.budget),
    scrubber,
  };
}

function resolveBaseUrl(definition: VendorDefinition, options: ClientOptions): string {
  const vendor = definition.vendor;
  const environments = Object.keys(definition.servers);
  let url = options.baseUrl;
  if (!url) {
    const env = options.environment ?? environments[0];
    url = env === undefined ? undefined : definition.servers[env];
    if (!url) {
      throw new ConfigError(
        `${vendor}: ${options.environment ? `unknown environment "${options.environment}"` : 'no server in the spec'}; pass baseUrl or one of: ${environments.join(', ') || '(none)'}`,
        { vendor },
      );
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${vendor}: baseUrl must be an absolute http(s) URL`, { vendor });
  }
  if (/%7B|%7D|[{}]/i.test(url)) throw new ConfigError(`${vendor}: baseUrl still has a {variable}; pass the real baseUrl`, { vendor });
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${vendor}: baseUrl must use https`, { vendor });
  // Credentials must not cross a network in clear text (S4); plain http is for local test servers.
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new ConfigError(`${vendor}: baseUrl must use https; http is allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1])`, { vendor });
  }
  if (parsed.username || parsed.password) throw new ConfigError(`${vendor}: baseUrl must not carry credentials; use the client's auth options`, { vendor });
  return url.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `scheme://host:port` of a URL, the port spelled out even when it is the default. */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}
