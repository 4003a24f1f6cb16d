/** Runs a Lua script by its SHA-1 (one round trip, the script's text only when Redis lacks it). */
import { createHash } from 'node:crypto';
import type { RedisClient } from './client.js';

export interface Script {
  readonly text: string;
  readonly sha: string;
}

export function script(text: string): Script {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

export async function run(redis: RedisClient, s: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (error) {
    // A restarted (or flushed) Redis has forgotten its scripts: send the text once more.
    if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
    return redis.eval(s.text, keys.length, ...keys, ...args);
  }
}
