/**
 * One publish-test session: a temp directory, verdaccio in it with a registered user, and the
 * environment every npm of the test runs with (a temp user `.npmrc` pointing at verdaccio with the
 * user's token, a temp cache; `npm test`'s own `npm_config_*` variables dropped).
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv } from './run.js';
import { type Registry, startRegistry } from './verdaccio.js';

export interface Session {
  temp: string;
  registry: Registry;
  env: NodeJS.ProcessEnv;
  /** Stops verdaccio (by its pid) and removes the temp directory. */
  close(): Promise<void>;
}

export async function startSession(prefix: string): Promise<Session> {
  const temp = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const registry = await startRegistry(join(temp, 'registry'));
  const token = await registry.addUser('release-bot', 'not-a-real-password-1');
  const host = new URL(registry.url).host;
  const npmrc = join(temp, '.npmrc');
  writeFileSync(
    npmrc,
    [`registry=${registry.url}`, `//${host}/:_authToken=${token}`, `cache=${join(temp, 'npm-cache')}`, 'audit=false', 'fund=false', 'update-notifier=false', ''].join('\n'),
  );
  return {
    temp,
    registry,
    env: cleanEnv({ npm_config_userconfig: npmrc, CI: 'true' }),
    async close() {
      await registry.stop();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** A project's `.npmrc`: only our scope from the local registry; zod, openapi-fetch, … from the public one. */
export function consumerNpmrc(registryUrl: string): string {
  return `@vendor-contracts:registry=${registryUrl}\nregistry=https://registry.npmjs.org/\n`;
}
