/**
 * Every client of the peer table as one kind of call: `() => Promise<devices>`. Each adapter makes
 * the real call the way that library's users write it (its own client object, its own parsing),
 * sends the same `Authorization` header, and hands back the parsed list, so the benchmark compares
 * the same work. Ours is used only through its public API (`createTmtFirstClient`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/codegen';
import { createTmtFirstClient, type paths } from '@vendor-contracts/tmt-first';
import ky from 'ky';
import { ofetch } from 'ofetch';
import OpenAI from 'openai';
import createClient from 'openapi-fetch';
import type { HeyApiClients } from './hey-api.js';

export const API_KEY = 'bench-key';

export interface Peer {
  /** Row label, with the library's installed version. */
  label: string;
  /** Does the call check the body against the spec's schema? */
  validated: boolean;
  call: () => Promise<unknown[]>;
}

/** The installed version of a package (the workspace hoists; a nested copy wins). */
export function versionOf(name: string): string {
  for (const base of [join(workspaceRoot, 'test', 'bench'), workspaceRoot]) {
    const file = join(base, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error(`bench: ${name} is not installed`);
}

/**
 * `devicesUrl` serves the `/devices` body (`<base>/devices`); `listUrl` serves the same devices in
 * the Stainless list shape `{ object: 'list', data: [...] }` under any path.
 */
export function peerClients(devicesUrl: string, listUrl: string, heyApi: HeyApiClients): Record<string, Peer> {
  const headers = { Authorization: API_KEY };
  const common = { apiKey: API_KEY, baseUrl: devicesUrl, rateLimit: false as const };
  const off = createTmtFirstClient({ ...common, validateResponses: false });
  const on = createTmtFirstClient(common);
  // openapi-fetch alone, as a user of it writes the call (its default JSON parsing).
  const plain = createClient<paths>({ baseUrl: devicesUrl, headers });
  const heyPlain = heyApi.plain.newClient(devicesUrl, API_KEY);
  const heyZod = heyApi.zod.newClient(devicesUrl, API_KEY);
  // The openai SDK as shipped (retries, timeouts, its headers): only the base URL points here.
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: listUrl });
  const list = (value: unknown, who: string): unknown[] => {
    if (!Array.isArray(value)) throw new Error(`${who}: did not return the device list`);
    return value;
  };
  const ours = versionOf('@vendor-contracts/runtime');
  const heyApiVersion = versionOf('@hey-api/openapi-ts');
  return {
    raw: {
      label: `raw fetch + JSON.parse (Node ${process.version})`,
      validated: false,
      call: async () => list(JSON.parse(await (await fetch(`${devicesUrl}/devices`, { headers })).text()), 'raw'),
    },
    'openapi-fetch': {
      label: `openapi-fetch ${versionOf('openapi-fetch')} alone`,
      validated: false,
      call: async () => list((await plain.GET('/devices')).data, 'openapi-fetch'),
    },
    'ours off': { label: `ours ${ours}, validation off`, validated: false, call: () => off.listDevices() },
    'ours on': { label: `ours ${ours}, validation on`, validated: true, call: () => on.listDevices() },
    'hey-api': {
      label: `hey-api ${heyApiVersion} generated SDK (client-fetch), no validator`,
      validated: false,
      call: async () => list((await heyApi.plain.listDevices({ client: heyPlain, throwOnError: true })).data, 'hey-api'),
    },
    'hey-api + zod': {
      label: `hey-api ${heyApiVersion} generated SDK + its zod plugin (zod ${versionOf('zod')})`,
      validated: true,
      call: async () => list((await heyApi.zod.listDevices({ client: heyZod, throwOnError: true })).data, 'hey-api + zod'),
    },
    ofetch: { label: `ofetch ${versionOf('ofetch')}`, validated: false, call: async () => list(await ofetch(`${devicesUrl}/devices`, { headers }), 'ofetch') },
    ky: { label: `ky ${versionOf('ky')}`, validated: false, call: async () => list(await ky.get(`${devicesUrl}/devices`, { headers }).json(), 'ky') },
    openai: {
      label: `openai ${versionOf('openai')} (Stainless), \`models.list()\``,
      validated: false,
      call: async () => list((await openai.models.list()).data, 'openai'),
    },
  };
}
