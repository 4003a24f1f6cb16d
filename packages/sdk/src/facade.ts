/**
 * `createVendorContracts`: one configuration for every vendor. Each configured vendor's client is
 * built on first use, once, from `defaults` merged under its own options; the facade adds no
 * behaviour of its own.
 */
import type { AtttoolClientOptions } from '@vendor-contracts/atttool';
import type { InfocareClientOptions } from '@vendor-contracts/infocare';
import { ConfigError } from '@vendor-contracts/runtime';
import type { TelecomxClientOptions } from '@vendor-contracts/telecomx';
import type { TmtFirstClientOptions } from '@vendor-contracts/tmt-first';
import type { TotalmobileClientOptions } from '@vendor-contracts/totalmobile';
import { withDefaults } from './merge.js';
import { SHARED_OPTION_KEYS, type SharedClientOptions, VENDOR_KEYS, type VendorClients, type VendorKey, VENDORS } from './registry.js';

/** What `createVendorContracts` takes: the vendors you use, each with its own options, and shared defaults. */
export interface VendorContractsConfig {
  /** TMT First Connect API v2 (`@vendor-contracts/tmt-first`): `{ apiKey, environment? }`. */
  tmtFirst?: TmtFirstClientOptions;
  /** TelecomX Internet Request API (`@vendor-contracts/telecomx`): `{ token }`. */
  telecomx?: TelecomxClientOptions;
  /** InfoCare API v3 (`@vendor-contracts/infocare`): `{ baseUrl, apiToken }`. */
  infocare?: InfocareClientOptions;
  /** Totalmobile Connect Web Services (`@vendor-contracts/totalmobile`): `{ username, password }`. */
  totalmobile?: TotalmobileClientOptions;
  /** AT&T Tool API v1 (`@vendor-contracts/atttool`): `{ apiKey }`. */
  atttool?: AtttoolClientOptions;
  /**
   * Options every configured vendor starts from (`timeout`, `deadline`, `retry`, `hooks`, `fetch`,
   * …). A vendor's own options win; `hooks` on both sides both run (shared first), `headers` and
   * `retry` merge by key, `middleware` lists join (shared first).
   * @default {}
   */
  defaults?: SharedClientOptions;
}

/**
 * The facade for the vendors in `K`: each property is that vendor's client, built on first access.
 * A vendor left out of the configuration is not a property (a type error), and reading it anyway
 * throws `ConfigError`.
 */
export type VendorContracts<K extends keyof VendorContractsConfig = keyof VendorContractsConfig> = {
  readonly [P in K & VendorKey]: VendorClients[P];
};

/**
 * One configuration for every vendor:
 *
 * ```ts
 * const vendors = createVendorContracts({
 *   tmtFirst: { apiKey: process.env.TMT_API_KEY!, environment: 'test' },
 *   atttool: { apiKey: process.env.ATTTOOL_API_KEY! },
 *   defaults: { timeout: 10_000, retry: { maxRetries: 3 } },
 * });
 * await vendors.tmtFirst.getJob({ path: { connect_id: 1 } });
 * ```
 *
 * The configuration's shape is checked here (unknown keys, non-object entries → `ConfigError`
 * naming the key); each vendor's own checks (credentials, `baseUrl`) run when it is first used.
 */
export function createVendorContracts<K extends keyof VendorContractsConfig = never>(config: Pick<VendorContractsConfig, K>): VendorContracts<K> {
  const checked = checkConfig(config);
  const facade = {};
  for (const key of VENDOR_KEYS) {
    const own = checked[key];
    if (own === undefined) {
      // Not enumerable, so inspecting or spreading the facade never throws.
      Object.defineProperty(facade, key, { enumerable: false, get: () => failNotConfigured(key) });
      continue;
    }
    let client: VendorClients[typeof key] | undefined;
    const create = VENDORS[key].create as (options: object) => VendorClients[typeof key];
    Object.defineProperty(facade, key, { enumerable: true, get: () => (client ??= create(withDefaults(checked.defaults, own))) });
  }
  return Object.freeze(facade) as VendorContracts<K>;
}

function failNotConfigured(key: VendorKey): never {
  const { slug, example } = VENDORS[key];
  throw new ConfigError(`vendor-contracts: ${key} is not configured; pass its options to createVendorContracts, e.g. createVendorContracts({ ${example} })`, { vendor: slug });
}

const TOP_LEVEL_KEYS = [...VENDOR_KEYS, 'defaults'];

/** The configuration's shape, checked before anything is built; returns a shallow snapshot. */
function checkConfig(config: unknown): VendorContractsConfig {
  if (!isPlainObject(config)) {
    throw new ConfigError(`createVendorContracts: config must be an object such as { ${VENDORS.tmtFirst.example} }`);
  }
  const snapshot: Record<string, object | undefined> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw unknownTopLevelKey(key);
    if (value === undefined) continue;
    if (!isPlainObject(value)) {
      throw new ConfigError(`createVendorContracts: ${key} must be an object of options, not ${describe(value)}`, vendorContext(key));
    }
    if (key === 'defaults') checkDefaults(value);
    else checkVendorOptions(key as VendorKey, value);
    snapshot[key] = { ...value };
  }
  return snapshot as VendorContractsConfig;
}

function unknownTopLevelKey(key: string): ConfigError {
  const byPackageName = VENDOR_KEYS.find((k) => VENDORS[k].slug === key || k.toLowerCase() === key.toLowerCase());
  const hint = byPackageName ? `did you mean "${byPackageName}"?` : `the keys are ${TOP_LEVEL_KEYS.join(', ')}`;
  return new ConfigError(`createVendorContracts: unknown key "${key}"; ${hint}`);
}

function checkVendorOptions(key: VendorKey, options: object): void {
  const { slug, ownOptions } = VENDORS[key];
  for (const name of Object.keys(options)) {
    if (ownOptions.includes(name) || SHARED_OPTION_KEYS.includes(name)) continue;
    throw new ConfigError(
      `createVendorContracts: ${key} has no option "${name}"; ${slug} takes ${ownOptions.join(', ')} and the shared options (${SHARED_OPTION_KEYS.join(', ')})`,
      { vendor: slug },
    );
  }
}

function checkDefaults(defaults: object): void {
  for (const name of Object.keys(defaults)) {
    if (SHARED_OPTION_KEYS.includes(name)) continue;
    const perVendor = VENDOR_KEYS.some((k) => VENDORS[k].ownOptions.includes(name));
    const hint = perVendor
      ? `"${name}" is a per-vendor option: put it under the vendor's key`
      : name === 'retries' || name === 'maxRetries'
        ? `retries are set with retry: { maxRetries: n }`
        : `the shared options are ${SHARED_OPTION_KEYS.join(', ')}`;
    throw new ConfigError(`createVendorContracts: defaults has no option "${name}"; ${hint}`);
  }
}

function vendorContext(key: string): { vendor?: string } {
  return key in VENDORS ? { vendor: VENDORS[key as VendorKey].slug } : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** What a wrong value is, without showing it (it may be a secret). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
