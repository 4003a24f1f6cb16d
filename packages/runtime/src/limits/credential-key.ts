/**
 * The identity of a shared quota or token: `<prefix>:<vendor>:<hash>`, the hash (SHA-256 over
 * the vendor, the base URL and the identifying values, cut to 128 bits) standing for the
 * credential so that a store never holds a secret. WebCrypto, so it runs wherever the client does.
 */
export async function credentialKey(prefix: string, vendor: string, parts: readonly string[]): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify(['vendor-contracts', vendor, ...parts]));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  const hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}:${vendor}:${hex}`;
}
