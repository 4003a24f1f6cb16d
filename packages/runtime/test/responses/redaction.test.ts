/** Credentials echoed back by a vendor never reach an error, its cause chain or a hook. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, type ClientHooks, ResponseContractError, ResponseFormatError } from '../../src/index.js';
import { DROPPED_DEEPER, MAX_DEPTH } from '../../src/redact.js';
import { acmeClient, SECRET } from '../support/client.js';
import { json, observedFetch } from '../../src/testing/observed-fetch.js';

const TOKEN = 'tok-7f3e9a1c2b4d6e8f';
const everything = (error: unknown, log: string[]) =>
  `${inspect(error, { depth: Infinity, showHidden: true })} ${JSON.stringify(error)} ${(error as Error).stack} ${log.join(' ')}`;

function client(handler: (r: Request) => Response) {
  const log: string[] = [];
  const record = (event: unknown) => void log.push(inspect(event, { depth: Infinity, showHidden: true }));
  const hooks: ClientHooks = { onError: record, onRetry: record, onResponse: record };
  const seen = observedFetch(handler);
  const c = acmeClient({ fetch: seen.fetch, hooks, credentials: { KeyHeader: SECRET, Bearer: () => TOKEN, apiKey: SECRET }, retry: { maxRetries: 1 } });
  return { c, log };
}

describe('bodies nested deeper than the scrubber walks (R10: found by the response fuzz)', () => {
  /** `{"n":{"n":…{"n":leaf}}}` `levels` deep, built as text: JSON.stringify itself overflows on it. */
  const nested = (levels: number, leaf: string) => '{"n":'.repeat(levels) + leaf + '}'.repeat(levels);

  it('a 10,000-deep 2xx body on a ResponseContractError is cut at MAX_DEPTH, so logging the error cannot overflow the stack', async () => {
    const { c } = client(() => new Response(`{"id":1,"name":"ok","tags":${nested(10_000, '0')}}`, { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = (await c.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ResponseContractError;
    expect(error).toBeInstanceOf(ResponseContractError);
    expect(error.issues.map((i) => i.path)).toEqual(['/tags']);
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => inspect(error, { depth: Infinity })).not.toThrow();
    let node = (error.body as { tags: unknown }).tags;
    let depth = 1; // tags sits one level below the root
    while (typeof node === 'object' && node !== null && depth < 10_000) [node, depth] = [(node as { n: unknown }).n, depth + 1];
    expect(depth).toBe(MAX_DEPTH + 1);
    expect(node).toBe(DROPPED_DEEPER);
  });

  it('a secret echoed below MAX_DEPTH never reaches the error', async () => {
    const { c, log } = client(() => json(JSON.parse(nested(MAX_DEPTH + 5, JSON.stringify(`echo ${SECRET}`))), 500));
    const error = (await c.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(everything(error, log)).not.toContain(SECRET);
  });
});

describe('credentials echoed by the vendor are scrubbed', () => {
  it('from an error body, its headers and a message cut at 200 characters — even when the cut falls inside the secret', async () => {
    const { c, log } = client((r) => json({ error: `${'x'.repeat(190)}${r.headers.get('authorization')}` }, 404, { 'x-echo': `${SECRET} ${encodeURIComponent(SECRET)}` }));
    const error = (await c.getItem({ path: { id: 1 } }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.headers['x-echo']).toBe('[redacted] [redacted]');
    const text = everything(error, log);
    for (const s of [SECRET, SECRET.slice(0, 8), SECRET.slice(-8)]) expect(text).not.toContain(s);
    expect(error.message).toBe(`acme.getItem failed with HTTP 404: ${'x'.repeat(190)}[redacted]`);
  });

  it('from a bearer token sent by this very attempt, across retries (503 echoing it, base64 too)', async () => {
    const { c, log } = client(() => json({ error: `token ${TOKEN} / ${Buffer.from(TOKEN).toString('base64')}` }, 503));
    const error = await c.upsertItem({ path: { id: 1 }, body: { name: 'a' } }).catch((e: unknown) => e);
    const text = everything(error, log);
    expect(log.length).toBeGreaterThan(2);
    for (const s of [TOKEN, Buffer.from(TOKEN).toString('base64')]) expect(text).not.toContain(s);
  });

  it('from the JSON.parse error that quotes a malformed body', async () => {
    const { c, log } = client(() => new Response(`{"id": ${SECRET}`, { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = await c.getItem({ path: { id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(everything(error, log)).not.toContain(SECRET.slice(0, 8));
  });

  it('but a successful answer is returned as sent', async () => {
    const { c } = client(() => json({ id: 1, name: SECRET.slice(0, 10) }));
    await expect(c.getItem({ path: { id: 1 } })).resolves.toEqual({ id: 1, name: SECRET.slice(0, 10) });
  });
});
