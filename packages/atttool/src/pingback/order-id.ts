/**
 * One order, one key. AT&T Tool's order ids are GUIDs (`OrderId`, `format: uuid`), and a GUID is
 * case-insensitive (RFC 9562 §4: hex digits are accepted in either case), so `7FE8…` and `7fe8…`
 * name the same order and must be deduplicated, bound and compared as one. The schema admits no
 * surrounding whitespace (a padded id is a 422 before it gets here), so case is the only variation.
 */

/** The canonical spelling of an order id: lower case, as the vendor's own documents spell them. */
export function normalizeOrderId(orderId: string): string {
  return orderId.toLowerCase();
}
