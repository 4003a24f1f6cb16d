/**
 * `npm run cache-server -- <directory> [--port N] [--host H]` — serve the Nx remote cache from
 * <directory> (a folder the team shares) until Ctrl-C. The token comes from
 * NX_CACHE_SERVER_TOKEN (read-write) and NX_CACHE_SERVER_READ_ONLY_TOKEN, never from argv,
 * so it stays out of shell history and process lists.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCacheServer } from './server.js';

const { values, positionals } = parseArgs({
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help || positionals.length !== 1) {
  process.stdout.write('usage: npm run cache-server -- <directory> [--port N] [--host 127.0.0.1]\n');
  process.exit(values.help ? 0 : 2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`cache-server: --port must be 0-65535, got ${JSON.stringify(values.port)}\n`);
  process.exit(2);
}
const server = await startCacheServer({
  directory: resolve(positionals[0]!),
  host: values.host,
  port,
  token: process.env.NX_CACHE_SERVER_TOKEN || undefined,
  readOnlyToken: process.env.NX_CACHE_SERVER_READ_ONLY_TOKEN || undefined,
});
process.stdout.write(`Nx cache at ${server.url} (storing in ${resolve(positionals[0]!)})\nexport NX_SELF_HOSTED_REMOTE_CACHE_SERVER=${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(`cache-server: ${server.stats.hits} hits, ${server.stats.misses} misses, ${server.stats.stored} stored\n`);
    server.close().then(() => process.exit(0));
  });
}
