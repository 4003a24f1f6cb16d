/**
 * Stages of a call tested alone (`call/*.ts`): URL building, the call's abort plumbing, the
 * request stage and the response stage, each without a client around it.
 */
import fc from 'fast-check';
import { defaultPathSerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, RequestValidationError, ResponseContractError, VendorError, type OperationDefinition, NotFoundError } from '../../src/index.js';
import { prepareRequest } from '../../src/call/request.js';
import { interpretResponse } from '../../src/call/response.js';
import { CallSignal } from '../../src/call/signal.js';
import { compilePathSerializer } from '../../src/call/url.js';
import { SecretScrubber } from '../../src/redact.js';

describe('url: a path serializer compiled per operation', () => {
  const segment = fc.stringMatching(/^[a-z]{1,6}$/);
  const name = fc.stringMatching(/^[a-z][a-z_]{0,5}$/);
  const style = fc.constantFrom('', '', '*', '.', ';');
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(undefined),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(name, fc.string(), { maxKeys: 2 }),
  );
  const template = fc
    .array(fc.tuple(segment, fc.option(fc.tuple(style, name), { nil: undefined })), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map(([s, p]) => `/${s}${p ? `/{${p[0] === '*' ? `${p[1]}*` : `${p[0]}${p[1]}`}}` : ''}`).join(''));

  it('builds exactly the URL openapi-fetch would, for any template, style and value', () => {
    fc.assert(
      fc.property(template, fc.dictionary(name, value), fc.constantFrom('https://api.acme.test', 'http://127.0.0.1:4010/v2'), (path, params, base) => {
        const url = `${base}${path}`;
        expect(compilePathSerializer(path)(url, params)).toBe(defaultPathSerializer(url, params));
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });
});

describe('signal: one controller and one timer per call', () => {
  it('creates nothing when nothing can abort: no timer that can fire and no caller signal', () => {
    const s = new CallSignal(undefined);
    expect(s.arm(Number.POSITIVE_INFINITY)).toBeUndefined();
    s.close();
  });

  it("passes the caller's own signal through when only the caller can abort", () => {
    const caller = new AbortController();
    expect(new CallSignal(caller.signal).arm(Number.POSITIVE_INFINITY)).toBe(caller.signal);
  });

  it('reuses one signal across attempts until one is aborted, and reports a timeout as such', async () => {
    const s = new CallSignal(undefined);
    const first = s.arm(1000)!;
    s.disarm();
    expect(s.arm(1000)).toBe(first);
    s.disarm();
    const timed = s.arm(1)!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timed.aborted).toBe(true);
    expect(s.timedOut).toBe(true);
    const next = s.arm(1000)!;
    expect(next).not.toBe(timed);
    expect(next.aborted).toBe(false);
    expect(s.timedOut).toBe(false);
    s.close();
  });

  it("the caller aborting aborts the current attempt with the caller's reason, not as a timeout; after close it no longer listens", () => {
    const caller = new AbortController();
    const s = new CallSignal(caller.signal);
    const signal = s.arm(10_000)!;
    caller.abort(new Error('stop'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('stop');
    expect(s.timedOut).toBe(false);
    s.close();

    const later = new AbortController();
    const t = new CallSignal(later.signal);
    const own = t.arm(10_000)!;
    t.close();
    later.abort();
    expect(own.aborted).toBe(false);
  });
});

const op: OperationDefinition = {
  operationId: 'getThing',
  method: 'GET',
  path: '/things/{id}',
  security: [],
  idempotent: true,
  apiVersions: [1, 2],
  credentials: [{ in: 'query', name: 'api_key', credential: 'key' }],
  errorFields: { code: ['/code'], message: ['/message'] },
  vendorError: { when: { pointer: '/status', pattern: '^ERR' }, code: '/status' },
  responseVendorErrors: {},
  request: { path: z.strictObject({ id: z.int().gte(1) }), query: z.strictObject({ api_key: z.string() }) },
  responses: { '200': z.looseObject({ id: z.int() }), '404': z.looseObject({ code: z.string(), message: z.string() }) },
  strictResponses: { '200': z.strictObject({ id: z.int() }) },
};

describe('request stage alone', () => {
  const remembered: string[] = [];
  const stage = { vendor: 'acme', credentials: { key: 'sekrit-key-123' }, validateRequests: true, remember: (v: string) => void remembered.push(v) };

  it('fills x-credential fields, remembers them as secrets, and sets the API version', async () => {
    const prepared = await prepareRequest(stage, op, { path: { id: 3 } }, {});
    expect(prepared.input.query).toEqual({ api_key: 'sekrit-key-123' });
    expect(prepared.headers).toEqual({ Accept: 'application/json; version=2' });
    expect(remembered).toContain('sekrit-key-123');
  });

  it('every fault before anything is sent: spec issues, unsendable values, an API version the operation does not accept', async () => {
    await expect(prepareRequest(stage, op, { path: { id: 0 } }, {})).rejects.toMatchObject({ issues: [{ path: 'path.id', rule: 'minimum: 1' }] });
    await expect(prepareRequest({ ...stage, validateRequests: false }, op, { path: { id: '..' } }, {})).rejects.toBeInstanceOf(RequestValidationError);
    await expect(prepareRequest(stage, op, { path: { id: 1 } }, { apiVersion: 3 })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('response stage alone', () => {
  const scrubber = new SecretScrubber(['acme']);
  scrubber.add('sekrit-key-123');
  const unknown: string[][] = [];
  const stage = { vendor: 'acme', validateResponses: true, hooks: { onUnknownFields: (e: { pointers: string[] }) => void unknown.push(e.pointers) }, scrubber, now: Date.now };
  const event = { vendor: 'acme', operationId: 'getThing', method: 'GET', path: '/things/{id}' };
  const json = { 'content-type': 'application/json' };

  it('a 2xx body: validated, new fields kept and reported', () => {
    expect(interpretResponse(stage, op, new Response(null, { status: 200, headers: json }), '{"id":1,"extra":true}', event)).toEqual({ id: 1, extra: true });
    expect(unknown).toEqual([['/extra']]);
    expect(() => interpretResponse(stage, op, new Response(null, { status: 200, headers: json }), '{"id":"x"}', event)).toThrow(ResponseContractError);
  });

  it("a 2xx body the spec declares an error is a VendorError; an error status is its ApiError class with the vendor's words, scrubbed", () => {
    expect(() => interpretResponse(stage, op, new Response(null, { status: 200, headers: json }), '{"status":"ERR_BAD"}', event)).toThrow(VendorError);
    try {
      interpretResponse(stage, op, new Response(null, { status: 404, headers: json }), { code: 'gone', message: 'no sekrit-key-123 here' }, event);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).code).toBe('gone');
      expect(JSON.stringify((error as NotFoundError).body)).not.toContain('sekrit-key-123');
      expect((error as Error).message).not.toContain('sekrit-key-123');
    }
  });
});
