import { BadRequestError, ConfigError, ConnectionError, RequestValidationError, ResponseContractError, TimeoutError, VendorError } from '@vendor-contracts/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AtttoolClientOptions, createAtttoolClient, definition, REDACTED } from '../src/index.js';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import { documentedErrorCodes, responseExamples, SECRET } from './support/spec.js';

const IMEIS = ['354865093010294', '353057101229741', '357339099838618']; // the document's, all Luhn-valid
const ORDER_ID = '17b8e0f2-3523-45e1-90d2-455e4b70ecf1';
const PLACED = { status: 'OK', order_id: '7fe808fd-78c1-49fe-a3aa-17489c8b4e28', total_cost: '0.75' };
const COMPLETED = responseExamples('post', '/v1/get').successful!.value as Record<string, unknown>;

function client(fetch: AtttoolClientOptions['fetch'], options: Partial<AtttoolClientOptions> = {}) {
  return createAtttoolClient({ apiKey: SECRET, fetch, ...options });
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function expectNoSecret(error: Error, secret = SECRET): void {
  expect(error.message).not.toContain(secret);
  expect(error.stack ?? '').not.toContain(secret);
  expect(JSON.stringify(error)).not.toContain(secret);
}

/** Each operation called with a valid input, for tests that run over all three. */
const calls = {
  placeOrder: (c: ReturnType<typeof client>) => c.placeOrder({ body: { imeis: IMEIS } }),
  getOrderStatus: (c: ReturnType<typeof client>) => c.getOrderStatus({ body: { order_id: ORDER_ID } }),
  getOrderStatusByQuery: (c: ReturnType<typeof client>) => c.getOrderStatusByQuery({ query: { order_id: ORDER_ID } }),
} as const;
const operationIds = Object.keys(calls) as Array<keyof typeof calls>;

describe('the api key goes where AT&T Tool wants it', () => {
  it('placeOrder: POST https://atttool.com/v1/place with api_key in the JSON body, nowhere else', async () => {
    const seen = observedFetch(() => json(PLACED));
    const result = await client(seen.fetch).placeOrder({ body: { pingback_url: 'https://some.com/valid/url', imeis: IMEIS } });
    expect(result).toEqual(PLACED);
    const request = seen.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://atttool.com/v1/place');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('authorization')).toBeNull();
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ pingback_url: 'https://some.com/valid/url', imeis: IMEIS, api_key: SECRET });
  });

  it('getOrderStatus: POST /v1/get with api_key and order_id in the JSON body', async () => {
    const seen = observedFetch(() => json(COMPLETED));
    await client(seen.fetch).getOrderStatus({ body: { order_id: ORDER_ID } });
    expect(seen.requests[0]!.method).toBe('POST');
    expect(seen.requests[0]!.url).toBe('https://atttool.com/v1/get');
    expect(JSON.parse(seen.bodies[0]!)).toEqual({ order_id: ORDER_ID, api_key: SECRET });
  });

  it('getOrderStatusByQuery: GET /v1/get with api_key and order_id in the query string and no body', async () => {
    const seen = observedFetch(() => json(COMPLETED));
    await client(seen.fetch).getOrderStatusByQuery({ query: { order_id: ORDER_ID } });
    const url = new URL(seen.requests[0]!.url);
    expect(seen.requests[0]!.method).toBe('GET');
    expect(url.origin + url.pathname).toBe('https://atttool.com/v1/get');
    expect(Object.fromEntries(url.searchParams)).toEqual({ order_id: ORDER_ID, api_key: SECRET });
    expect(seen.bodies[0]).toBe('');
    expect(seen.requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('a caller-supplied api_key (typed out, but possible from JS) is replaced by the configured key', async () => {
    const seen = observedFetch(() => json(PLACED));
    await client(seen.fetch).placeOrder({ body: { imeis: IMEIS, api_key: 'ffffffffffffffffffffffffffffffff' } as never });
    expect(JSON.parse(seen.bodies[0]!).api_key).toBe(SECRET);
  });

  it('the definition has the three operations, with the api_key fields marked x-credential apiKey', () => {
    expect(Object.keys(definition.operations).sort()).toEqual(['getOrderStatus', 'getOrderStatusByQuery', 'placeOrder']);
    expect(definition.operations.placeOrder.credentials).toEqual([{ in: 'body', name: 'api_key', credential: 'apiKey' }]);
    expect(definition.operations.getOrderStatus.credentials).toEqual([{ in: 'body', name: 'api_key', credential: 'apiKey' }]);
    expect(definition.operations.getOrderStatusByQuery.credentials).toEqual([{ in: 'query', name: 'api_key', credential: 'apiKey' }]);
    expect(definition.operations.placeOrder.idempotent).toBe(false); // placing an order charges the account
    expect(definition.operations.getOrderStatus.idempotent).toBe(true);
  });
});

describe('client options', () => {
  it.each([
    ['missing', {}],
    ['empty', { apiKey: '' }],
    ['blank', { apiKey: '   ' }],
    ['not a string', { apiKey: 12345 }],
  ])('rejects an apiKey that is %s with a ConfigError naming the option', (_, options) => {
    const make = () => createAtttoolClient(options as AtttoolClientOptions);
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/apiKey is required/);
  });

  it('rejects a missing options object', () => {
    expect(() => createAtttoolClient(undefined as never)).toThrow(ConfigError);
  });

  it('uses production by default, takes a baseUrl (e.g. a mock) and refuses unknown environments', () => {
    expect(createAtttoolClient({ apiKey: SECRET }).baseUrl).toBe('https://atttool.com');
    expect(createAtttoolClient({ apiKey: SECRET, baseUrl: 'http://127.0.0.1:4010/' }).baseUrl).toBe('http://127.0.0.1:4010');
    const error = (() => {
      try {
        createAtttoolClient({ apiKey: SECRET, environment: 'test' as never });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/unknown environment "test"/);
    expectNoSecret(error);
  });

  it('keeps the caller middleware running alongside its own', async () => {
    const order: string[] = [];
    const seen = observedFetch(() => json(PLACED));
    await client(seen.fetch, { middleware: [{ onResponse: () => void order.push('caller') }] }).placeOrder({ body: { imeis: IMEIS } });
    expect(order).toEqual(['caller']);
  });
});

describe('an api key of any shape is sent, and the vendor’s ERR_INVALID_API_KEY is typed and never echoes it', () => {
  // The document states no key format and shows `invalid_api_key` answered with ERR_INVALID_API_KEY.
  const badKey = 'not-a-hex-key-but-a-secret-0001';

  it.each(operationIds)('%s', async (operationId) => {
    const seen = observedFetch(() => json({ status: 'ERR_INVALID_API_KEY' }));
    const error = await rejectionOf(calls[operationId](client(seen.fetch, { apiKey: badKey })));
    expect(seen.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).code).toBe('ERR_INVALID_API_KEY');
    expectNoSecret(error, badKey);
  });
});

describe('IMEIs: 15 digits with a valid Luhn check digit, checked before sending', () => {
  const PATTERN_15 = 'pattern: /^[0-9]{15}$/u';

  async function refused(imeis: string[]) {
    const seen = observedFetch(() => json(PLACED));
    const error = await rejectionOf(client(seen.fetch).placeOrder({ body: { imeis } }));
    expect(seen.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).issues;
  }

  it('sends the document IMEIs', async () => {
    const seen = observedFetch(() => json(PLACED));
    await client(seen.fetch).placeOrder({ body: { imeis: IMEIS } });
    expect(seen.requests).toHaveLength(1);
  });

  it('refuses 15 digits with a wrong check digit, naming the entry and the Luhn rule', async () => {
    const issues = await refused([IMEIS[0]!, '353057101229742']);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('body.imeis[1]');
    expect(issues[0]!.message).toMatch(/Luhn/);
  });

  it('refuses 14 and 16 digits by the 15-digit pattern', async () => {
    const fourteen = await refused(['35486509301029']);
    expect(fourteen[0]).toEqual(expect.objectContaining({ path: 'body.imeis[0]', rule: PATTERN_15 }));
    const sixteen = await refused([IMEIS[0]!, `${IMEIS[1]}0`]);
    expect(sixteen.map((i) => i.path)).toContain('body.imeis[1]');
    expect(sixteen.map((i) => i.rule)).toContain(PATTERN_15);
  });

  it('refuses the document invalid_imei and an empty list', async () => {
    expect((await refused(['invalid_imei'])).map((i) => i.rule)).toContain(PATTERN_15);
    expect(await refused([])).toEqual([expect.objectContaining({ path: 'body.imeis', rule: 'minItems: 1' })]);
  });

  it('refuses a pingback_url that is not an http(s) URL', async () => {
    const seen = observedFetch(() => json(PLACED));
    const error = await rejectionOf(client(seen.fetch).placeOrder({ body: { imeis: IMEIS, pingback_url: 'invalid_pingback_url' } }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues.map((i) => i.path)).toContain('body.pingback_url');
    expect(seen.requests).toHaveLength(0);
  });
});

describe('errors come back as HTTP 200 with status ERR_* → VendorError with that code', () => {
  it('the spec documents six codes', () => {
    expect(documentedErrorCodes).toEqual([
      'ERR_INVALID_JSON_SCHEMA',
      'ERR_INVALID_API_KEY',
      'ERR_NOT_ENOUGH_FUNDS',
      'ERR_INVALID_IMEI',
      'ERR_INVALID_PINGBACK_URL',
      'ERR_INVALID_ORDER_ID',
    ]);
  });

  const cases = operationIds.flatMap((operationId) => [...documentedErrorCodes, 'ERR_SOMETHING_NEW'].map((code) => [operationId, code] as const));
  it.each(cases)('%s answering %s', async (operationId, code) => {
    const seen = observedFetch(() => json({ status: code }));
    const error = await rejectionOf(calls[operationId](client(seen.fetch)));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code, status: 200, vendor: 'atttool', operationId, body: { status: code } });
    expect(error.message).toBe(`atttool.${operationId} returned an error in a 200 answer: ${code}`);
    expectNoSecret(error);
  });

  it('is still a VendorError when response validation is off', async () => {
    const seen = observedFetch(() => json({ status: 'ERR_NOT_ENOUGH_FUNDS' }));
    const error = await rejectionOf(client(seen.fetch, { validateResponses: false }).placeOrder({ body: { imeis: IMEIS } }));
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).code).toBe('ERR_NOT_ENOUGH_FUNDS');
  });

  it('ERR_INVALID_API_KEY carries no trace of the key, for the GET variant too', async () => {
    for (const operationId of operationIds) {
      const events: string[] = [];
      const seen = observedFetch(() => json({ status: 'ERR_INVALID_API_KEY' }));
      const c = client(seen.fetch, { hooks: { onError: (e) => events.push(JSON.stringify(e)) } });
      const error = await rejectionOf(calls[operationId](c));
      expect((error as VendorError).code).toBe('ERR_INVALID_API_KEY');
      expectNoSecret(error);
      expect(events.join()).not.toContain(SECRET);
      expect(events).toHaveLength(1);
    }
  });
});

describe('successful answers', () => {
  it('total_cost stays a decimal string and imeis are keyed by IMEI', async () => {
    const seen = observedFetch(() => json(COMPLETED));
    const status = await client(seen.fetch).getOrderStatusByQuery({ query: { order_id: ORDER_ID } });
    expect(status).toEqual(COMPLETED);
    expect(status.total_cost).toBe('1.00');
    expect(status.imeis['359488091564579']).toEqual({ status: 'Unlocked', att_order_num: 'NUL818548439915', note: 'Unlock code is 0959490308474628', refunded: false });
    expect(Object.keys(status.imeis)).toHaveLength(11);
    expect(Object.keys(status.imeis).every((imei) => /^[0-9]{15}$/.test(imei))).toBe(true);
  });

  it('a numeric total_cost breaks the contract (ResponseContractError at /total_cost)', async () => {
    const seen = observedFetch(() => json({ ...PLACED, total_cost: 0.75 }));
    const error = await rejectionOf(client(seen.fetch).placeOrder({ body: { imeis: IMEIS } }));
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).issues.map((i) => i.path)).toContain('/total_cost');
  });

  it('a status that is neither OK nor ERR_* breaks the contract rather than passing as data', async () => {
    const seen = observedFetch(() => json({ ...PLACED, status: 'PENDING' }));
    const error = await rejectionOf(client(seen.fetch).placeOrder({ body: { imeis: IMEIS } }));
    expect(error).toBeInstanceOf(ResponseContractError);
  });
});

describe('the GET variant: 400 for a missing parameter, and the key in the URL', () => {
  it('a 400 (HTML body) is a BadRequestError with the body as text, without the key', async () => {
    const seen = observedFetch(() => new Response('empty', { status: 400, headers: { 'content-type': 'text/html' } }));
    const error = await rejectionOf(client(seen.fetch).getOrderStatusByQuery({ query: { order_id: ORDER_ID } }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body: 'empty', operationId: 'getOrderStatusByQuery' });
    expect(new URL(seen.requests[0]!.url).searchParams.get('api_key')).toBe(SECRET); // the key was in the URL
    expectNoSecret(error);
  });

  it('an error page echoing the request URL has the key replaced (the runtime scrubs what it sent)', async () => {
    const seen = observedFetch(
      (request) => new Response(`<h1>Bad Request</h1><p>${request.url}</p>`, { status: 400, headers: { 'content-type': 'text/html', 'x-request-url': request.url } }),
    );
    const error = await rejectionOf(client(seen.fetch).getOrderStatusByQuery({ query: { order_id: ORDER_ID } }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toBe(`<h1>Bad Request</h1><p>https://atttool.com/v1/get?order_id=${ORDER_ID}&api_key=${REDACTED}</p>`);
    expect((error as BadRequestError).headers['x-request-url']).toContain(`api_key=${REDACTED}`);
    expectNoSecret(error);
  });

  it('for every operation, every echo spelling of the key and every place it is echoed, no error carries the key', async () => {
    const spellings: Record<string, (key: string) => string> = {
      raw: (k) => k,
      'upper case': (k) => k.toUpperCase(),
      'URL-encoded twice': (k) => encodeURIComponent(encodeURIComponent(k)),
      base64: (k) => btoa(k),
      'base64 of api_key=<key>': (k) => btoa(`api_key=${k}`),
      'cut to 12': (k) => k.slice(0, 12),
      'JSON-escaped': (k) =>
        JSON.stringify(k)
          .slice(1, -1)
          .replace(/[a-f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    };
    const places = {
      'html body': (echo: string) => new Response(`<p>${echo}</p>`, { status: 400, headers: { 'content-type': 'text/html' } }),
      'json body': (echo: string) => json({ status: 'ERR_INVALID_API_KEY', api_key: echo }),
      header: (echo: string) => json({ status: 'ERR_INVALID_API_KEY' }, 200, { 'x-echo': echo }),
      'status text': (echo: string) => new Response('no', { status: 500, statusText: echo.slice(0, 60).replace(/[^\x20-\x7e]/g, '') }),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(calls) as (keyof typeof calls)[])),
        fc.constantFrom(...Object.keys(spellings)),
        fc.constantFrom(...(Object.keys(places) as (keyof typeof places)[])),
        async (operation, spelling, place) => {
          const echo = spellings[spelling]!(SECRET);
          const error = await rejectionOf(calls[operation](client(observedFetch(() => places[place](echo)).fetch, { retry: { maxRetries: 0 } })));
          expectNoSecret(error, echo);
          expectNoSecret(error);
        },
      ),
      { seed: 274, numRuns: 80 },
    );
  });

  it('a 200 body echoing the key is scrubbed before validation, so a ResponseContractError holds no key either', async () => {
    const seen = observedFetch(() => json({ status: 'OK', api_key: SECRET, total_cost: 1 }));
    const error = await rejectionOf(client(seen.fetch).placeOrder({ body: { imeis: IMEIS } }));
    expect(error).toBeInstanceOf(ResponseContractError);
    expect((error as ResponseContractError).body).toMatchObject({ api_key: REDACTED });
    expectNoSecret(error);
  });

  it('a connection failure whose cause quotes the URL is a ConnectionError without the key', async () => {
    const failing = async (request: Request): Promise<Response> => {
      throw new TypeError(`fetch failed for ${request.url}`, { cause: Object.assign(new Error(`connect ECONNREFUSED ${request.url}`), { code: 'ECONNREFUSED' }) });
    };
    const error = await rejectionOf(client(failing).getOrderStatusByQuery({ query: { order_id: ORDER_ID } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('atttool.getOrderStatusByQuery: no response from https://atttool.com:443 (ECONNREFUSED)');
    expectNoSecret(error);
  });

  it('a timeout is a TimeoutError without the key', async () => {
    const hanging = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(new Error(`aborted ${request.url}`))));
    const error = await rejectionOf(client(hanging, { timeout: 20 }).getOrderStatusByQuery({ query: { order_id: ORDER_ID } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expectNoSecret(error);
  });
});
