/**
 * Every vendor's real client, built against one base URL (the fault rig) with the credentials a
 * test chooses, plus what the spec says about each operation: valid inputs (the spec's examples,
 * through the contract tests' case builders) and a documented success body to serve.
 */
import { createAtttoolClient } from '@vendor-contracts/atttool';
import { createInfocareClient } from '@vendor-contracts/infocare';
import type { CallInput, ClientOptions, RequestOptions, VendorDefinition } from '@vendor-contracts/runtime';
import type { LedgerEntry, Step, TokenAuthority } from '@vendor-contracts/runtime/testing';
import { tokenAuthority } from '@vendor-contracts/runtime/testing';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
// The contract tests already turn a spec into cases; reuse them rather than a second copy.
import { listOperations, type OpenApiDocument, responseCases, type SpecOperation, validInputs } from '../../contract/src/cases.js';
import { loadSpec } from '../../contract/src/workspace.js';
// The contract tests' per-vendor patches: examples the specs do not carry yet, `default` responses.
import { withoutDefaultResponses } from '../../contract/test/infocare/spec-cases.js';
import { withRequestIdExample } from '../../contract/test/telecomx/spec-cases.js';
import { withFixtureExamples } from '../../contract/test/totalmobile/spec-cases.js';

/** The spec as the contract tests use it: with their fixture examples where the spec has none. */
function specForCases(vendor: Vendor): OpenApiDocument {
  const spec = loadSpec(vendor);
  if (vendor === 'infocare') return withoutDefaultResponses(spec);
  if (vendor === 'telecomx') return withRequestIdExample(spec);
  if (vendor === 'totalmobile') return withFixtureExamples(spec);
  return spec;
}

export const VENDORS = ['atttool', 'infocare', 'telecomx', 'tmt-first', 'totalmobile'] as const;
export type Vendor = (typeof VENDORS)[number];

/** The credentials one client is built with; every value is a unique canary in the secret scan. */
export interface Credentials {
  /** tmt-first and atttool `apiKey`, telecomx `token`, infocare `apiToken`. */
  key: string;
  /** totalmobile only. */
  username: string;
  password: string;
  /** What the rig's token authority issues (totalmobile's bearer token). */
  bearer: string;
}

export interface AnyClient {
  readonly definition: VendorDefinition;
  call(operationId: string, input?: CallInput, options?: RequestOptions): Promise<unknown>;
}

export function createClient(vendor: Vendor, baseUrl: string, credentials: Credentials, options: Omit<ClientOptions, 'credentials' | 'baseUrl' | 'environment'> = {}): AnyClient {
  const common = { ...options, baseUrl };
  switch (vendor) {
    case 'atttool':
      return createAtttoolClient({ ...common, apiKey: credentials.key });
    case 'infocare':
      return createInfocareClient({ ...common, apiToken: credentials.key });
    case 'telecomx':
      return createTelecomxClient({ ...common, token: credentials.key });
    case 'tmt-first':
      return createTmtFirstClient({ ...common, apiKey: credentials.key });
    case 'totalmobile':
      return createTotalmobileClient({ ...common, username: credentials.username, password: credentials.password });
  }
}

export interface VendorFacts {
  vendor: Vendor;
  spec: OpenApiDocument;
  operations: SpecOperation[];
  /** The first valid input of each operation (from the spec's examples). */
  validInput: Map<string, CallInput>;
  /** A documented success body per operation (the first 2xx example), when the spec has one. */
  successBody: Map<string, { status: number; body: unknown }>;
}

const factsCache = new Map<Vendor, VendorFacts>();

export function vendorFacts(vendor: Vendor): VendorFacts {
  const cached = factsCache.get(vendor);
  if (cached) return cached;
  const spec = specForCases(vendor);
  const validInput = new Map<string, CallInput>();
  for (const v of validInputs(spec)) if (!validInput.has(v.operationId)) validInput.set(v.operationId, v.input);
  const successBody = new Map<string, { status: number; body: unknown }>();
  for (const c of responseCases(spec)) {
    if (c.kind === 'success' && !successBody.has(c.operationId) && (c.body === 'example' || c.body === 'none')) successBody.set(c.operationId, { status: c.status, body: c.value });
  }
  const facts = { vendor, spec, operations: listOperations(spec), validInput, successBody };
  factsCache.set(vendor, facts);
  return facts;
}

/** Which operation a request on the rig is for (method + path template), or undefined. */
export function operationFor(facts: VendorFacts, entry: Pick<LedgerEntry, 'method' | 'url'>): SpecOperation | undefined {
  const path = entry.url.split('?')[0]!;
  return facts.operations.find((op) => {
    if (op.method !== entry.method) return false;
    const pattern = new RegExp(`${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path);
  });
}

/** A documented success answer for whatever operation `entry` calls (200 `{}` when unknown). */
export function successStep(facts: VendorFacts, entry: LedgerEntry): Step {
  const op = operationFor(facts, entry);
  const known = op && facts.successBody.get(op.operationId);
  if (!known) return { status: 200, body: {} };
  return known.body === undefined ? { status: known.status, body: '' } : { status: known.status, body: known.body };
}

/**
 * The rig's answer function for one vendor: Totalmobile's `/token` through a token authority
 * (minting `credentials.bearer`), everything else via `answer`.
 */
export function vendorAnswers(
  vendor: Vendor,
  credentials: Credentials,
  now: () => number,
  answer: (entry: LedgerEntry) => Step,
): { handle: (entry: LedgerEntry) => Step; authority: TokenAuthority | undefined } {
  if (vendor !== 'totalmobile') return { handle: answer, authority: undefined };
  const authority = tokenAuthority({ now, expiresIn: 3600, mint: (n) => (n === 1 ? credentials.bearer : `${credentials.bearer}-${n}`), answer });
  return { handle: authority.handle, authority };
}
