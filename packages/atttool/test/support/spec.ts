/** The AT&T Tool spec itself, parsed, so tests take their cases from it rather than from copies. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Obj = Record<string, any>;

export const spec: Obj = parse(readFileSync(new URL('../../../../specs/atttool/openapi.yaml', import.meta.url), 'utf8'));

/** `components.schemas.ErrorCode.enum`: every documented `ERR_*` code. */
export const documentedErrorCodes: string[] = spec.components.schemas.ErrorCode.enum;

/** The named examples of an operation's 200 response. */
export function responseExamples(method: 'get' | 'post', path: string): Record<string, { value: unknown }> {
  return spec.paths[path][method].responses['200'].content['application/json'].examples;
}

/** A key that passes the spec's ApiKey pattern (32 hex digits) and appears nowhere else. */
export const SECRET = 'deadbeefcafe4b1d9a7e5c3f10293847';
