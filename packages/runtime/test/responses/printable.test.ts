/** Issue 11 item 8: vendor text in messages is escaped and cut on code points (`printable.ts`). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseContractError } from '../../src/index.js';
import { cut, printable, vendorText } from '../../src/printable.js';

const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/u;
const anyText = fc.string({
  unit: fc.oneof(fc.constantFrom('\x1b', '\r', '\n', '\0', '\x9b', '\u2028', '\u202e', '\uD800', '\uDC00', '😀', 'a'), fc.string({ unit: 'binary', maxLength: 1 })),
  maxLength: 300,
});

describe('vendor text cannot forge log lines', () => {
  it('escapes every control character, separator, bidi control and lone surrogate, and keeps the rest', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = printable(text);
        expect(out).not.toMatch(UNPRINTABLE);
        if (!UNPRINTABLE.test(text)) expect(out).toBe(text);
      }),
      { seed: 11_801, numRuns: 1_000 },
    );
    expect(printable('a\x1b[31m\r\nb\u2028')).toBe('a\\x1b[31m\\r\\nb\\u2028');
  });

  it('cuts on a code-point boundary: never half a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = cut(text, max);
        const kept = out.endsWith('…') && text.length > max ? out.slice(0, -1) : out;
        expect(text.startsWith(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(max);
        if (text.length > max) expect(kept.length).toBeGreaterThanOrEqual(max - 1);
        // The cut never leaves a high surrogate whose low half was in the text.
        if (kept.length < text.length && /[\uD800-\uDBFF]$/.test(kept)) expect(/^[\uDC00-\uDFFF]/.test(text.slice(kept.length))).toBe(false);
        expect(vendorText(text, max)).not.toMatch(UNPRINTABLE);
      }),
      { seed: 11_802, numRuns: 1_000 },
    );
    expect(cut(`${'a'.repeat(199)}😀tail`, 200)).toBe(`${'a'.repeat(199)}…`);
  });

  it('a vendor key in a response pointer is escaped in the message (the issue keeps the pointer as is)', () => {
    const error = new ResponseContractError({
      vendor: 'v',
      operationId: 'op',
      status: 200,
      body: {},
      issues: [{ path: '/a\nINFO forged', rule: 'type: string', message: 'Invalid' }],
    });
    expect(error.message.split('\n')).toHaveLength(2);
    expect(error.message).toContain('/a\\nINFO forged');
    expect(error.issues[0]!.path).toBe('/a\nINFO forged');
  });
});
