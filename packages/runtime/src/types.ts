/**
 * Method signatures derived from openapi-typescript's `operations` interface, so a vendor
 * client's methods are typed straight from generated/types.ts.
 */
import type { RequestOptions } from './options.js';
import type { AtPointer } from './response/envelope.js';

type Defined<T> = Exclude<T, undefined>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * One parameter location (`path`, `query`, `header`) as an input key: absent when it has no
 * members, optional when none of them is required.
 */
type Section<P, K extends PropertyKey> = K extends keyof P
  ? [Defined<P[K]>] extends [never]
    ? {}
    : [keyof Defined<P[K]>] extends [never]
      ? {}
      : {} extends Defined<P[K]>
        ? { [_ in K]?: Defined<P[K]> }
        : { [_ in K]: Defined<P[K]> }
  : {};

type Params<Op> = Op extends { parameters: infer P } ? P : {};

type BodyOf<Op> = Op extends { requestBody?: infer B }
  ? [Defined<B>] extends [never]
    ? {}
    : Defined<B> extends { content: infer C }
      ? {} extends Pick<Op, 'requestBody' & keyof Op>
        ? { body?: C[keyof C] }
        : { body: C[keyof C] }
      : {}
  : {};

/** What a method takes: `{ path?, query?, header?, body? }`, each present only when the operation has it. */
export type OperationInput<Op> = Simplify<Section<Params<Op>, 'path'> & Section<Params<Op>, 'query'> & Section<Params<Op>, 'header'> & BodyOf<Op>>;

/** The response keys openapi-typescript writes for a success (what a method resolves to). */
export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | '2XX';
type JsonOf<R> = R extends { content: infer C } ? (C extends { 'application/json': infer B } ? B : C[keyof C]) : undefined;

/** What a method resolves to: the JSON body of the operation's success response(s). */
export type OperationOutput<Op> = Op extends { responses: infer R } ? { [S in keyof R & SuccessStatus]: JsonOf<R[S]> }[keyof R & SuccessStatus] : never;

/** The error body types the spec declares for an operation (what `ApiError.body` holds when it matches). */
export type OperationErrorBody<Op> = Op extends { responses: infer R } ? { [S in Exclude<keyof R, SuccessStatus>]: JsonOf<R[S]> }[Exclude<keyof R, SuccessStatus>] : never;

/** Input is optional when nothing in it is required. */
export type OperationArgs<Op> = {} extends OperationInput<Op> ? [input?: OperationInput<Op>, options?: RequestOptions] : [input: OperationInput<Op>, options?: RequestOptions];

/**
 * What a method resolves to: the success body, or, for a vendor that declares `x-envelope`
 * (`Envelope` is its payload pointer, e.g. `'/data'`), the payload inside it.
 */
export type OperationResult<Op, Envelope extends string = ''> = AtPointer<OperationOutput<Op>, Envelope>;

/** One method per operationId. */
export type OperationMethods<Ops, Envelope extends string = ''> = {
  [K in keyof Ops]: (...args: OperationArgs<Ops[K]>) => Promise<OperationResult<Ops[K], Envelope>>;
};

type OmitKey<T, F extends PropertyKey> = T extends object ? Omit<T, F> : T;
type StripBody<B, F extends PropertyKey> = B extends { content: infer C } ? Omit<B, 'content'> & { content: { [M in keyof C]: OmitKey<C[M], F> } } : B;

/**
 * Operations with the fields the client fills from its configuration (`x-credential`, e.g.
 * AT&T's `api_key`) removed from parameters and bodies, so callers never pass them.
 */
export type WithoutCredentialFields<Ops, F extends PropertyKey> = {
  [K in keyof Ops]: {
    [X in keyof Ops[K]]: X extends 'parameters' ? { [L in keyof Ops[K][X]]: OmitKey<Ops[K][X][L], F> } : X extends 'requestBody' ? StripBody<Ops[K][X], F> : Ops[K][X];
  };
};
