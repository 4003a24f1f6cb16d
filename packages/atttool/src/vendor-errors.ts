/**
 * AT&T Tool answers errors with HTTP 200 and `{ "status": "ERR_…" }`. The spec declares this with
 * `x-vendor-error` (pointer `/status`, pattern `^ERR_`), so the runtime throws a `VendorError`
 * (`code` = the `ERR_*` status) for such a body and never resolves with it, whether or not
 * responses are validated. The generated success types still include the error branch (the spec's
 * 200 schema is `oneOf [<result>, ErrorResponse]`); this type removes it, so a resolved value is
 * the `status: "OK"` body and its fields need no narrowing.
 */
import type { SuccessStatus } from '@vendor-contracts/runtime';

/** What the runtime turns into a `VendorError` rather than returning: a body whose `status` starts with `ERR_`. */
export type VendorErrorBody = { status: `ERR_${string}` };

type WithoutErrorBranch<R> = R extends { content: infer C } ? Omit<R, 'content'> & { content: { [M in keyof C]: Exclude<C[M], VendorErrorBody> } } : R;

/** Operations whose 2xx bodies no longer include the `ERR_*` branch the client throws as `VendorError`. */
export type WithoutVendorErrorBodies<Ops> = {
  [K in keyof Ops]: {
    [X in keyof Ops[K]]: X extends 'responses' ? { [S in keyof Ops[K][X]]: S extends SuccessStatus ? WithoutErrorBranch<Ops[K][X][S]> : Ops[K][X][S] } : Ops[K][X];
  };
};
