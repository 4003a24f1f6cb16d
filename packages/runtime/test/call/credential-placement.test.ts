/**
 * The credential stage, attacked over the whole class of configurations: any set of security
 * schemes (apiKey in a header, the query or a cookie; HTTP bearer and basic; OAuth2), any
 * operations with any security requirements, any subset of them configured with static
 * credentials. The Request that reaches fetch carries each credential of the chosen requirement
 * exactly once, where its scheme says, and no other configured credential. And with no per-request
 * context store: calls of different clients, with different per-call options and token functions,
 * interleaved at random, never see each other's credentials, headers or attempt records (a 401
 * renews exactly the token that attempt sent).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, createVendorClient, type OperationDefinition, type SecurityScheme, type VendorDefinition } from '../../src/index.js';
import { base64 } from '../../src/internal/base64.js';

type Kind = 'bearer' | 'basic' | 'oauth2' | 'header' | 'query' | 'cookie';

/** Schemes whose credentials cannot overwrite each other: one Authorization user, distinct header, query and cookie names. */
const schemesArb = fc
  .record({
    authorization: fc.option(fc.constantFrom<Kind>('bearer', 'basic', 'oauth2', 'header'), { nil: undefined }),
    headers: fc.uniqueArray(fc.stringMatching(/^X-[A-Za-z][A-Za-z0-9-]{0,12}$/), { maxLength: 2, selector: (s) => s.toLowerCase() }),
    queries: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), { maxLength: 2 }),
    cookie: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { nil: undefined }),
  })
  .map(({ authorization, headers, queries, cookie }) => {
    const schemes: Record<string, { scheme: SecurityScheme; kind: Kind }> = {};
    if (authorization === 'bearer') schemes.A = { kind: 'bearer', scheme: { type: 'http', scheme: 'bearer' } };
    if (authorization === 'basic') schemes.A = { kind: 'basic', scheme: { type: 'http', scheme: 'Basic' } };
    if (authorization === 'oauth2') schemes.A = { kind: 'oauth2', scheme: { type: 'oauth2', flows: {} } };
    if (authorization === 'header') schemes.A = { kind: 'header', scheme: { type: 'apiKey', in: 'header', name: 'Authorization' } };
    headers.forEach((name, i) => (schemes[`H${i}`] = { kind: 'header', scheme: { type: 'apiKey', in: 'header', name } }));
    queries.forEach((name, i) => (schemes[`Q${i}`] = { kind: 'query', scheme: { type: 'apiKey', in: 'query', name } }));
    if (cookie) schemes.C = { kind: 'cookie', scheme: { type: 'apiKey', in: 'cookie', name: cookie } };
    return schemes;
  })
  .filter((schemes) => Object.keys(schemes).length > 0);

const configurationArb = schemesArb.chain((schemes) => {
  const names = Object.keys(schemes);
  const requirement = fc.subarray(names, { minLength: 1 });
  return fc.record({
    schemes: fc.constant(schemes),
    // Each operation: any requirements (an empty list: an unauthenticated operation).
    operations: fc.array(fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), security: fc.array(requirement, { maxLength: 3 }), withBody: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    configured: fc.subarray(names),
    // Distinct, and none inside another, so counting occurrences counts placements.
    values: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{4}$/), { minLength: names.length, maxLength: names.length }).map((v) => v.map((s, i) => `cred${i}z${s}`)),
  });
});

type Configuration = typeof configurationArb extends fc.Arbitrary<infer T> ? T : never;

function definitionOf(config: Configuration): VendorDefinition {
  const operations: Record<string, OperationDefinition> = {};
  config.operations.forEach((o, i) => {
    operations[`op${i}`] = {
      operationId: `op${i}`,
      method: o.method,
      path: `/things/${i}`,
      security: o.security.map((names) => Object.fromEntries(names.map((n) => [n, []]))),
      idempotent: true,
      credentials: [],
      responseVendorErrors: {},
      ...(o.withBody && o.method !== 'GET' ? { bodyMediaType: 'application/json' } : {}),
      request: {},
      responses: {},
      strictResponses: {},
    };
  });
  return {
    vendor: 'prop',
    servers: { production: 'https://api.prop.test' },
    securitySchemes: Object.fromEntries(Object.entries(config.schemes).map(([n, s]) => [n, s.scheme])),
    operations,
  };
}

/** Every place a credential can travel: the URL and every header value. */
function wire(request: Request): string {
  return [request.url, ...[...request.headers].map(([, v]) => v)].join('\n');
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('credential placement (any schemes, operations and static credentials)', () => {
  it('the Request that reaches fetch carries each credential of the chosen requirement exactly once, where its scheme says, and no other', async () => {
    await fc.assert(
      fc.asyncProperty(configurationArb, async (config) => {
        const definition = definitionOf(config);
        const names = Object.keys(config.schemes);
        const credentials = Object.fromEntries(config.configured.map((n) => [n, config.values[names.indexOf(n)]!]));
        const requests: Request[] = [];
        const client = createVendorClient(definition, {
          credentials,
          validateRequests: false,
          fetch: async (request) => {
            requests.push(request);
            return new Response(null, { status: 204 });
          },
        });
        for (const [id, op] of Object.entries(definition.operations)) {
          requests.length = 0;
          await client.call(id, op.bodyMediaType ? { body: { n: 1 } } : {});
          expect(requests).toHaveLength(1);
          const request = requests[0]!;
          const sent = wire(request);
          const chosen = op.security.find((req) => Object.keys(req).every((n) => n in credentials));
          for (const name of names) {
            const value = config.values[names.indexOf(name)]!;
            const { kind, scheme } = config.schemes[name]!;
            if (!chosen || !(name in chosen) || !(name in credentials)) {
              expect(occurrences(sent, value), `${id}: ${name} is not in the chosen requirement`).toBe(0);
              continue;
            }
            const url = new URL(request.url);
            if (kind === 'basic') {
              expect(request.headers.get('authorization')).toBe(`Basic ${base64(value)}`);
              expect(occurrences(sent, base64(value))).toBe(1);
              expect(occurrences(sent, value)).toBe(0);
              continue;
            }
            expect(occurrences(sent, value), `${id}: ${name} exactly once`).toBe(1);
            if (kind === 'bearer' || kind === 'oauth2') expect(request.headers.get('authorization')).toBe(`Bearer ${value}`);
            else if (kind === 'query') expect(url.searchParams.getAll((scheme as { name: string }).name)).toEqual([value]);
            else if (kind === 'cookie') expect(request.headers.get('cookie')).toBe(`${(scheme as { name: string }).name}=${value}`);
            else expect(request.headers.get((scheme as { name: string }).name)).toBe(value);
          }
        }
      }),
      { seed: 20261207, numRuns: 80 },
    );
  }, 120_000);
});

describe('no per-request context store: interleaved calls stay apart', () => {
  it("two clients, per-call headers and token functions, any interleaving: each request carries its own call's values, and a 401 renews exactly the token it rejected", async () => {
    const definition: VendorDefinition = {
      vendor: 'prop',
      servers: { production: 'https://api.prop.test' },
      securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'X-Key' }, Token: { type: 'http', scheme: 'bearer' } },
      operations: {
        read: {
          operationId: 'read',
          method: 'GET',
          path: '/r/{id}',
          security: [{ Key: [], Token: [] }],
          idempotent: true,
          credentials: [],
          responseVendorErrors: {},
          request: {},
          responses: {},
          strictResponses: {},
        },
      },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ client: fc.constantFrom(0, 1), delay: fc.integer({ min: 0, max: 3 }), revoked: fc.boolean() }), { minLength: 2, maxLength: 12 }),
        async (calls) => {
          // Per client: a static key and a token function that hands out a new token per attempt
          // and records which value it was asked to forget.
          const clients = [0, 1].map((c) => {
            let n = 0;
            const forgotten: string[] = [];
            const token = Object.assign(() => `tok-${c}-${n++}`, { invalidate: (rejected: string) => void forgotten.push(rejected) });
            return { key: `key-${c}-static`, forgotten, token };
          });
          // The server refuses the first token each revoked call sends (and only that one).
          const refusedOnce = new Set<string>();
          const seen: Array<{ call: string; key: string | null; auth: string | null; status: number }> = [];
          const built = clients.map((c, i) =>
            createVendorClient(definition, {
              credentials: { Key: c.key, Token: c.token },
              validateRequests: false,
              fetch: async (request) => {
                const call = request.headers.get('x-call')!;
                const spec = calls[Number(call)]!;
                await new Promise((resolve) => setTimeout(resolve, spec.delay));
                const status = spec.revoked && !refusedOnce.has(call) ? 401 : 200;
                if (status === 401) refusedOnce.add(call);
                seen.push({ call, key: request.headers.get('x-key'), auth: request.headers.get('authorization'), status });
                expect(request.url, `client ${i}`).toBe(`https://api.prop.test/r/${call}`);
                return new Response(null, { status: status === 401 ? 401 : 204 });
              },
            }),
          );
          await Promise.all(calls.map((spec, i) => built[spec.client]!.call('read', { path: { id: i } }, { headers: { 'X-Call': String(i) } })));
          for (const [i, spec] of calls.entries()) {
            const mine = seen.filter((s) => s.call === String(i));
            expect(mine.map((s) => s.status)).toEqual(spec.revoked ? [401, 200] : [200]);
            for (const s of mine) {
              expect(s.key).toBe(clients[spec.client]!.key);
              expect(s.auth).toMatch(new RegExp(`^Bearer tok-${spec.client}-\\d+$`));
            }
            // The renewal forgot the very token the refused attempt carried, and the retry sent another.
            if (spec.revoked) {
              const rejected = mine[0]!.auth!.slice('Bearer '.length);
              expect(clients[spec.client]!.forgotten).toContain(rejected);
              expect(mine[1]!.auth).not.toBe(mine[0]!.auth);
            }
          }
          for (const [c, { forgotten }] of clients.entries()) {
            const refused = seen.filter((s) => s.status === 401 && calls[Number(s.call)]!.client === c).map((s) => s.auth!.slice('Bearer '.length));
            expect(forgotten.sort()).toEqual(refused.sort());
          }
        },
      ),
      { seed: 20261207, numRuns: 40 },
    );
  }, 120_000);

  it('a second 401 is final, whatever else is in flight', async () => {
    const definition: VendorDefinition = {
      vendor: 'prop',
      servers: { production: 'https://api.prop.test' },
      securitySchemes: { Token: { type: 'oauth2', flows: {} } },
      operations: {
        read: {
          operationId: 'read',
          method: 'GET',
          path: '/r',
          security: [{ Token: [] }],
          idempotent: true,
          credentials: [],
          responseVendorErrors: {},
          request: {},
          responses: {},
          strictResponses: {},
        },
      },
    };
    let n = 0;
    const token = Object.assign(() => `t${n++}`, { invalidate: () => undefined });
    let requests = 0;
    const client = createVendorClient(definition, { credentials: { Token: token }, fetch: async () => (requests++, new Response(null, { status: 401 })) });
    const results = await Promise.allSettled([client.call('read'), client.call('read'), client.call('read')]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AuthenticationError);
    expect(requests).toBe(6);
  });
});
