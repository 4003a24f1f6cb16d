import { createAtttoolClient } from '@vendor-contracts/atttool';
import { createInfocareClient } from '@vendor-contracts/infocare';
import { createTelecomxClient } from '@vendor-contracts/telecomx';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { createTotalmobileClient } from '@vendor-contracts/totalmobile';
import { describe, expect, it } from 'vitest';
import { type ClientHooks, ConfigError, createVendorContracts, type RequestEvent, ServerError } from '../src/index.js';
import { composeHooks } from '../src/merge.js';

const TMT_KEY = 'tmt-key-0123456789';

/** A fetch that records each request and answers with `respond` (default: 200 `[]`, a valid getQuotes body). */
function recordingFetch(respond: (request: Request) => Response = () => Response.json([])) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return respond(request);
  };
  return { requests, fetch };
}

const noWait = async () => {};

describe('createVendorContracts: one client per configured vendor', () => {
  const options = {
    tmtFirst: { apiKey: TMT_KEY },
    telecomx: { token: 'telecomx-token' },
    infocare: { baseUrl: 'https://serviceorderhub.com', apiToken: 'infocare-token' },
    totalmobile: { username: 'user@clouddialogs.com', password: 'pw' },
    atttool: { apiKey: '0123456789abcdef0123456789abcdef' },
  };

  it('gives each vendor the client its own factory returns (same methods)', () => {
    const vendors = createVendorContracts(options);
    const direct = {
      tmtFirst: createTmtFirstClient(options.tmtFirst),
      telecomx: createTelecomxClient(options.telecomx),
      infocare: createInfocareClient(options.infocare),
      totalmobile: createTotalmobileClient(options.totalmobile),
      atttool: createAtttoolClient(options.atttool),
    };
    for (const key of Object.keys(direct) as (keyof typeof direct)[]) {
      expect(Object.keys(vendors[key]).sort(), key).toEqual(Object.keys(direct[key]).sort());
      expect(vendors[key].definition, key).toBe(direct[key].definition);
      expect(vendors[key].baseUrl, key).toBe(direct[key].baseUrl);
    }
  });

  it('builds a client on first access, once', () => {
    const vendors = createVendorContracts({ tmtFirst: { apiKey: TMT_KEY }, atttool: { apiKey: '0123456789abcdef0123456789abcdef' } });
    expect(vendors.tmtFirst).toBe(vendors.tmtFirst);
    expect(vendors.atttool).toBe(vendors.atttool);
    expect(vendors.tmtFirst).not.toBe(createVendorContracts({ tmtFirst: { apiKey: TMT_KEY } }).tmtFirst);
  });

  it("runs a vendor's own checks only when that vendor is used", () => {
    // An empty apiKey is the vendor's rule, not the facade's: configuring it must not fail the others.
    const vendors = createVendorContracts({ tmtFirst: { apiKey: '' }, telecomx: { token: 'telecomx-token' } });
    expect(vendors.telecomx.baseUrl).toBe('https://api.telecomx.dk');
    expect(() => vendors.tmtFirst).toThrow(ConfigError);
    expect(() => vendors.tmtFirst).toThrow('tmt-first: apiKey is required (a non-empty string)');
  });

  it('throws ConfigError naming an unconfigured vendor and how to configure it, and hides it from inspection', () => {
    const vendors = createVendorContracts({ tmtFirst: { apiKey: TMT_KEY } });
    const read = () => (vendors as unknown as Record<string, unknown>).telecomx;
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/telecomx is not configured.*createVendorContracts\(\{ telecomx: \{ token: /);
    expect(Object.keys(vendors)).toEqual(['tmtFirst']);
    expect(() => ({ ...vendors })).not.toThrow();
  });

  it('an empty configuration is valid and configures nothing', () => {
    const vendors = createVendorContracts({});
    expect(Object.keys(vendors)).toEqual([]);
    expect(() => (vendors as unknown as Record<string, unknown>).atttool).toThrow(/atttool is not configured/);
  });
});

describe('createVendorContracts: defaults under each vendor’s options', () => {
  it('uses the shared fetch and headers for every vendor', async () => {
    const shared = recordingFetch((request) => (request.url.includes('telecomx') ? Response.json({ _id: '5e8f0c1a2b3c4d5e6f708192' }) : Response.json([])));
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY },
      telecomx: { token: 'telecomx-token' },
      defaults: { fetch: shared.fetch, headers: { 'X-Trace': 'shared' } },
    });
    await vendors.tmtFirst.getQuotes();
    await vendors.telecomx.updateInternetRequest({ path: { requestId: '123457890123457890AAAA' }, body: { ipAddresses: 8 } });
    expect(shared.requests.map((r) => new URL(r.url).host)).toEqual(['connectapi.tmttech.co.uk', 'api.telecomx.dk']);
    expect(shared.requests.map((r) => r.headers.get('x-trace'))).toEqual(['shared', 'shared']);
  });

  it("lets the vendor's own options win: fetch, and headers by case-insensitive name", async () => {
    const shared = recordingFetch();
    const own = recordingFetch();
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY, fetch: own.fetch, headers: { 'x-trace': 'vendor' } },
      defaults: { fetch: shared.fetch, headers: { 'X-Trace': 'shared', 'X-App': 'billing' } },
    });
    await vendors.tmtFirst.getQuotes();
    expect(shared.requests).toHaveLength(0);
    expect(own.requests).toHaveLength(1);
    expect(own.requests[0]!.headers.get('x-trace')).toBe('vendor');
    expect(own.requests[0]!.headers.get('x-app')).toBe('billing');
  });

  it('an option given as undefined does not hide the shared value', async () => {
    const shared = recordingFetch();
    const vendors = createVendorContracts({ tmtFirst: { apiKey: TMT_KEY, fetch: undefined }, defaults: { fetch: shared.fetch } });
    await vendors.tmtFirst.getQuotes();
    expect(shared.requests).toHaveLength(1);
  });

  it('merges retry by key: the shared maxRetries stays unless the vendor sets its own', async () => {
    const failing = () => recordingFetch(() => new Response('busy', { status: 503 }));
    const first = failing();
    const sharedOnly = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY, retry: { maxRetryWait: 1_000 } },
      defaults: { fetch: first.fetch, sleep: noWait, retry: { maxRetries: 4 } },
    });
    await expect(sharedOnly.tmtFirst.getQuotes()).rejects.toBeInstanceOf(ServerError);
    expect(first.requests).toHaveLength(5);

    const second = failing();
    const vendorWins = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY, retry: { maxRetries: 1 } },
      defaults: { fetch: second.fetch, sleep: noWait, retry: { maxRetries: 4 } },
    });
    await expect(vendorWins.tmtFirst.getQuotes()).rejects.toBeInstanceOf(ServerError);
    expect(second.requests).toHaveLength(2);
  });

  it('runs both hooks, shared first, with the vendor’s events', async () => {
    const calls: string[] = [];
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY, hooks: { onRequest: (e: RequestEvent) => calls.push(`vendor ${e.operationId}`) } },
      atttool: { apiKey: '0123456789abcdef0123456789abcdef' },
      defaults: {
        fetch: recordingFetch().fetch,
        hooks: { onRequest: (e) => calls.push(`shared ${e.vendor}`), onSuccess: (e) => calls.push(`success ${e.attempts}`) },
      },
    });
    await vendors.tmtFirst.getQuotes();
    expect(calls).toEqual(['shared tmt-first', 'vendor getQuotes', 'success 1']);
  });

  it('joins middleware lists, shared first', async () => {
    const order: string[] = [];
    const tag = (name: string) => ({ onRequest: () => void order.push(name) });
    const vendors = createVendorContracts({
      tmtFirst: { apiKey: TMT_KEY, middleware: [tag('vendor')] },
      defaults: { fetch: recordingFetch().fetch, middleware: [tag('shared')] },
    });
    await vendors.tmtFirst.getQuotes();
    expect(order).toEqual(['shared', 'vendor']);
  });
});

describe('composeHooks', () => {
  it('runs the vendor hook even when the shared one throws, then rethrows the first error', () => {
    const seen: string[] = [];
    const boom = new Error('shared hook failed');
    const hooks = composeHooks(
      {
        onError() {
          throw boom;
        },
      },
      { onError: () => void seen.push('vendor') },
    );
    expect(() => hooks.onError!({} as Parameters<NonNullable<ClientHooks['onError']>>[0])).toThrow(boom);
    expect(seen).toEqual(['vendor']);
  });

  it('keeps `this` for hooks written as methods, and skips hooks set to undefined', () => {
    const shared = {
      count: 0,
      onRequest(this: { count: number }) {
        this.count++;
      },
    };
    const hooks = composeHooks(shared, { onRequest: undefined, onResponse: undefined });
    hooks.onRequest!({} as RequestEvent);
    expect(shared.count).toBe(1);
    expect(Object.keys(hooks)).toEqual(['onRequest']);
  });
});

describe('createVendorContracts: the configuration is checked up front', () => {
  const make = (config: unknown) => () => createVendorContracts(config as never);

  it.each([
    [null, /config must be an object/],
    [[], /config must be an object/],
    [{ tmt: {} }, /unknown key "tmt"; the keys are tmtFirst, telecomx, infocare, totalmobile, atttool, defaults/],
    [{ 'tmt-first': { apiKey: TMT_KEY } }, /unknown key "tmt-first"; did you mean "tmtFirst"\?/],
    [{ TelecomX: { token: 't' } }, /unknown key "TelecomX"; did you mean "telecomx"\?/],
    [{ tmtFirst: { apikey: TMT_KEY } }, /tmtFirst has no option "apikey"; tmt-first takes apiKey, environment, baseUrl and the shared options \(timeout, /],
    [{ infocare: { environment: 'custom', baseUrl: 'https://x.example', apiToken: 't' } }, /infocare has no option "environment"; infocare takes baseUrl, apiToken/],
    [{ defaults: { apiKey: TMT_KEY } }, /defaults has no option "apiKey"; "apiKey" is a per-vendor option: put it under the vendor's key/],
    [{ defaults: { baseUrl: 'https://x.example' } }, /defaults has no option "baseUrl"; "baseUrl" is a per-vendor option/],
    [{ defaults: { retries: 3 } }, /defaults has no option "retries"; retries are set with retry: \{ maxRetries: n \}/],
    [{ defaults: { timout: 5 } }, /defaults has no option "timout"; the shared options are timeout, deadline, retry/],
    [{ defaults: 5 }, /defaults must be an object of options, not a number/],
  ])('%j → ConfigError %s', (config, message) => {
    expect(make(config)).toThrow(ConfigError);
    expect(make(config)).toThrow(message);
  });

  it('names a vendor given a non-object without echoing the value (it may be a secret)', () => {
    const secret = 'sk-live-very-secret';
    const attempt = make({ atttool: secret });
    expect(attempt).toThrow(/createVendorContracts: atttool must be an object of options, not a string/);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
      expect((error as ConfigError).vendor).toBe('atttool');
    }
  });

  it('skips vendors given as undefined', () => {
    const vendors = createVendorContracts({ tmtFirst: undefined, telecomx: { token: 't' } });
    expect(Object.keys(vendors)).toEqual(['telecomx']);
  });

  it('builds from a snapshot of the configuration, so later edits do not slip past the checks', () => {
    const tmtFirst: Record<string, unknown> = { apiKey: TMT_KEY };
    const vendors = createVendorContracts({ tmtFirst: tmtFirst as { apiKey: string } });
    tmtFirst.apiKey = '';
    expect(vendors.tmtFirst.baseUrl).toBe('https://connectapi.tmttech.co.uk');
  });
});
