/**
 * The shape of one extension declaration, and the lookups the tools use. The declarations
 * themselves are in extensions.ts: adding an extension is one entry there (plus its runtime
 * behaviour and tests), and codegen, spec-lint, spec-diff and specs/README.md follow.
 */
import type { ZodType } from 'zod';
import type { Location } from './sites.js';

export type Bump = 'major' | 'minor' | 'patch';
/**
 * How one kind of change (adding, removing, changing the extension) classifies: a fixed bump, or
 * by its effect on the values the schema accepts — `narrows` (fewer: major in a request, minor in
 * a response) or `widens` (more: minor in a request, major in a response). Outside a schema
 * `narrows`/`widens` read as major.
 */
export type SemverEffect = Bump | 'narrows' | 'widens';

export interface SemverClass {
  readonly add: SemverEffect;
  readonly remove: SemverEffect;
  readonly change: SemverEffect;
  /** Why, in one sentence: shown in specs/README.md. */
  readonly reason: string;
  /** The changelog line's explanation for each kind of change (else the line shows before → after only). */
  readonly notes?: Partial<Record<'add' | 'remove' | 'change', string>>;
}

/**
 * What the extension fills in the generated code:
 * - `operation`/`vendor`: a field of `OperationDefinition`/`VendorDefinition` in
 *   `generated/operations.ts`, read from the extension `from` where it stands (`operation` falls
 *   back to the document root when the extension may appear there too);
 * - `schemas`: the generated zod validators and types (`effect` says how);
 * - `docs-only`: nothing generated; documentation, or read by tests and lint only.
 */
export type Fill =
  | { readonly in: 'operation'; readonly field: string; readonly from: 'operation' | 'response' | 'request-field' }
  | { readonly in: 'vendor'; readonly field: string; readonly from: 'root' | 'server' }
  | { readonly in: 'schemas'; readonly effect: string };

export interface ExtensionDeclaration<T = unknown> {
  readonly name: `x-${string}`;
  /** Every place the extension may stand; anywhere else is a lint error. */
  readonly where: readonly Location[];
  /** Its value, validated by spec-lint (`vc-extension-value`). */
  readonly schema: ZodType<T>;
  /** One paragraph: what it means and who reads it. */
  readonly doc: string;
  /** A short YAML example of it in place. */
  readonly example: string;
  readonly semver: SemverClass;
  readonly fills: 'docs-only' | readonly Fill[];
}

/** Identity at runtime; keeps `schema` and the value type together at compile time. */
export function defineExtension<T>(declaration: ExtensionDeclaration<T>): ExtensionDeclaration<T> {
  return declaration;
}
