/**
 * The five vendors the facade knows: their config key, package, factory, and how to configure them.
 * The only file of the facade that imports every vendor package's factories (facade.ts and
 * index.ts import their types only, which no bundle keeps; the subpaths import one vendor each).
 */
import { type AtttoolClient, type AtttoolClientOptions, createAtttoolClient } from '@vendor-contracts/atttool';
import { createInfocareClient, type InfocareClient, type InfocareClientOptions } from '@vendor-contracts/infocare';
import type { ClientOptions } from '@vendor-contracts/runtime';
import { createTelecomxClient, type TelecomxClient, type TelecomxClientOptions } from '@vendor-contracts/telecomx';
import { createTmtFirstClient, type TmtFirstClient, type TmtFirstClientOptions } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient, type TotalmobileClient, type TotalmobileClientOptions } from '@vendor-contracts/totalmobile';

/** Each vendor's options, by facade key. */
export interface VendorOptions {
  tmtFirst: TmtFirstClientOptions;
  telecomx: TelecomxClientOptions;
  infocare: InfocareClientOptions;
  totalmobile: TotalmobileClientOptions;
  atttool: AtttoolClientOptions;
}

/** Each vendor's client (exactly what its `create<Vendor>Client` returns), by facade key. */
export interface VendorClients {
  tmtFirst: TmtFirstClient;
  telecomx: TelecomxClient;
  infocare: InfocareClient;
  totalmobile: TotalmobileClient;
  atttool: AtttoolClient;
}

export type VendorKey = keyof VendorClients;

/**
 * The client options every vendor shares, usable as `defaults`: all of the runtime's
 * `ClientOptions` except where to call (`baseUrl`, `environment`) and who calls (`credentials`),
 * which are per vendor.
 */
export type SharedClientOptions = Omit<ClientOptions, 'baseUrl' | 'environment' | 'credentials'>;

interface VendorEntry<K extends VendorKey> {
  /** The vendor package, re-exported as `@vendor-contracts/sdk/<slug>`. */
  slug: string;
  create(options: VendorOptions[K]): VendorClients[K];
  /** The options only this vendor has (besides the shared ones), for the up-front key check. */
  ownOptions: readonly string[];
  /** How to configure it, for the error thrown when it is used unconfigured. */
  example: string;
}

/**
 * The keys of `T` not in `SharedClientOptions`, listed in full: a vendor that gains or loses an
 * option fails to compile here until the list (and so the up-front check) follows.
 */
function ownKeysOf<T>() {
  type Own = Exclude<keyof T, keyof SharedClientOptions>;
  return <const L extends readonly Own[]>(...keys: L & ([Own] extends [L[number]] ? unknown : { missing: Exclude<Own, L[number]> })): L => keys;
}

export const VENDORS: { readonly [K in VendorKey]: VendorEntry<K> } = {
  tmtFirst: {
    slug: 'tmt-first',
    create: createTmtFirstClient,
    ownOptions: ownKeysOf<TmtFirstClientOptions>()('apiKey', 'environment', 'baseUrl'),
    example: "tmtFirst: { apiKey: process.env.TMT_API_KEY, environment: 'test' }",
  },
  telecomx: {
    slug: 'telecomx',
    create: createTelecomxClient,
    ownOptions: ownKeysOf<TelecomxClientOptions>()('token', 'environment', 'baseUrl'),
    example: 'telecomx: { token: process.env.TELECOMX_TOKEN }',
  },
  infocare: {
    slug: 'infocare',
    create: createInfocareClient,
    ownOptions: ownKeysOf<InfocareClientOptions>()('baseUrl', 'apiToken'),
    example: "infocare: { baseUrl: 'https://serviceorderhub.com', apiToken: process.env.INFOCARE_TOKEN }",
  },
  totalmobile: {
    slug: 'totalmobile',
    create: createTotalmobileClient,
    ownOptions: ownKeysOf<TotalmobileClientOptions>()('username', 'password', 'environment', 'baseUrl'),
    example: 'totalmobile: { username: process.env.TM_USERNAME, password: process.env.TM_PASSWORD }',
  },
  atttool: {
    slug: 'atttool',
    create: createAtttoolClient,
    ownOptions: ownKeysOf<AtttoolClientOptions>()('apiKey', 'environment', 'baseUrl', 'allowPrivatePingback'),
    example: 'atttool: { apiKey: process.env.ATTTOOL_API_KEY }',
  },
};

export const VENDOR_KEYS = Object.keys(VENDORS) as VendorKey[];

/** Every key of `SharedClientOptions`, listed in full (checked at compile time like `ownKeysOf`). */
function sharedKeys<const L extends readonly (keyof SharedClientOptions)[]>(
  ...keys: L & ([keyof SharedClientOptions] extends [L[number]] ? unknown : { missing: Exclude<keyof SharedClientOptions, L[number]> })
): L {
  return keys;
}

export const SHARED_OPTION_KEYS: readonly string[] = sharedKeys(
  'timeout',
  'deadline',
  'retry',
  'rateLimit',
  'sleep',
  'random',
  'now',
  'monotonicNow',
  'maxConcurrency',
  'rateLimitStore',
  'tokenStore',
  'validateRequests',
  'validateResponses',
  'fetch',
  'headers',
  'hooks',
  'middleware',
  'maxResponseBytes',
);
