/** Base64 of text's UTF-8 bytes, with `btoa` (no `Buffer`, so it runs in browsers and Workers too). */
export function base64(text: string | Uint8Array): string {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The URL-safe alphabet (RFC 4648 §5), without padding. */
export function toBase64Url(b64: string): string {
  return b64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
