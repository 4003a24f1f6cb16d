/**
 * R9/S10 through the engine on the fault rig: the rig's token authority issues tokens and checks
 * every vendor request's token against its own clock (shared with the client's injected clock).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, cachedToken, type ClientOptions, TokenAcquisitionError } from '../../src/index.js';
import { type FaultServer, startFaultServer, tokenAuthority } from '../../src/testing/index.js';
import { acmeClient, SECRET } from '../support/client.js';
import { failure, START } from '../retry/harness.js';

let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

/** An acme client whose Bearer credential is a cached token from the rig's `/token`. */
function setup(expiresIn = 3600, options: ClientOptions = {}) {
  let clock = START;
  const now = () => clock;
  const authority = tokenAuthority({ now, expiresIn });
  rig.fallback = authority.handle;
  const retries: string[] = [];
  const common = {
    baseUrl: rig.url,
    now,
    monotonicNow: now,
    sleep: async (ms: number) => void (clock += ms),
    hooks: { onRetry: (e: { reason: string }) => void retries.push(e.reason) },
  };
  // The token comes from the same rig through its own (unauthenticated) client, as Totalmobile's does.
  const tokenClient = acmeClient({ ...common, credentials: {} });
  const token = cachedToken({
    vendor: 'acme',
    monotonicNow: now,
    acquire: async () => {
      const t = (await tokenClient.token({ body: { grant_type: 'password', username: 'u', password: SECRET } })) as { access_token: string; expires_in: number };
      return { accessToken: t.access_token, expiresIn: t.expires_in };
    },
  });
  const client = acmeClient({ ...common, credentials: { Bearer: token, apiKey: 'key-1' }, ...options });
  const upsert = () => client.upsertItem({ path: { id: 1 }, body: { name: 'a' } });
  const create = () => client.createItem({ body: { name: 'a' } });
  return {
    authority,
    client,
    upsert,
    create,
    retries,
    advance: (ms: number) => void (clock += ms),
  };
}

/** The rig's ledger as `METHOD /path` lines (the authority sees the same requests). */
function ledgerPaths(): string[] {
  return rig.ledger.map((e) => `${e.method} ${e.url.split('?')[0]}`);
}

describe('401 from the vendor with a cached token (R9)', () => {
  it('invalidates the token, acquires a new one once and sends the call once more — a POST too', async () => {
    const s = setup();
    await s.create();
    s.authority.revoke(s.authority.issued[0]!.token);
    await expect(s.create()).resolves.toEqual({ id: 1, name: 'ok' });
    expect(ledgerPaths()).toEqual(['POST /token', 'POST /items', 'POST /items', 'POST /token', 'POST /items']);
    expect(s.authority.refused.map((r) => r.reason)).toEqual(['revoked']);
    expect(rig.ledger.at(-1)!.headers.authorization).toBe(`Bearer ${s.authority.issued[1]!.token}`);
    expect(s.retries).toEqual(['HTTP 401: renewing the token']);
  });

  it('a second 401 is an AuthenticationError: 2 vendor requests and 2 token requests, no loop', async () => {
    const s = setup();
    s.authority.refuseAll = true;
    const error = await failure(s.upsert());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(s.authority.vendorRequests).toHaveLength(2);
    expect(s.authority.tokenRequests).toHaveLength(2);
    expect(ledgerPaths()).toEqual(['POST /token', 'POST /items/1/upsert', 'POST /token', 'POST /items/1/upsert']);
  });

  it('the renewal does not use up a retry: 401 then 503 then 200 succeeds with maxRetries 1', async () => {
    const s = setup(3600, { retry: { maxRetries: 1 } });
    await s.upsert();
    s.authority.revoke(s.authority.issued[0]!.token);
    // The first vendor request after the 401 gets a 503.
    let unavailable = 1;
    rig.fallback = (e) => (e.url.endsWith('/upsert') && s.authority.refused.length === 1 && unavailable-- > 0 ? { status: 503, body: {} } : s.authority.handle(e));
    await expect(s.upsert()).resolves.toEqual({ id: 1, name: 'ok' });
    expect(ledgerPaths().slice(2)).toEqual(['POST /items/1/upsert', 'POST /token', 'POST /items/1/upsert', 'POST /items/1/upsert']);
    expect(s.retries).toEqual(['HTTP 401: renewing the token', 'HTTP 503']);
  });

  it('16 concurrent calls rejected with the same stale token cause one renewal, and all succeed', async () => {
    const s = setup();
    await s.upsert();
    s.authority.revoke(s.authority.issued[0]!.token);
    await Promise.all(Array.from({ length: 16 }, () => s.upsert()));
    expect(s.authority.tokenRequests).toHaveLength(2);
    expect(s.authority.refused).toHaveLength(16);
    expect(s.authority.vendorRequests).toHaveLength(1 + 16 + 16);
  });

  it('a string credential (nothing to renew) gets no second attempt on 401', async () => {
    const s = setup(3600, { credentials: { Bearer: 'static-token', apiKey: 'k' } });
    await expect(s.upsert()).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.authority.vendorRequests).toHaveLength(1);
    expect(s.authority.tokenRequests).toHaveLength(0);
  });
});

describe('a rejected grant (R9, S10)', () => {
  it('fails before any vendor request, then cools down: 200 callers over 29.9 s make no /token request', async () => {
    const s = setup();
    s.authority.rejectGrants = true;
    const first = await Promise.allSettled(Array.from({ length: 20 }, () => s.upsert()));
    for (const r of first) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TokenAcquisitionError);
    expect(s.authority.tokenRequests).toHaveLength(1);
    expect(s.authority.vendorRequests).toHaveLength(0);
    s.authority.rejectGrants = false;
    for (let i = 0; i < 200; i++) {
      s.advance(149); // 200 × 149 ms = 29.8 s, still inside the 30 s cooldown
      await expect(s.upsert()).rejects.toBeInstanceOf(TokenAcquisitionError);
    }
    expect(s.authority.tokenRequests).toHaveLength(1);
    expect(s.authority.vendorRequests).toHaveLength(0);
    s.advance(30_000 - 200 * 149);
    await expect(s.upsert()).resolves.toEqual({ id: 1, name: 'ok' });
    expect(s.authority.tokenRequests).toHaveLength(2);
  });
});

describe('short-lived tokens (R9)', () => {
  it('expires_in 5 s over 60 s of calls: ≤ 1 token request per lifetime and no request with a token the server considers expired', async () => {
    const s = setup(5);
    for (let i = 0; i < 600; i++) {
      await s.upsert();
      s.advance(100);
    }
    expect(s.authority.refused).toEqual([]);
    expect(s.authority.tokenRequests.length).toBeLessThanOrEqual(Math.ceil(60_000 / 4_500));
    const issued = s.authority.issued.map((t) => t.issuedAt);
    for (let i = 1; i < issued.length; i++) expect(issued[i]! - issued[i - 1]!).toBeGreaterThanOrEqual(4_500);
  });
});
