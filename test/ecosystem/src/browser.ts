/**
 * Headless Chromium (Debian's `/usr/bin/chromium`, driven by playwright-core): serves a page and
 * a browser bundle from one 127.0.0.1 origin and calls the mock on another (so CORS is real).
 */
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { toolchainDir } from './toolchain.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

// playwright-core is the toolchain's, not the workspace's: the little of its API used here.
interface Page {
  on(event: 'pageerror', listener: (error: Error) => void): void;
  goto(url: string, options: object): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: object): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }> };
}

export interface BrowserHost {
  /**
   * Loads `script` (an ESM bundle) in a fresh page and returns what `expression` (awaited in the
   * page) gives. `chunks` (file name → text) are served beside it, for the bundle's `import()`s.
   */
  evaluate<T>(script: string, expression: string, chunks?: Readonly<Record<string, string>>): Promise<T>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserHost> {
  const { chromium } = createRequire(join(toolchainDir, 'package.json'))('playwright-core') as Playwright;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
  let script = '';
  let served: Readonly<Record<string, string>> = {};
  const server: Server = createServer((req, res) => {
    const chunk = req.url?.startsWith('/') ? served[req.url.slice(1)] : undefined;
    if (req.url === '/bundle.js' || chunk !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(chunk ?? script);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>ecosystem</title><script type="module" src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    async evaluate<T>(bundle: string, expression: string, chunks: Readonly<Record<string, string>> = {}): Promise<T> {
      script = bundle;
      served = chunks;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      try {
        await page.goto(`${origin}/`, { waitUntil: 'load', timeout: 30_000 });
        if (errors.length) throw new Error(`the bundle failed in the page: ${errors.join('; ')}`);
        return (await page.evaluate(expression)) as T;
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
