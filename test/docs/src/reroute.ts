/**
 * Preloaded (`node --import`) into the process that runs a README example, so the example can be
 * exactly the code a user writes — real hosts, credentials from `process.env` — and still run
 * against Prism:
 *
 * - `globalThis.fetch` sends each request whose URL starts with a vendor's documented server URL
 *   to that vendor's Prism (the path after the server URL is kept). A loopback URL (127.0.0.1,
 *   localhost, [::1]: a mock the example started itself, as the @vendor-contracts/mock examples
 *   do) goes through unchanged. Any other URL is refused, so an example can never reach the network.
 * - The environment variables the examples read are set to dummy values (never real secrets).
 *
 * The routes come from the parent in VENDOR_CONTRACTS_DOCS_ROUTES (JSON `Route[]`; `to` missing
 * for a vendor whose Prism was not started).
 */
import type { Route } from './vendors.js';

export const ROUTES_ENV = 'VENDOR_CONTRACTS_DOCS_ROUTES';

/** What the examples may read from the environment, with the dummy values they get. */
export const EXAMPLE_ENV = {
  TMT_API_KEY: 'docs-tmt-api-key',
  TELECOMX_TOKEN: 'docs-telecomx-token',
  INFOCARE_TOKEN: 'docs-infocare-token',
  TM_USERNAME: 'docs@clouddialogs.com',
  TM_PASSWORD: 'docs-password',
  // AT&T Tool keys are 32 hexadecimal characters; the client checks the format before sending.
  ATTTOOL_API_KEY: '0123456789abcdef0123456789abcdef',
} as const;

/** InfoCare has no public server: examples read the installation's URL from INFOCARE_BASE_URL. */
export const INFOCARE_BASE_URL_ENV = 'INFOCARE_BASE_URL';

export type Fetch = typeof globalThis.fetch;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A fetch that sends requests for the routes' servers to their targets, lets loopback through and refuses anything else. */
export function reroutingFetch(routes: readonly Route[], send: Fetch): Fetch {
  // Longest first, so a server URL with a path wins over a bare origin it starts with.
  const ordered = [...routes].sort((a, b) => b.from.length - a.from.length);
  return async (input, init) => {
    const request = new Request(input, init);
    const route = ordered.find(({ from }) => request.url === from || (request.url.startsWith(from) && ['/', '?', '#'].includes(request.url.charAt(from.length))));
    if (!route && new URL(request.url).protocol === 'http:' && LOOPBACK.has(new URL(request.url).hostname)) return send(request);
    if (!route) {
      throw new TypeError(`docs example: ${new URL(request.url).origin} is not a documented vendor server (see the specs' servers); examples must not reach the network`);
    }
    if (!route.to) {
      throw new TypeError(
        `docs example: it calls ${route.vendor}, whose Prism was not started: import @vendor-contracts/${route.vendor} (or configure it in createVendorContracts) so the harness sees it`,
      );
    }
    const body = request.body ? await request.arrayBuffer() : undefined;
    return send(
      new Request(route.to + request.url.slice(route.from.length), {
        method: request.method,
        headers: request.headers,
        body,
        redirect: request.redirect,
        signal: request.signal,
      }),
    );
  };
}

/** Runs only when preloaded into an example's process (the parent sets the routes). */
const routesJson = process.env[ROUTES_ENV];
if (routesJson !== undefined) {
  const routes = JSON.parse(routesJson) as Route[];
  Object.assign(process.env, EXAMPLE_ENV);
  const infocare = routes.find((route) => route.vendor === 'infocare');
  if (infocare) process.env[INFOCARE_BASE_URL_ENV] = infocare.from;
  globalThis.fetch = reroutingFetch(routes, globalThis.fetch.bind(globalThis));
}
