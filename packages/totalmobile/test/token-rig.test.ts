/**
 * R9/S10 through the real Totalmobile client over real HTTP: the runtime's fault rig serves
 * `/token` and the vendor endpoints and checks each bearer token's expiry by its own clock,
 * which the client shares (injected `now`; `sleep` advances it, so nothing waits).
 */
import { AuthenticationError, TokenAcquisitionError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer, tokenAuthority } from '@vendor-contracts/runtime/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTotalmobileClient } from '../src/index.js';
import { PASSWORD, USERNAME } from './support/totalmobile.js';

const WINDOWS = [{ Id: 1, Name: 'ALL DAY', StartHour: 8, StartMinute: 0, EndHour: 16, EndMinute: 59 }];
let rig: FaultServer;
beforeEach(async () => {
  rig = await startFaultServer();
});
afterEach(async () => {
  await rig.close();
});

function setup(expiresIn = 86_399) {
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const authority = tokenAuthority({ now, expiresIn, answer: () => ({ body: WINDOWS }) });
  rig.fallback = authority.handle;
  const tm = createTotalmobileClient({ username: USERNAME, password: PASSWORD, baseUrl: rig.url, now, monotonicNow: now, sleep: async (ms) => void (clock += ms) });
  return { authority, tm, advance: (ms: number) => void (clock += ms) };
}
const ledgerPaths = () => rig.ledger.map((e) => `${e.method} ${e.url.split('?')[0]}`);

describe('Totalmobile password grant on the fault rig', () => {
  it('100 concurrent calls on a cold client: exactly 1 POST /token, every vendor request carries that token', async () => {
    const { authority, tm } = setup();
    await Promise.all(Array.from({ length: 100 }, () => tm.listPlanningWindows()));
    expect(authority.tokenRequests).toHaveLength(1);
    expect(authority.vendorRequests).toHaveLength(100);
    expect(authority.refused).toEqual([]);
  });

  it('a 401 renews the token once and the call succeeds; a second 401 is AuthenticationError (no loop)', async () => {
    const { authority, tm } = setup();
    await tm.listPlanningWindows();
    authority.revoke(authority.issued[0]!.token);
    await expect(tm.listPlanningWindows()).resolves.toEqual(WINDOWS);
    expect(ledgerPaths()).toEqual(['POST /token', 'GET /api/PlanningWindow', 'GET /api/PlanningWindow', 'POST /token', 'GET /api/PlanningWindow']);
    authority.refuseAll = true;
    await expect(tm.listPlanningWindows()).rejects.toBeInstanceOf(AuthenticationError);
    expect(ledgerPaths().slice(5)).toEqual(['GET /api/PlanningWindow', 'POST /token', 'GET /api/PlanningWindow']);
  });

  it('invalid_grant: TokenAcquisitionError before any vendor request, then ≤ 1 /token per 30 s cooldown however many callers', async () => {
    const { authority, tm, advance } = setup();
    authority.rejectGrants = true;
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => tm.listPlanningWindows()));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof TokenAcquisitionError)).toBe(true);
    for (let i = 0; i < 100; i++) {
      advance(290);
      await expect(tm.listPlanningWindows()).rejects.toBeInstanceOf(TokenAcquisitionError);
    }
    expect(authority.tokenRequests).toHaveLength(1);
    expect(authority.vendorRequests).toHaveLength(0);
    advance(1_000); // 30 s after the rejection
    await expect(tm.listPlanningWindows()).rejects.toBeInstanceOf(TokenAcquisitionError);
    expect(authority.tokenRequests).toHaveLength(2);
    expect(authority.vendorRequests).toHaveLength(0);
  });

  it('expires_in 5 s: over 60 s of calls ≤ 1 /token per lifetime and no request the server finds expired', async () => {
    const { authority, tm, advance } = setup(5);
    for (let i = 0; i < 300; i++) {
      await tm.listPlanningWindows();
      advance(200);
    }
    expect(authority.refused).toEqual([]);
    expect(authority.tokenRequests.length).toBeLessThanOrEqual(Math.ceil(60_000 / 4_500));
  });

  it('the username and password travel only in the /token form body, never in a URL or a vendor request (S10)', async () => {
    const { authority, tm } = setup();
    await tm.listPlanningWindows();
    const secrets = [USERNAME, PASSWORD, encodeURIComponent(USERNAME), encodeURIComponent(PASSWORD)];
    for (const e of rig.ledger) expect(secrets.filter((s) => e.url.includes(s))).toEqual([]);
    for (const e of authority.vendorRequests) expect(secrets.filter((s) => `${JSON.stringify(e.headers)} ${e.body}`.includes(s))).toEqual([]);
    expect(new URLSearchParams(authority.tokenRequests[0]!.body).get('password')).toBe(PASSWORD);
  });
});
