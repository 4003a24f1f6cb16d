import { type ClientOptions, type VendorContractsError } from '../../src/index.js';
import { acmeClient } from '../support/client.js';
import { CORRELATION_HEADER, type FaultServer } from '../fault/server.js';

export type Method = 'GET' | 'POST' | 'POST idempotent';
export const START = 1_700_000_000_000;

/** A client on the rig with an injected clock and sleep (sleeping advances the clock; nothing waits). */
export function harness(baseUrl: string, options: ClientOptions = {}) {
  const sleeps: number[] = [];
  const retries: string[] = [];
  let attempts = 0;
  let clock = START;
  const client = acmeClient({
    baseUrl,
    // Long enough that a loaded 2-core machine never turns a normal answer into a timeout;
    // the hang/stall cases pass a short per-call timeout instead.
    timeout: 5_000,
    now: () => clock,
    monotonicNow: () => clock,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...options,
    hooks: {
      onRequest: () => void attempts++,
      onRetry: (e) => void retries.push(`${e.attempt}:${e.reason}:${e.delayMs}`),
      ...options.hooks,
    },
  });
  let n = 0;
  const call = (method: Method, extra: { signal?: AbortSignal; deadline?: number; timeout?: number; retry?: ClientOptions['retry'] } = {}) => {
    const headers = { [CORRELATION_HEADER]: `call-${++n}` };
    const o = { headers, ...extra };
    if (method === 'GET') return client.getItem({ path: { id: 1 } }, o);
    if (method === 'POST') return client.createItem({ body: { name: 'a' } }, o);
    return client.upsertItem({ path: { id: 1 }, body: { name: 'a' } }, o);
  };
  return {
    client,
    call,
    sleeps,
    retries,
    get attempts() {
      return attempts;
    },
    get clock() {
      return clock;
    },
    set clock(v: number) {
      clock = v;
    },
  };
}

export async function failure(p: Promise<unknown>): Promise<VendorContractsError> {
  try {
    await p;
  } catch (error) {
    return error as VendorContractsError;
  }
  throw new Error('expected the call to fail');
}

export function ledgerCount(rig: FaultServer): number {
  return rig.ledger.length;
}
