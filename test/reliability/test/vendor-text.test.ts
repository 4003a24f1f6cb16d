/**
 * Issue 11 item 8, "vendor text cannot forge log lines": whatever text a vendor puts where the
 * spec's `x-error-fields` (or the usual `error`/`message` keys, or a plain-text body) carry its
 * message, for every operation of every vendor and every error status, `error.message` holds no
 * control character (ANSI escapes, CR/LF, NUL, C1), line separator, bidi override or lone
 * surrogate, even when the 200-character cut falls inside a surrogate pair, and the parsed `body`
 * stays exactly as received.
 */
import { ApiError } from '@vendor-contracts/runtime';
import { type FaultServer, startFaultServer, type Step } from '@vendor-contracts/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenPaths } from '../src/parameters.js';
import { createClient, VENDORS, vendorAnswers, vendorFacts } from '../src/vendors.js';

const SEED = 11_008;
const CREDENTIALS = { key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', username: 'txt-user', password: 'txt-password', bearer: 'txt-bearer' };
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/u;

const hostile = fc.constantFrom(
  '\x1b[31mERROR\x1b[0m',
  '\r\n2026-01-01 INFO forged line',
  '\n',
  '\r',
  '\0',
  '\x7f',
  '\x9b31m',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  '\t',
  '😀',
  '\uD800',
  '\uDFFF',
);
/** Text whose 200th character may fall anywhere in it, so the cut meets every kind of character. */
const vendorText = fc
  .tuple(fc.integer({ min: 150, max: 215 }), fc.array(fc.oneof(hostile, fc.constantFrom('a', ' ', 'é', '😀')), { minLength: 1, maxLength: 30 }))
  .map(([pad, parts]) => `${'x'.repeat(pad)}${parts.join('')}`);

/** Puts `value` at a JSON pointer, creating arrays for numeric segments. */
function setAt(root: unknown, pointer: string, value: unknown): unknown {
  const keys = pointer.split('/').slice(1);
  const top: unknown = root ?? (/^\d+$/.test(keys[0] ?? '') ? [] : {});
  let cur = top as Record<string, unknown>;
  for (const [i, key] of keys.entries()) {
    if (typeof cur !== 'object' || cur === null) return top;
    if (i === keys.length - 1) cur[key] = value;
    else cur = (cur[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}) as Record<string, unknown>;
  }
  return top;
}

let rig: FaultServer;
beforeAll(async () => {
  rig = await startFaultServer();
});
afterAll(async () => {
  await rig.close();
});

describe('vendor text cannot forge log lines', () => {
  it.each(VENDORS)('%s: error messages built from vendor text escape control characters and cut on code points; body as received', async (vendor) => {
    const facts = vendorFacts(vendor);
    let step: Step = {};
    rig.fallback = vendorAnswers(vendor, CREDENTIALS, Date.now, () => step).handle;
    const client = createClient(vendor, rig.url, CREDENTIALS, { rateLimit: false, retry: { maxRetries: 0 } });
    const ops = facts.operations.filter((op) => !tokenPaths(client.definition).has(op.path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops.map((op) => op.operationId)),
        fc.integer({ min: 400, max: 599 }).filter((s) => s !== 401 && s !== 407),
        vendorText,
        vendorText,
        fc.constantFrom('error-fields', 'usual-keys', 'plain-text'),
        async (operationId, status, code, message, shape) => {
          const fields = client.definition.operations[operationId]!.errorFields;
          let body: unknown;
          if (shape === 'plain-text') body = message;
          else if (shape === 'usual-keys') body = { error: message, message, Message: message };
          else {
            const first = fields?.code?.[0] ?? fields?.message?.[0] ?? '/error';
            body = setAt(undefined, first, code);
            const messagePointer = fields?.message?.find((p) => /^\d+$/.test(p.split('/')[1] ?? '') === Array.isArray(body));
            if (messagePointer) body = setAt(body, messagePointer, message);
          }
          step = { status, body, headers: shape === 'plain-text' ? { 'content-type': 'text/plain' } : {} };
          const error = await client.call(operationId, facts.validInput.get(operationId) ?? {}).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ApiError);
          const e = error as ApiError;
          expect(e.message, JSON.stringify(e.message)).not.toMatch(UNPRINTABLE);
          // A text body goes out as UTF-8, which turns a lone surrogate into U+FFFD on the wire.
          expect(e.body).toEqual(typeof body === 'string' ? Buffer.from(body).toString() : body);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
