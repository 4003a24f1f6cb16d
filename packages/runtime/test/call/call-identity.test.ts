/**
 * Every hook event of a call carries its `callId` (so hooks tell concurrent calls apart without
 * AsyncLocalStorage), `onCall` comes first with the client's origin, and attempts are numbered.
 */
import { describe, expect, it } from 'vitest';
import { type ClientHooks, createVendorClient } from '../../src/index.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';
import { definition } from '../support/fixture.js';

describe('call identity in hook events', () => {
  it('onCall first, one callId per call across clients, attempts from 1', async () => {
    const log: Array<[string, number | undefined, number | undefined]> = [];
    const origins: string[] = [];
    const record = (name: string) => (e: { callId?: number; attempt?: number }) => void log.push([name, e.callId, e.attempt]);
    const hooks: ClientHooks = {
      onCall: (e) => (origins.push(e.origin), record('call')(e)),
      onRequest: record('request'),
      onResponse: record('response'),
      onRetry: record('retry'),
      onSuccess: record('success'),
      onError: record('error'),
    };
    let n = 0;
    const fetch = observedFetch(() => (n++ === 0 ? json({ error: 'busy' }, 503) : json({ id: 1, name: 'ok' }))).fetch;
    const options = { credentials: { KeyHeader: 'k' }, sleep: async () => undefined, fetch, hooks };
    const a = createVendorClient<any, any>(definition, { ...options, baseUrl: 'https://api.acme.test' }) as any;
    const b = createVendorClient<any, any>(definition, { ...options, baseUrl: 'http://127.0.0.1:8080/v1' }) as any;
    await a.getItem({ path: { id: 1 } });
    await b.getItem({ path: { id: 0 } }).catch(() => undefined); // invalid: nothing sent

    const [first, second] = [...new Set(log.map(([, id]) => id))];
    expect(typeof first).toBe('number');
    expect(second).not.toBe(first);
    expect(log).toEqual([
      ['call', first, undefined],
      ['request', first, 1],
      ['response', first, 1],
      ['retry', first, 1],
      ['request', first, 2],
      ['response', first, 2],
      ['success', first, undefined],
      ['call', second, undefined],
      ['error', second, undefined],
    ]);
    expect(origins).toEqual(['https://api.acme.test:443', 'http://127.0.0.1:8080']);
  });
});
