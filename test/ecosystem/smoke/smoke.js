// The smoke suite every runtime runs, from the installed tarballs: plain ESM with web-standard
// APIs only (no node:, no process), so the same file runs on Node, Bun, Deno, in a Worker and in
// a browser page. `runSmoke(mockUrl)` resolves with one result per check, never throws.
import { createVendorContracts } from '@vendor-contracts/sdk';
import { AbortError, ConfigError, RequestValidationError, TimeoutError, VendorError } from '@vendor-contracts/sdk/runtime';
import { createTmtFirstClient, followJob } from '@vendor-contracts/sdk/tmt-first';
import { createTelecomxClient } from '@vendor-contracts/sdk/telecomx';
import { createInfocareClient } from '@vendor-contracts/sdk/infocare';
import { createTotalmobileClient } from '@vendor-contracts/sdk/totalmobile';
import { createAtttoolClient } from '@vendor-contracts/sdk/atttool';
import { createPingbackReceiver, createPingbackUrl, MemoryPingbackBindingStore } from '@vendor-contracts/sdk/atttool/pingback';
import { CHECK_NAMES } from './check-names.js';

/** The mock's URL layout: `<mock>/<vendor>/<scenario>` is a vendor's base URL (see src/mock.ts). */
const base = (mock, vendor, scenario = 'ok') => `${mock}/${vendor}/${scenario}`;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Resolves with the error `promise` rejected with; fails when it resolved. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

const ATT_KEY = '0123456789abcdef0123456789abcdef'; // AT&T keys are 32 hex digits
const IMEI = '354865093010294'; // passes the Luhn check
const BAD_IMEI = '354865093010295'; // fails it

/** name → async (mockUrl) => void; a check fails by throwing. */
export const CHECKS = {
  'call tmt-first': async (mock) => {
    const tmt = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: base(mock, 'tmt-first') });
    const { connect_id } = await tmt.prealert({
      body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null },
    });
    check(Number.isInteger(connect_id), `connect_id ${connect_id}`);
  },
  'call telecomx': async (mock) => {
    const telecomx = createTelecomxClient({ token: 'smoke-token', baseUrl: base(mock, 'telecomx') });
    const request = await telecomx.updateInternetRequest({ path: { requestId: '123457890123457890AAAA' }, body: { ipAddresses: 8 } });
    check(typeof request._id === 'string', `_id ${request._id}`);
  },
  'call infocare': async (mock) => {
    const infocare = createInfocareClient({ baseUrl: base(mock, 'infocare'), apiToken: 'smoke-token' });
    const { result } = await infocare.sendCompletedEmail({ body: { guid: 'd647067f-20d4-4ac3-891e-a4549e727bee' } });
    check(result !== undefined, 'no result');
  },
  'call totalmobile': async (mock) => {
    // The password grant first (POST /token), then the call with the token it got.
    const tm = createTotalmobileClient({ username: 'smoke-user', password: 'smoke-password', baseUrl: base(mock, 'totalmobile') });
    const order = await tm.getSalesOrder({ query: { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1' } });
    check(order === null || typeof order === 'object', `order ${order}`);
  },
  'call atttool': async (mock) => {
    const att = createAtttoolClient({ apiKey: ATT_KEY, baseUrl: base(mock, 'atttool') });
    const { order_id, total_cost } = await att.placeOrder({ body: { imeis: [IMEI] } });
    check(typeof order_id === 'string' && typeof total_cost === 'string', `order ${order_id} ${total_cost}`);
  },
  'validation error': async (mock) => {
    // `never` answers 500 to anything: a request that reached it would be a ServerError.
    const att = createAtttoolClient({ apiKey: ATT_KEY, baseUrl: base(mock, 'atttool', 'never') });
    const error = await rejection(att.placeOrder({ body: { imeis: [BAD_IMEI] } }));
    check(error instanceof RequestValidationError, `got ${error?.name}: ${error?.message}`);
    check(error.issues[0]?.path === 'body.imeis[0]', `issue path ${error.issues[0]?.path}`);
  },
  'vendor error': async (mock) => {
    const att = createAtttoolClient({ apiKey: ATT_KEY, baseUrl: base(mock, 'atttool', 'example-200-notEnoughFunds') });
    const error = await rejection(att.placeOrder({ body: { imeis: [IMEI] } }));
    check(error instanceof VendorError && error.code === 'ERR_NOT_ENOUGH_FUNDS', `got ${error?.name} ${error?.code}`);
  },
  retry: async (mock) => {
    // `flaky-<id>` answers the first request of each id 503 (retry-after-ms: 1), later ones as `ok`.
    const retries = [];
    const tmt = createTmtFirstClient({
      apiKey: 'smoke-key',
      baseUrl: base(mock, 'tmt-first', `flaky-${Math.random().toString(36).slice(2)}`),
      hooks: { onRetry: (event) => retries.push(event.reason) },
    });
    const job = await tmt.getJob({ path: { connect_id: 1 } });
    check(typeof job.status === 'string', `status ${job.status}`);
    check(retries.length === 1, `retries ${JSON.stringify(retries)}`);
  },
  timeout: async (mock) => {
    // `slow` answers after 5 s.
    const tmt = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: base(mock, 'tmt-first', 'slow'), retry: { maxRetries: 0 } });
    const started = Date.now();
    const error = await rejection(tmt.getJob({ path: { connect_id: 1 } }, { timeout: 200 }));
    check(error instanceof TimeoutError && error.timeoutMs === 200, `got ${error?.name}: ${error?.message}`);
    check(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
  },
  abort: async (mock) => {
    const tmt = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: base(mock, 'tmt-first', 'slow') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('smoke abort')), 100);
    const error = await rejection(tmt.getJob({ path: { connect_id: 1 } }, { signal: controller.signal }));
    check(error instanceof AbortError, `got ${error?.name}: ${error?.message}`);
  },
  'workflow sleep abort': async (mock) => {
    // followJob yields the job (QUOTE SENT), then waits 60 s with the default sleep: the abort must end that wait.
    const tmt = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: base(mock, 'tmt-first') });
    const controller = new AbortController();
    const started = Date.now();
    const error = await rejection(
      (async () => {
        for await (const job of followJob(tmt, 1, { interval: 60_000, signal: controller.signal })) {
          check(typeof job.status === 'string', 'no status');
          setTimeout(() => controller.abort(), 50);
        }
      })(),
    );
    check(error instanceof AbortError, `got ${error?.name}: ${error?.message}`);
    check(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  },
  facade: async (mock) => {
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: 'smoke-key', baseUrl: base(mock, 'tmt-first') },
      atttool: { apiKey: ATT_KEY, baseUrl: base(mock, 'atttool') },
      defaults: { timeout: 5_000 },
    });
    const { connect_id } = await vendors.tmtFirst.prealert({
      body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null },
    });
    check(Number.isInteger(connect_id), `connect_id ${connect_id}`);
    const { order_id } = await vendors.atttool.placeOrder({ body: { imeis: [IMEI] } });
    check(typeof order_id === 'string', `order_id ${order_id}`);
    let notConfigured;
    try {
      void vendors.telecomx.updateInternetRequest;
    } catch (error) {
      notConfigured = error;
    }
    check(notConfigured instanceof ConfigError, `unconfigured vendor: ${notConfigured?.name}`);
  },
  'pingback receiver': async () => {
    const secret = 'smoke-secret-of-at-least-32-bytes-0123456789';
    const runs = [];
    // The URL authorises the one order bound to its reference (placeOrderWithPingback records it).
    const bindings = new MemoryPingbackBindingStore();
    await bindings.bind('order-42', '99634c0b-824c-4d41-9479-65abf0357695');
    const receive = createPingbackReceiver({ secret, bindings, handler: async ({ reference, orderId }) => void runs.push(`${reference}:${orderId}`) });
    const { url } = createPingbackUrl({ baseUrl: 'https://hooks.example.com/atttool/pingback', secret, reference: 'order-42' });
    const body = JSON.stringify({
      order_id: '99634c0b-824c-4d41-9479-65abf0357695',
      total_cost: '0.25',
      imeis: { 359488091564579: { status: 'Unlocked', att_order_num: 'NUL818548439915', note: 'Unlock code is 0959490308474628', refunded: false } },
    });
    const deliver = (to) => receive(new Request(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    const first = await deliver(url);
    const again = await deliver(url);
    check(first.status === 200 && again.status === 200, `statuses ${first.status} ${again.status}`);
    check(runs.length === 1, `handler ran ${runs.length} times`);
    const forged = new URL(url);
    forged.searchParams.set('atttool_token', 'x'.repeat(43));
    const rejected = await deliver(forged.href);
    check(rejected.status === 404, `forged token answered ${rejected.status}`);
  },
};

/** Runs every check of CHECK_NAMES (one at a time, so timings stay clear), each result `{ check, ok, error? }`. */
export async function runSmoke(mockUrl) {
  const results = [];
  for (const name of CHECK_NAMES) {
    try {
      if (!CHECKS[name]) throw new Error(`no check named '${name}' in smoke.js`);
      await CHECKS[name](mockUrl.replace(/\/+$/, ''));
      results.push({ check: name, ok: true });
    } catch (error) {
      results.push({ check: name, ok: false, error: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`.slice(0, 500) });
    }
  }
  return results;
}
