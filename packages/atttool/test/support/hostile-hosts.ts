/**
 * Hostile hosts for the pingback URL properties: addresses in ranges that must be refused, in the
 * spellings the WHATWG URL parser folds into one address, and the IPv6 forms that embed them.
 */
import fc from 'fast-check';

export const octet = fc.integer({ min: 0, max: 255 });
/** An IPv4 address in a range that must be refused, as four octets. */
export const privateV4 = fc.oneof(
  fc.tuple(fc.constant(127), octet, octet, octet),
  fc.tuple(fc.constant(10), octet, octet, octet),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
  fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
  fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
  fc.tuple(fc.constant(0), octet, octet, octet),
);
export const hex = (o: number[]) => `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
/** The spellings WHATWG URL folds into the same address, and IPv6 forms that embed it. */
export const spell = (o: number[], how: number): string => {
  const n = ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
  switch (how) {
    case 0:
      return o.join('.');
    case 1:
      return String(n); // decimal
    case 2:
      return `0x${n.toString(16)}`; // hex
    case 3:
      return o.map((x) => `0${x.toString(8)}`).join('.'); // octal
    case 4:
      return o.join('%2E'); // encoded dots
    case 5:
      return `[::ffff:${o.join('.')}]`; // IPv4-mapped
    case 6:
      return `[::ffff:${hex(o)}]`; // IPv4-mapped, hex
    case 7:
      return `[64:ff9b::${o.join('.')}]`; // NAT64
    case 8:
      return `[2002:${hex(o)}::]`; // 6to4
    case 9:
      return `[::${o.join('.')}]`; // IPv4-compatible
    case 10:
      return [...o.join('.')].map((c) => (c === '.' ? '。' : String.fromCharCode(0xff10 + Number(c)))).join(''); // full-width digits, ideographic dots
    default:
      return [...o.join('.')].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''); // every character encoded
  }
};
export const nonPublicV6 = fc.constantFrom('[::1]', '[::]', '[0:0:0:0:0:0:0:1]', '[fe80::1]', '[fc00::1]', '[fd12:3456::1]', '[ff02::1]');
export const localhost = fc.constantFrom('localhost', 'LOCALHOST.', 'api.localhost', 'a.b.localhost');
