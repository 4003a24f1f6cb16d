/**
 * Picking a documented answer for one call: `scenario(examples, 'getQuote', 404, 'quoteNotFound')`
 * gives the per-call options (`{ headers: { Prefer: 'code=404, example=quoteNotFound' } }`) that
 * make Prism answer with that example. Typed from a vendor's generated examples
 * (`@vendor-contracts/<vendor>/examples`), so a misspelt operation, status or example name is a
 * type error, and checked at run time too (for plain JavaScript and casts).
 */

/** The shape of a vendor's `examples` export: operationId → status → example name → body. */
export type ExampleCatalogue = { readonly [operationId: string]: { readonly [status: string]: { readonly [name: string]: unknown } } };

/** A status key as written in the spec (`'404'`) or as a number (`404`). */
export type StatusOf<Statuses> = {
  [K in keyof Statuses & string]: K extends `${infer N extends number}` ? K | N : K;
}[keyof Statuses & string];

/** The example names documented for one status (given as written in the spec or as a number). */
export type ExampleNameOf<Statuses, S> = S extends keyof Statuses
  ? keyof Statuses[S] & string
  : `${S & (string | number)}` extends keyof Statuses
    ? keyof Statuses[`${S & (string | number)}`] & string
    : never;

/** Per-call request options (`RequestOptions.headers` of every vendor client) that select the answer. */
export interface ScenarioOptions {
  headers: { Prefer: string };
}

/** An unknown operation, status or example name: the message lists what the spec does have. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

export function scenario<E extends ExampleCatalogue, const Op extends keyof E & string, const S extends StatusOf<E[Op]>, N extends ExampleNameOf<E[Op], S>>(
  examples: E,
  operationId: Op,
  status: S,
  example: N,
): ScenarioOptions {
  const statuses = examples[operationId];
  if (!statuses) {
    throw new ScenarioError(`scenario: no operation "${operationId}" with documented examples; operations: ${Object.keys(examples).join(', ')}`);
  }
  const named = statuses[String(status)];
  if (!named) {
    const known = Object.keys(statuses);
    throw new ScenarioError(`scenario: ${operationId} documents no example for status ${String(status)}; statuses with examples: ${known.length ? known.join(', ') : '(none)'}`);
  }
  if (!Object.hasOwn(named, example)) {
    throw new ScenarioError(`scenario: ${operationId} ${String(status)} has no example "${example}"; its examples: ${Object.keys(named).join(', ')}`);
  }
  return { headers: { Prefer: `code=${String(status)}, example=${example}` } };
}

/**
 * A `fetch` that sends every request with the scenario's headers, for code that makes the vendor
 * call itself (pass it as the client's `fetch` option): `createTmtFirstClient({ …, fetch:
 * scenarioFetch(scenario(examples, 'getJob', 404, 'notFound')) })`.
 */
export function scenarioFetch(selected: ScenarioOptions, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(selected.headers)) request.headers.set(name, value);
    return base(request);
  };
}
