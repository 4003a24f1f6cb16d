/**
 * The spec's `x-url-policy` through the generated validation path (S8): for every operation whose
 * request carries a field with the policy (found in the spec, not listed here), hostile URLs in
 * every IP spelling are a RequestValidationError on that field before anything is sent, never
 * echoing the URL; `allowPrivatePingback` lets exactly the non-public hosts through (over http or
 * https), and nothing else.
 */
import { type OperationDefinition, RequestValidationError, schemasOf } from '@vendor-contracts/runtime';
import { json, observedFetch } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAtttoolClient, definition } from '../../src/index.js';
import { localhost, nonPublicV6, privateV4, spell } from '../support/hostile-hosts.js';
import { SECRET as API_KEY, spec } from '../support/spec.js';

type Obj = Record<string, any>;
const resolve = (s: Obj): Obj =>
  typeof s?.$ref === 'string'
    ? resolve(
        s.$ref
          .split('/')
          .slice(1)
          .reduce((o: Obj, k: string) => o[k], spec),
      )
    : s;

/** Every (operation, body field) whose schema declares `x-url-policy`, with a valid body to put it in. */
const sites: Array<{ operationId: string; field: string; body: Obj }> = [];
for (const item of Object.values<Obj>(spec.paths)) {
  for (const op of Object.values<Obj>(item)) {
    const media = op?.requestBody?.content?.['application/json'];
    if (!media) continue;
    const schema = resolve(media.schema);
    const example = Object.values<Obj>(media.examples ?? {})[0]?.value;
    for (const [field, prop] of Object.entries<Obj>(schema.properties ?? {})) {
      if (resolve(prop)['x-url-policy'] !== undefined) sites.push({ operationId: op.operationId, field, body: { ...example } });
    }
  }
}

/** A host the policy calls non-public, in any ASCII spelling. */
const asciiHostileHost = fc.oneof(
  fc
    .tuple(
      privateV4,
      fc.integer({ min: 0, max: 11 }).filter((how) => how !== 10),
    )
    .map(([o, how]) => spell(o, how)),
  nonPublicV6,
  localhost,
);
/**
 * Any spelling, full-width digits and ideographic dots too: WHATWG URL folds them into the same
 * address, but the spec's `format: uri` (ASCII, RFC 3986) already refuses them, before the policy.
 */
const hostileHost = fc.oneof(
  asciiHostileHost,
  privateV4.map((o) => spell(o, 10)),
);
const ruleFor = (host: string) => (/^[\x21-\x7e]*$/.test(host) ? 'x-url-policy: public-host' : 'format: uri');
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
/** A secret token in the query, as createPingbackUrl puts one: it must never reach an error. */
const TOKEN = 'atttool_token=SEKRET0123456789';
const url = (scheme: string, host: string, p: number | undefined, path: string) => `${scheme}://${host}${p === undefined ? '' : `:${p}`}${path}?${TOKEN}`;

const placed = { status: 'OK', order_id: '7fe808fd-78c1-49fe-a3aa-17489c8b4e28', total_cost: '0.25' };

async function send(operationId: string, body: Obj, allowPrivatePingback?: boolean) {
  const seen = observedFetch(() => json(placed));
  const client = createAtttoolClient({ apiKey: API_KEY, fetch: seen.fetch, allowPrivatePingback }) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  const error = await client[operationId]!({ body }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, seen };
}

function expectRefused(error: unknown, field: string, rule: string, sent: number) {
  expect(error).toBeInstanceOf(RequestValidationError);
  expect((error as RequestValidationError).issues).toEqual([expect.objectContaining({ path: `body.${field}`, rule })]);
  expect((error as Error).message).toContain(`body.${field}`);
  expect(`${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain('SEKRET');
  expect(sent).toBe(0);
}

describe('x-url-policy on every request field that declares it', () => {
  it('the spec declares it where the vendor calls back (placeOrder.pingback_url)', () => {
    expect(sites.map((s) => `${s.operationId}.${s.field}`)).toContain('placeOrder.pingback_url');
  });

  it.each(sites)('$operationId body.$field: every spelling of a non-public host is refused before sending, whatever the scheme', async ({ operationId, field, body }) => {
    await fc.assert(
      fc.asyncProperty(hostileHost, fc.constantFrom('https', 'http'), port, fc.webPath(), async (host, scheme, p, path) => {
        const value = url(scheme, host, p, path);
        const { error, seen } = await send(operationId, { ...body, [field]: value });
        expectRefused(error, field, ruleFor(host), seen.requests.length);
        // The client ran the compiled check; the generated zod (the fallback, and the exported schemas) agrees.
        const zodIssues =
          (await schemasOf((definition.operations as Record<string, OperationDefinition>)[operationId]!)).request.body!.safeParse({ ...body, [field]: value }).error?.issues ?? [];
        const zodRules = zodIssues.map((i) => (i.code === 'custom' ? (i.params as { rule?: string }).rule : i.code === 'invalid_format' ? `format: ${i.format}` : i.code));
        expect(zodRules).toContain(ruleFor(host));
        expect(zodIssues.every((i) => i.path.join('.') === field)).toBe(true);
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  it.each(sites)('$operationId body.$field: allowPrivatePingback sends exactly those URLs, unchanged', async ({ operationId, field, body }) => {
    await fc.assert(
      fc.asyncProperty(asciiHostileHost, fc.constantFrom('https', 'http'), port, fc.webPath(), async (host, scheme, p, path) => {
        const value = url(scheme, host, p, path);
        const { error, seen } = await send(operationId, { ...body, [field]: value }, true);
        expect(error).toBeUndefined();
        expect(seen.requests).toHaveLength(1);
        expect(JSON.parse(seen.bodies[0]!)[field]).toBe(value);
      }),
      { numRuns: 200, seed: 20261208 },
    );
  });

  it.each(sites)('$operationId body.$field: allowPrivatePingback waives nothing else (public http, userinfo, other schemes)', async ({ operationId, field, body }) => {
    const cases = fc.oneof(
      fc.tuple(fc.domain(), fc.webPath()).map(([d, path]) => [`http://${d}${path}?${TOKEN}`, 'x-url-policy: scheme'] as const),
      fc.tuple(asciiHostileHost, fc.webPath()).map(([h, path]) => [`https://me:SEKRET@${h}${path}`, 'x-url-policy: userinfo'] as const),
      fc.tuple(fc.domain(), fc.webPath()).map(([d, path]) => [`https://SEKRET@${d}${path}`, 'x-url-policy: userinfo'] as const),
    );
    await fc.assert(
      fc.asyncProperty(cases, fc.boolean(), async ([value, rule], allow) => {
        fc.pre(value.length <= 2048 && (rule !== 'x-url-policy: scheme' || !/localhost/i.test(value)));
        const { error, seen } = await send(operationId, { ...body, [field]: value }, allow);
        expectRefused(error, field, rule, seen.requests.length);
      }),
      { numRuns: 300, seed: 20261209 },
    );
  });

  it.each(sites)('$operationId body.$field: public https URLs are sent, with or without the option', async ({ operationId, field, body }) => {
    await fc.assert(
      fc.asyncProperty(fc.domain(), fc.webPath(), fc.boolean(), async (domain, path, allow) => {
        fc.pre(!/(^|\.)localhost$/i.test(domain));
        const value = `https://${domain}${path}?${TOKEN}`;
        fc.pre(value.length <= 2048);
        const { error, seen } = await send(operationId, { ...body, [field]: value }, allow);
        expect(error).toBeUndefined();
        expect(JSON.parse(seen.bodies[0]!)[field]).toBe(value);
      }),
      { numRuns: 200, seed: 20261210 },
    );
  });
});
