/**
 * Request rules come only from the vendor documents: where a document shows a request and the
 * vendor's own answer to it (an error response example carrying `x-request: <name>`, the request
 * example of that name), that exact request passes client validation, reaches the vendor (the
 * fault rig, answering with the documented error) and comes back as the typed vendor error. A
 * shape inferred only from examples (an ID's or key's format) can therefore never make a
 * documented vendor answer unreachable. Driven by the specs: a new pairing is a new case.
 *
 * Requests the documents show answered with an error that the client does refuse (a missing
 * required field, a bad IMEI, a non-URL pingback, a status outside 1|2) break a rule the document
 * itself states; they are `x-invalid-examples` and specs/README.md lists each with its reason.
 */
import { ApiError, type CallInput, VendorError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer } from '@vendor-contracts/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, type OpenApiDocument, resolveRef, type SpecOperation } from '../../contract/src/cases.js';
import { loadSpec } from '../../contract/src/workspace.js';
import { createClient, type Credentials, VENDORS, type Vendor, vendorAnswers } from '../src/vendors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const DEFAULTS: Credentials = { key: '0123456789abcdef0123456789abcdef', username: 'user@example.test', password: 'pw-0001', bearer: 'bearer-1' };

interface Pairing {
  vendor: Vendor;
  operationId: string;
  status: number;
  response: string;
  request: string;
  /** The documented request as the caller passes it (credential fields taken out). */
  input: CallInput;
  /** The client's credentials: the documented request's own values for its credential fields. */
  credentials: Credentials;
  answer: unknown;
  /** The vendor's error code in the answer, read where the spec's x-error-fields says (undefined: none). */
  code: string | undefined;
  label: string;
}

function namedExample(spec: OpenApiDocument, holder: Obj | undefined, name: string): { found: boolean; value?: unknown } {
  const examples = isObj(holder?.examples) ? holder.examples : {};
  if (!(name in examples)) return { found: false };
  return { found: true, value: resolveRef(spec, examples[name]).value };
}

function firstExample(spec: OpenApiDocument, holder: Obj): unknown {
  const [first] = Object.values(isObj(holder.examples) ? holder.examples : {});
  return first === undefined ? undefined : resolveRef(spec, first).value;
}

/** Credential option a spec `x-credential` name fills (the vendor packages' auth options). */
function credentialSlot(name: string): keyof Credentials {
  return name === 'username' || name === 'password' ? name : 'key';
}

/** The documented request named `name`: its body example and, per parameter, its example of that name (else its first). */
function documentedRequest(spec: OpenApiDocument, op: SpecOperation, name: string, where: string): { input: CallInput; credentials: Credentials } {
  const input: CallInput = {};
  const credentials = { ...DEFAULTS };
  let named = false;
  for (const param of op.parameters) {
    const own = namedExample(spec, param, name);
    named ||= own.found;
    const value = own.found ? own.value : firstExample(spec, param);
    if (value === undefined) continue;
    const location = param.in as 'path' | 'query' | 'header';
    if (typeof param['x-credential'] === 'string') credentials[credentialSlot(param['x-credential'])] = String(value);
    else (input[location] ??= {})[String(param.name)] = value;
  }
  const media = isObj(op.requestBody?.content) ? (op.requestBody.content as Record<string, Obj>)['application/json'] : undefined;
  if (media) {
    const body = namedExample(spec, media, name);
    if (!body.found) throw new Error(`${where}: x-request "${name}" names no request-body example`);
    named = true;
    const fields = isObj(body.value) ? { ...body.value } : body.value;
    const schema = resolveRef(spec, (media as Obj).schema);
    for (const [field, raw] of Object.entries(isObj(schema.properties) ? schema.properties : {})) {
      const credential = isObj(raw) ? raw['x-credential'] : undefined;
      if (typeof credential === 'string' && isObj(fields) && field in fields) {
        credentials[credentialSlot(credential)] = String(fields[field]);
        delete fields[field];
      }
    }
    input.body = fields;
  }
  if (!named) throw new Error(`${where}: x-request "${name}" names no example of this operation`);
  return { input, credentials };
}

/** The first string at one of the `x-error-fields.code` pointers (operation's, else the document's). */
function errorCode(spec: OpenApiDocument, op: SpecOperation, body: unknown): string | undefined {
  const operation = ((spec.paths as Record<string, Obj>)[op.path]?.[op.method.toLowerCase()] ?? {}) as Obj;
  const fields = (operation['x-error-fields'] ?? spec['x-error-fields']) as { code?: string[] } | undefined;
  for (const pointer of fields?.code ?? []) {
    let at: unknown = body;
    for (const token of pointer.split('/').slice(1)) at = isObj(at) ? at[token.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    if (typeof at === 'string') return at;
  }
  return undefined;
}

function pairings(vendor: Vendor): Pairing[] {
  const spec = loadSpec(vendor);
  const out: Pairing[] = [];
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const content = isObj(response.content) ? (response.content as Record<string, Obj>) : {};
      for (const media of Object.values(content)) {
        for (const [name, raw] of Object.entries(isObj(media.examples) ? media.examples : {})) {
          const example = resolveRef(spec, raw);
          const request = example['x-request'];
          if (request === undefined) continue;
          const where = `${vendor} ${op.operationId} ${status} ${name}`;
          if (typeof request !== 'string') throw new Error(`${where}: x-request must be the name of a request example`);
          out.push({
            vendor,
            operationId: op.operationId,
            status: Number(status),
            response: name,
            request,
            answer: example.value,
            code: errorCode(spec, op, example.value),
            label: `${where} ← request ${request}`,
            ...documentedRequest(spec, op, request, where),
          });
        }
      }
    }
  }
  return out;
}

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

const cases = VENDORS.flatMap(pairings);

describe('documented requests reach the vendor and come back as its typed error', () => {
  it('the specs pair error examples with the requests their documents show (AT&T, TMT First)', () => {
    expect(new Set(cases.map((c) => c.vendor))).toEqual(new Set(['atttool', 'tmt-first']));
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  it.each(cases)('$label', async (c) => {
    const answer = { status: c.status, body: c.answer as object };
    rig.fallback = vendorAnswers(c.vendor, c.credentials, Date.now, () => answer).handle;
    const before = rig.ledger.length;
    const client = createClient(c.vendor, rig.url, c.credentials, { retry: { maxRetries: 0 }, rateLimit: false });
    const error = await client.call(c.operationId, c.input).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Sent: the request passed validation (a RequestValidationError would leave the ledger empty).
    expect(rig.ledger.length - before).toBeGreaterThanOrEqual(1);
    expect(error).toBeInstanceOf(c.status < 300 ? VendorError : ApiError);
    expect(error).toMatchObject({ vendor: c.vendor, operationId: c.operationId, status: c.status, body: c.answer, code: c.code });
  });
});
