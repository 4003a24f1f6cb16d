import { ConfigError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import { createTotalmobileClient, definition, type TotalmobileClientOptions } from '../src/index.js';
import { observedFetch } from '@vendor-contracts/runtime/testing';
import { PASSWORD, QA, USERNAME } from './support/totalmobile.js';

const make = (options: unknown) => () => createTotalmobileClient(options as TotalmobileClientOptions);

describe('createTotalmobileClient options', () => {
  it('requires username, naming it', () => {
    expect(make({ password: PASSWORD })).toThrow(new ConfigError('totalmobile: username is required (a non-empty string)', { vendor: 'totalmobile' }));
    expect(make({ username: '  ', password: PASSWORD })).toThrow(/username is required/);
    expect(make(undefined)).toThrow(/username is required/);
  });

  it('requires password, naming it and never echoing what was given', () => {
    for (const password of [undefined, '', '   ', 12345678]) {
      let error: unknown;
      try {
        make({ username: USERNAME, password })();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe('totalmobile: password is required (a non-empty string)');
      expect(JSON.stringify(error)).not.toContain('12345678');
      expect(JSON.stringify(error)).not.toContain(USERNAME);
    }
  });

  it('defaults to the QA server (the only one documented) and accepts any baseUrl', () => {
    expect(definition.servers).toEqual({ qa: QA });
    expect(createTotalmobileClient({ username: USERNAME, password: PASSWORD }).baseUrl).toBe(QA);
    expect(createTotalmobileClient({ username: USERNAME, password: PASSWORD, environment: 'qa' }).baseUrl).toBe(QA);
    expect(createTotalmobileClient({ username: USERNAME, password: PASSWORD, baseUrl: 'https://connect.example.test/WS-API/' }).baseUrl).toBe(
      'https://connect.example.test/WS-API',
    );
    expect(make({ username: USERNAME, password: PASSWORD, environment: 'production' })).toThrow(/unknown environment "production"; pass baseUrl or one of: qa/);
  });

  it('sends nothing at construction (the token is fetched on first use)', () => {
    const seen = observedFetch(() => new Response(null, { status: 500 }));
    createTotalmobileClient({ username: USERNAME, password: PASSWORD, fetch: seen.fetch });
    expect(seen.requests).toHaveLength(0);
  });

  it('has one method per operation of the spec (31)', () => {
    const client = createTotalmobileClient({ username: USERNAME, password: PASSWORD });
    const ids = Object.keys(definition.operations);
    expect(ids).toHaveLength(31);
    for (const id of ids) expect(typeof (client as unknown as Record<string, unknown>)[id]).toBe('function');
  });
});
