/**
 * The engine's own request-building rules (`request-build.ts`) and the rule behind them: whatever
 * throws before fetch is handed the request was not sent. (Every vendor's operations are attacked
 * in test/reliability: path-segments and pre-send-failures.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, RequestValidationError } from '../../src/index.js';
import { pathParameterNames, requestBuildIssues } from '../../src/request-build.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';
import { acmeClient, SECRET } from '../support/client.js';
import { definition } from '../support/fixture.js';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('a path parameter is exactly one non-empty segment', () => {
  it('reads parameter names from every template style', () => {
    expect(pathParameterNames('/a/{id}/{.label}/{;matrix}/{list*}')).toEqual(['id', 'label', 'matrix', 'list']);
  });

  it('rejects "", ".", ".." in any percent-encoded spelling, and accepts values that are one real segment', () => {
    const op = definition.operations.getItem;
    const dots = fc.array(fc.constantFrom('.', '%2e', '%2E', '%252e', '%25252E'), { minLength: 0, maxLength: 2 }).map((d) => d.join(''));
    fc.assert(
      fc.property(dots, (value) => {
        expect(requestBuildIssues(op, { path: { id: value } })).toEqual([{ path: 'path.id', rule: 'one path segment', message: expect.any(String) }]);
      }),
      { seed: 11_101, numRuns: 100 },
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/^(\.|%2e|%252e)*$/i.test(s)),
        (value) => {
          expect(requestBuildIssues(op, { path: { id: value } })).toEqual([]);
        },
      ),
      { seed: 11_102, numRuns: 200 },
    );
    expect(requestBuildIssues(op, { path: { id: [] } })[0]?.rule).toBe('one path segment');
    expect(requestBuildIssues(op, { path: {} })[0]?.rule).toBe('required');
  });

  it('holds with request validation off: 0 requests', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch, validateRequests: false });
    for (const id of ['', '.', '..', '%2E%2e']) {
      const error = await failure(client.getItem({ path: { id } } as never));
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).issues[0]?.path).toBe('path.id');
    }
    expect(seen.requests).toHaveLength(0);
  });
});

describe('anything thrown while building the request is not sent', () => {
  it('a middleware that throws before fetch → ConfigError, not retried, maybeApplied unset, 0 requests', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    let retries = 0;
    const client = acmeClient({
      fetch: seen.fetch,
      hooks: { onRetry: () => void retries++ },
      middleware: [
        {
          onRequest: () => {
            throw new TypeError('boom from a middleware');
          },
        },
      ],
    });
    const error = await failure(client.getItem({ path: { id: 1 } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/could not be built \(TypeError\); nothing was sent/);
    expect((error as ConfigError).maybeApplied).toBeUndefined();
    expect(retries).toBe(0);
    expect(seen.requests).toHaveLength(0);
  });

  it('a configured credential fetch cannot send → ConfigError, the credential scrubbed from the cause', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch, credentials: { KeyHeader: `${SECRET}\r\nX-Injected: 1` } });
    const error = await failure(client.getItem({ path: { id: 1 } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).cause)).not.toContain(SECRET);
    expect(seen.requests).toHaveLength(0);
  });

  it('a lone surrogate in a query value or a CR/LF in a per-call header, with validation off → typed, before the network', async () => {
    const seen = observedFetch(() => json({ id: 1, name: 'n' }));
    const client = acmeClient({ fetch: seen.fetch, validateRequests: false });
    const query = await failure(client.getItem({ path: { id: 1 }, query: { verbose: 'x\uD800' } } as never));
    expect((query as RequestValidationError).issues).toEqual([{ path: 'query.verbose', rule: 'well-formed Unicode', message: expect.any(String) }]);
    const header = await failure(client.getItem({ path: { id: 1 } }, { headers: { 'X-Trace': 'a\r\nb' } }));
    expect(header).toBeInstanceOf(ConfigError);
    expect((header as Error).message).toContain('headers.X-Trace');
    expect(seen.requests).toHaveLength(0);
  });
});
