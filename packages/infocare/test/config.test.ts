import { ConfigError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { createInfocareClient, type InfocareClientOptions } from '../src/index.js';
import { json } from '@vendor-contracts/runtime/testing';
import { BASE_URL, infocare, TOKEN } from './support/client.js';

const make = (options: Partial<InfocareClientOptions> | undefined) => () => createInfocareClient(options as InfocareClientOptions);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('createInfocareClient options', () => {
  it('requires baseUrl, since the spec names no real server (never falls back to the placeholder)', () => {
    for (const baseUrl of [undefined, '', '   ', 42]) {
      const error = configError(make({ apiToken: TOKEN, baseUrl: baseUrl as string }));
      expect(error.message).toMatch(/^infocare: baseUrl is required/);
      expect(error.vendor).toBe('infocare');
    }
    expect(configError(make(undefined)).message).toMatch(/apiToken|baseUrl/);
  });

  it('refuses a baseUrl that already ends in /api or /api/v3 (the paths would be doubled)', () => {
    for (const baseUrl of [`${BASE_URL}/api/v3`, `${BASE_URL}/api/v3/`, `${BASE_URL}/api`, `${BASE_URL}/API/V2`]) {
      expect(configError(make({ apiToken: TOKEN, baseUrl })).message).toMatch(/baseUrl must be the scheme and host only, without \/api\/v3/);
    }
    // A path prefix that is not the API's own is allowed (a proxy).
    expect(createInfocareClient({ apiToken: TOKEN, baseUrl: `${BASE_URL}/proxy/infocare/` }).baseUrl).toBe(`${BASE_URL}/proxy/infocare`);
  });

  it('leaves the rest of the URL checks to the runtime, which names baseUrl', () => {
    expect(configError(make({ apiToken: TOKEN, baseUrl: 'hub.infocare.test' })).message).toMatch(/baseUrl must be an absolute http\(s\) URL/);
    expect(configError(make({ apiToken: TOKEN, baseUrl: 'ftp://hub.infocare.test' })).message).toMatch(/baseUrl must use https/);
    expect(configError(make({ apiToken: TOKEN, baseUrl: 'https://{baseUrl}' })).message).toMatch(/baseUrl/);
  });

  it('requires a usable apiToken and never echoes it', () => {
    for (const apiToken of [undefined, '', '  ', 7]) {
      expect(configError(make({ baseUrl: BASE_URL, apiToken: apiToken as string })).message).toBe('infocare: apiToken is required (a non-empty string)');
    }
    for (const apiToken of [`${TOKEN}\n`, ` ${TOKEN}`, `${TOKEN}\r\nX-Injected: 1`, `${TOKEN}\u0000`]) {
      const error = configError(make({ baseUrl: BASE_URL, apiToken }));
      expect(error.message).toMatch(/^infocare: apiToken must not contain/);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(error.stack).not.toContain(TOKEN);
    }
  });

  it('sends every operation to <baseUrl>/api/v3/…, with a trailing slash on baseUrl removed', async () => {
    const { client, seen } = infocare(() => json({ data: { result: true } }), { baseUrl: `${BASE_URL}/` });
    expect(client.baseUrl).toBe(BASE_URL);
    await client.sendCompletedEmail({ body: { guid: 'd647067f-20d4-4ac3-891e-a4549e727bee' } });
    expect(seen.requests[0]!.url).toBe(`${BASE_URL}/api/v3/case/send-completed-email`);
    expect(seen.requests[0]!.method).toBe('POST');
  });

  it('passes the shared runtime options through (timeout, validateRequests)', async () => {
    const { client, seen } = infocare(() => json({ data: { result: true } }), { validateRequests: false });
    await client.sendCompletedEmail({ body: { guid: 'not-a-guid' } });
    expect(seen.requests).toHaveLength(1);
    expect(make({ baseUrl: BASE_URL, apiToken: TOKEN, timeout: 0 })).toThrow(/timeout/);
  });
});
