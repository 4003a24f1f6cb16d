/**
 * A hey-api client generated from specs/tmt-first/openapi.yaml when the benchmark runs (never
 * committed, never edited): one SDK without a validator and one with hey-api's zod plugin wired
 * into the SDK as its response validator, each in its own folder under `.cache/` (git-ignored,
 * inside the workspace so the generated `import 'zod'` resolves to the workspace's zod).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workspaceRoot } from '@vendor-contracts/codegen';
import { createClient } from '@hey-api/openapi-ts';
import { CACHE_DIR } from '../ajv.js';

/** The part of a generated SDK the benchmark calls. */
export interface HeyApiSdk {
  /** `createClient(createConfig({ baseUrl, auth }))` from the generated `client/` folder. */
  newClient(baseUrl: string, apiKey: string): unknown;
  listDevices(options: { client: unknown; throwOnError: true }): Promise<{ data: unknown }>;
}

export interface HeyApiClients {
  plain: HeyApiSdk;
  zod: HeyApiSdk;
}

const SPEC = join(workspaceRoot, 'specs', 'tmt-first', 'openapi.yaml');

/** Generates both SDKs (one generator run, two outputs) and imports them. */
export async function generateHeyApiClients(dir = join(CACHE_DIR, 'hey-api')): Promise<HeyApiClients> {
  rmSync(dir, { recursive: true, force: true });
  const output = { plain: join(dir, 'plain'), zod: join(dir, 'zod') };
  await createClient([
    { input: SPEC, output: output.plain, plugins: ['@hey-api/client-fetch', '@hey-api/sdk'], logs: { level: 'silent' } },
    // validator: true makes the SDK run the generated zod schema on every response (hey-api's own wiring).
    { input: SPEC, output: output.zod, plugins: ['@hey-api/client-fetch', 'zod', { name: '@hey-api/sdk', validator: true }], logs: { level: 'silent' } },
  ]);
  return { plain: await load(output.plain), zod: await load(output.zod) };
}

async function load(dir: string): Promise<HeyApiSdk> {
  const sdk = (await import(pathToFileURL(join(dir, 'sdk.gen.ts')).href)) as { listDevices: HeyApiSdk['listDevices'] };
  const runtime = (await import(pathToFileURL(join(dir, 'client', 'index.ts')).href)) as {
    createClient(config: unknown): unknown;
    createConfig(config: unknown): unknown;
  };
  if (typeof sdk.listDevices !== 'function' || typeof runtime.createClient !== 'function') throw new Error(`hey-api: ${dir} has no listDevices or createClient`);
  return {
    // The spec's security scheme is an `Authorization` API key, so hey-api sends `auth` there.
    newClient: (baseUrl, apiKey) => runtime.createClient(runtime.createConfig({ baseUrl, auth: apiKey })),
    listDevices: sdk.listDevices,
  };
}
