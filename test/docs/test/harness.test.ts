/** The docs harness itself: it finds every example, routes only documented servers, and fails when an example fails. */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendsUsedBy, startBackends } from '../src/backends.js';
import { type ExampleFiles, writeExamples } from '../src/example-files.js';
import { type Example, extractExamples } from '../src/readmes.js';
import { EXAMPLE_ENV, reroutingFetch } from '../src/reroute.js';
import { runExample } from '../src/run-example.js';
import { typecheck } from '../src/typecheck.js';
import { facadeKey, serverUrls, vendorsUsedBy } from '../src/vendors.js';

describe('extractExamples', () => {
  const markdown = [
    '# Title', //                                 1
    '```ts', //                                    2
    'const a: number = 1;', //                     3
    '```', //                                      4
    '```sh', //                                    5
    'npm test', //                                 6
    '```', //                                      7
    '````typescript no-run', //                    8
    '```ts', //                                    9  (inside a longer fence: code, not a fence)
    '````', //                                     10
    '  ~~~ts', //                                  11
    '  const b = 2;', //                           12
    '  ~~~', //                                    13
    '```', //                                      14
    '```', //                                      15
  ].join('\n');

  it('finds ts and typescript fences, honours no-run, skips other languages and strips the fence indent', () => {
    expect(extractExamples(markdown, 'README.md')).toEqual([
      { file: 'README.md', line: 2, code: 'const a: number = 1;\n', run: true },
      { file: 'README.md', line: 8, code: '```ts\n', run: false },
      { file: 'README.md', line: 11, code: 'const b = 2;\n', run: true },
    ]);
  });

  it('refuses an unclosed fence instead of skipping what follows', () => {
    expect(() => extractExamples('text\n```ts\nconst a = 1;\n', 'packages/x/README.md')).toThrow('packages/x/README.md:2: the code fence opened here is never closed');
  });
});

describe('vendors', () => {
  it('takes server URLs from the specs, with server variables at their defaults', () => {
    expect(serverUrls('tmt-first')).toEqual(['https://connectapi.tmttech.co.uk', 'https://connectapi-uat.tmttech.co.uk']);
    expect(serverUrls('totalmobile')).toEqual(['https://api-qa-customer.clouddialogs.com/WS-API']);
    expect(serverUrls('infocare')).toEqual(['https://infocare.example.invalid']);
  });

  it('sees which vendors an example uses: by package, by facade subpath, or by facade key', () => {
    expect(facadeKey('tmt-first')).toBe('tmtFirst');
    expect(vendorsUsedBy("import { createAtttoolClient } from '@vendor-contracts/atttool';")).toEqual(['atttool']);
    expect(vendorsUsedBy("import { offersOf } from '@vendor-contracts/sdk/telecomx';")).toEqual(['telecomx']);
    expect(vendorsUsedBy("import { X } from '@vendor-contracts/tmt-first/schemas';")).toEqual(['tmt-first']);
    const facade = "import { createVendorContracts } from '@vendor-contracts/sdk';\ncreateVendorContracts({ tmtFirst: {}, totalmobile: {} });";
    expect(vendorsUsedBy(facade)).toEqual(['tmt-first', 'totalmobile']);
    // A facade key without the facade import is just a word.
    expect(vendorsUsedBy('const o = { telecomx: 1 };')).toEqual([]);
  });
});

describe('reroutingFetch', () => {
  const routes = [
    { vendor: 'totalmobile', from: 'https://api-qa-customer.clouddialogs.com/WS-API', to: 'http://127.0.0.1:1/tm' },
    { vendor: 'telecomx', from: 'https://api.telecomx.dk', to: 'http://127.0.0.1:1' },
    { vendor: 'atttool', from: 'https://atttool.com' },
  ];
  const sent: Request[] = [];
  const fetch = reroutingFetch(routes, async (request) => {
    sent.push(request as Request);
    return new Response('ok');
  });

  it('keeps method, path, query, headers and body, replacing only the server URL', async () => {
    await fetch('https://api-qa-customer.clouddialogs.com/WS-API/api/SalesOrder?x=1', {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: '{"a":1}',
    });
    const request = sent.at(-1)!;
    expect(request.url).toBe('http://127.0.0.1:1/tm/api/SalesOrder?x=1');
    expect(request.method).toBe('POST');
    expect(request.headers.get('authorization')).toBe('Bearer t');
    expect(await request.text()).toBe('{"a":1}');
  });

  it('refuses hosts that are no vendor server, and look-alikes of one', async () => {
    await expect(fetch('https://example.com/')).rejects.toThrow('https://example.com is not a documented vendor server');
    await expect(fetch('https://api.telecomx.dk.evil.example/x')).rejects.toThrow('is not a documented vendor server');
  });

  it('lets plain-http loopback through unchanged (a mock the example started) and nothing that only looks like it', async () => {
    await fetch('http://127.0.0.1:4010/job/1?x=1', { headers: { prefer: 'code=404' } });
    expect(sent.at(-1)!.url).toBe('http://127.0.0.1:4010/job/1?x=1');
    expect(sent.at(-1)!.headers.get('prefer')).toBe('code=404');
    await fetch('http://localhost:4010/');
    expect(sent.at(-1)!.url).toBe('http://localhost:4010/');
    for (const url of ['http://127.0.0.1.evil.example/', 'https://127.0.0.1.nip.io/', 'http://localhost.evil.example/', 'http://10.0.0.1/']) {
      await expect(fetch(url), url).rejects.toThrow('is not a documented vendor server');
    }
  });

  it('names a vendor whose Prism was not started', async () => {
    await expect(fetch('https://atttool.com/v1/place')).rejects.toThrow('it calls atttool, whose Prism was not started');
  });
});

describe('backendsUsedBy', () => {
  it('finds DATABASE_URL and REDIS_URL however the example reads them, and nothing else', () => {
    expect(backendsUsedBy('new pg.Pool({ connectionString: process.env.DATABASE_URL })')).toEqual(['DATABASE_URL']);
    expect(backendsUsedBy("new Redis(process.env['REDIS_URL']!); process.env.DATABASE_URL")).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(backendsUsedBy('process.env.DATABASE_URLS; const REDIS_URL = 1;')).toEqual([]);
  });
});

describe('runExample and typecheck', () => {
  let server: Server;
  let origin = '';
  const received: { url: string; body: string }[] = [];
  let files: ExampleFiles;
  const example = (code: string): Example => ({ file: 'harness', line: examples.length + 1, code, run: true });
  const examples: Example[] = [];
  const add = (code: string) => {
    const e = example(code);
    examples.push(e);
    return e;
  };
  const calling = add(
    "const response = await fetch('https://api.telecomx.dk/v1/requests/7?x=1', { method: 'PUT', body: 'hi' });\nconsole.log(response.status, await response.text(), process.env.TELECOMX_TOKEN);\n",
  );
  const throwing = add("throw new Error('the example failed');\n");
  const offline = add("await fetch('https://example.com/');\n");
  const hanging = add('await new Promise(() => setInterval(() => {}, 1000));\n');
  const badTypes = add("const n: number = 'one';\nexport {};\n");
  const usingRedis = add("import { Redis } from 'ioredis';\nconst redis = new Redis(process.env.REDIS_URL!);\nconsole.log(await redis.ping());\nredis.disconnect();\n");

  beforeAll(async () => {
    files = writeExamples(examples);
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ url: `${request.method} ${request.url}`, body });
        response.end('from the stand-in');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    files?.remove();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const routes = () => [{ vendor: 'telecomx', from: 'https://api.telecomx.dk', to: origin }];

  it('runs an example in its own process with fetch rerouted and the dummy environment set', async () => {
    const result = await runExample(files.fileOf(calling), { routes: routes() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`200 from the stand-in ${EXAMPLE_ENV.TELECOMX_TOKEN}\n`);
    expect(received).toEqual([{ url: 'PUT /v1/requests/7?x=1', body: 'hi' }]);
  });

  it('reports an example that throws as a non-zero exit with its error', async () => {
    const result = await runExample(files.fileOf(throwing), { routes: routes() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('the example failed');
  });

  it('fails an example that tries to reach the network', async () => {
    const result = await runExample(files.fileOf(offline), { routes: routes() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('https://example.com is not a documented vendor server');
  });

  it('kills an example that does not finish in time', async () => {
    const result = await runExample(files.fileOf(hanging), { routes: routes(), timeoutMs: 2_000 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('an example reading REDIS_URL runs against the real Redis the harness starts for it', async () => {
    expect(backendsUsedBy(usingRedis.code)).toEqual(['REDIS_URL']);
    const servers = await startBackends(backendsUsedBy(usingRedis.code));
    try {
      expect(servers.env.REDIS_URL).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const result = await runExample(files.fileOf(usingRedis), { routes: routes(), env: servers.env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('PONG\n');
    } finally {
      await servers.stop();
    }
  });

  it('type-checks as strict modules: a wrong type is found on its line', () => {
    const found = typecheck([files.fileOf(calling), files.fileOf(badTypes)]);
    expect(found).toEqual([{ file: files.fileOf(badTypes), line: 1, message: "TS2322: Type 'string' is not assignable to type 'number'." }]);
  });
});
