import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../src/ajv.js';
import { startServer } from '../src/overhead.js';
import { type Peer, peerClients, versionOf } from '../src/peers/clients.js';
import { generateHeyApiClients, type HeyApiClients } from '../src/peers/hey-api.js';
import { devices } from '../src/payloads.js';

// Three devices only this test serves: a client can return them only by really calling the server.
const served = devices(3).map((d, i) => ({ ...d, customer_reference: `peer-test-${i}` }));
let server: { child: ChildProcess; port: number };
let peers: Record<string, Peer>;
let heyApi: HeyApiClients;
// Inside the workspace (git-ignored), so the generated `import 'zod'` resolves.
const heyApiDir = join(CACHE_DIR, `hey-api-test-${process.pid}`);

beforeAll(async () => {
  const text = JSON.stringify(served);
  server = await startServer({
    devices: text,
    list: `{"object":"list","data":${text}}`,
    broken: '[{"connect_id":"not a number"}]',
    'list-broken': '{"object":"list","data":[{"connect_id":"not a number"}]}',
  });
  const base = `http://127.0.0.1:${server.port}`;
  heyApi = await generateHeyApiClients(heyApiDir);
  peers = peerClients(`${base}/devices`, `${base}/list`, heyApi);
}, 120_000);

afterAll(() => {
  server?.child.kill();
  rmSync(heyApiDir, { recursive: true, force: true });
});

describe('peer adapters', () => {
  it('cover every client of the peer table, each labelled with its installed version', () => {
    expect(Object.keys(peers)).toEqual(['raw', 'openapi-fetch', 'ours off', 'ours on', 'hey-api', 'hey-api + zod', 'ofetch', 'ky', 'openai']);
    expect(peers.ky!.label).toBe(`ky ${versionOf('ky')}`);
    expect(peers.openai!.label).toContain(`openai ${versionOf('openai')}`);
    expect(peers['hey-api + zod']!.label).toContain(`hey-api ${versionOf('@hey-api/openapi-ts')}`);
    expect(versionOf('ky')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('each performs the call against the local server and returns the parsed devices', async () => {
    for (const [id, peer] of Object.entries(peers)) expect({ id, body: await peer.call() }).toEqual({ id, body: served });
  });

  it('only the validated ones reject a body that breaks the spec', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const broken = peerClients(`${base}/broken`, `${base}/list-broken`, heyApi);
    const outcomes: Record<string, boolean> = {};
    for (const [id, peer] of Object.entries(broken))
      outcomes[id] = await peer.call().then(
        () => true,
        () => false,
      );
    expect(outcomes).toEqual({
      raw: true,
      'openapi-fetch': true,
      'ours off': true,
      'ours on': false,
      'hey-api': true,
      'hey-api + zod': false,
      ofetch: true,
      ky: true,
      openai: true,
    });
    for (const [id, peer] of Object.entries(broken)) expect({ id, validated: peer.validated }).toEqual({ id, validated: outcomes[id] === false });
  });
});
