/**
 * What the one contract suite (`test/every-vendor/`) needs to know about a vendor. Everything the
 * suite can read from the spec (operations, examples, responses, `x-invalid-examples`,
 * `x-vendor-error`, `x-error-fields`, security) it reads there; a vendor's entry
 * (`test/<vendor>/contract.ts`) holds only what differs and the spec cannot say: how its client is
 * built and authenticated, how its answers are read, and the case counts of its spec today.
 */
import type { CallInput, ClientOptions, VendorDefinition } from '@vendor-contracts/runtime';
import type { OpenApiDocument, SpecOperation } from './cases.js';

export type Fetch = (request: Request) => Promise<Response>;
export type Middleware = NonNullable<ClientOptions['middleware']>[number];

/** How one test builds a client: always on Prism, always through a recording `fetch`. */
export interface ClientSetup {
  baseUrl: string;
  fetch: Fetch;
  /** `false` sends an input unchecked (to see Prism refuse it). */
  validateRequests?: boolean;
  middleware?: Middleware[];
  /** A key other than the vendor's test key (for vendors whose examples carry their own key). */
  apiKey?: string;
}

/** An exact count, or a floor for counts the spec is expected to grow. */
export type Count = number | { atLeast: number };

/** The credential travels in one header the client sets (an API key, a bearer token…). */
export interface HeaderCredential {
  in: 'header';
  /** The header's name, e.g. `Authorization`. */
  name: string;
  /** Its value on the wire, e.g. `Bearer contract-test-token`. */
  value: string;
  /** What a caller tries to put in that header (the client must keep its own). */
  forged: string;
  /** The operation whose first valid input probes the header with raw (unchecked) requests. */
  probe: string;
  /**
   * Whether the 401 Prism answers without credentials matches the spec: true when the spec
   * documents that 401 with an example, false when Prism answers with its own problem body.
   * Undefined: the spec documents a 401 whose body Prism generates (not asserted).
   */
  unauthorizedBodyMatchesSpec: boolean | undefined;
}

/**
 * The credential travels in fields the spec marks `x-credential` (JSON body or query string), which
 * the client fills from its `apiKey` option; the spec's examples carry the key they were written with.
 */
export interface FieldCredential {
  in: 'fields';
  /** The key to configure the client with when the input carries none. */
  defaultKey: string;
  /** The input without its credential fields, and the key they held. */
  split(op: SpecOperation, input: CallInput): { apiKey: string | undefined; input: CallInput };
  /** The key of the operation's documented example when its credential is a parameter (which the case builders skip). */
  exampleKey(op: SpecOperation): string | undefined;
  /** The fields by location, for the request on the wire. */
  fields(op: SpecOperation): { body: string[]; query: string[] };
}

/** A token the client obtains through one of the spec's own operations before a secured call. */
export interface TokenGrant {
  /** The token operation's path, e.g. `/token`. */
  path: string;
  /** The grant body on the wire (form-encoded), exactly the spec's example. */
  body: string;
}

export interface VendorContract<Client extends object = object> {
  vendor: string;
  /** The generated definition (operations, methods, paths, retries, API versions). */
  definition: VendorDefinition;
  /** The spec the cases are built from, when the spec lacks something the builders need (`spec-cases.ts`). */
  casesSpec?(spec: OpenApiDocument): OpenApiDocument;
  /** Cases for the `default` responses `casesSpec` left out (the builders cannot ask Prism for `default`). */
  defaultResponses?(spec: OpenApiDocument): Array<{ operationId: string; status: number; prefer: string; input: CallInput }>;
  client(setup: ClientSetup): Client;
  /** Every secret the client is configured with: none may appear in an error. */
  secrets: readonly string[];
  credential: HeaderCredential | FieldCredential;
  token?: TokenGrant;
  /** A body as the client returns it (the envelope's `data`, an alias under its canonical name…); the body itself when absent. */
  answer?(body: unknown): unknown;
  /** `operationId in name` of `x-invalid-examples` entries Prism accepts (only the client can check them). */
  clientOnly?: readonly string[];
  /** `operationId in name` of entries the client cannot even send (it fills that field itself). */
  filledByClient?: readonly string[];
  /**
   * Prism lists request violations in its `sl-violations` header only for operations that document
   * a 4xx; for the others, in the `validation` list of the 422 problem body it makes up.
   */
  violationsInProblemBody?: boolean;
  /** The case counts of the spec today (a change of the spec or the builders shows up here). */
  counts: {
    operations: number;
    validInputs?: Count;
    invalidInputs: Count;
    /** Response cases by tally key (see `tallyResponses` in the suite): `total`, `error`, `success example`, `status 422`… */
    responses: Record<string, Count>;
    /** The named examples served, as `operationId status name`, when they are worth listing. */
    namedExamples?: string[];
  };
}
