/**
 * The starters start real servers that answer, keep their data and port across a crash and a
 * restart, and leave nothing behind. Driven with the servers' own CLIs (redis-cli, psql), so the
 * helpers are tested without any client library.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, postgresBinDir, startPostgres, startRedis, type TestServer } from '../src/index.js';

const run = promisify(execFile);
const started: TestServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop();
});

const redisCli = async (server: TestServer, ...args: string[]) => (await run('redis-cli', ['-u', server.url, ...args], { timeout: 10_000 })).stdout.trim();
const psql = async (server: TestServer, sql: string) => (await run(join(postgresBinDir(), 'psql'), [server.url, '-XAtqc', sql], { timeout: 10_000 })).stdout.trim();

describe('startRedis', () => {
  it('serves on 127.0.0.1, keeps acknowledged writes across kill and restart, and stop() removes everything', async () => {
    const redis = await startRedis();
    started.push(redis);
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisCli(redis, 'SET', 'k', 'v1')).toBe('OK');
    const firstPid = redis.pid;

    await redis.kill();
    expect(isRunning(firstPid)).toBe(false);
    await expect(redisCli(redis, 'PING')).rejects.toThrow();

    await redis.restart();
    expect(redis.pid).not.toBe(firstPid);
    expect(await redisCli(redis, 'GET', 'k')).toBe('v1');

    await redis.restart(); // graceful this time
    expect(await redisCli(redis, 'GET', 'k')).toBe('v1');

    const pid = redis.pid;
    await redis.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(redis.dataDir)).toBe(false);
    await expect(redis.restart()).rejects.toThrow(/after stop/);
  });
});

describe('startPostgres', () => {
  it('serves on 127.0.0.1, recovers committed rows after a SIGKILL of the whole server, and stop() removes everything', async () => {
    const pg = await startPostgres();
    started.push(pg);
    expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/postgres`);
    await psql(pg, 'CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)');
    const firstPid = pg.pid;

    await pg.kill();
    expect(isRunning(firstPid)).toBe(false);
    await expect(psql(pg, 'SELECT 1')).rejects.toThrow();

    await pg.restart();
    expect(pg.pid).not.toBe(firstPid);
    expect(await psql(pg, 'SELECT sum(n) FROM t')).toBe('3');

    await pg.restart();
    expect(await psql(pg, 'SELECT count(*) FROM t')).toBe('2');

    const pid = pg.pid;
    await pg.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(pg.dataDir)).toBe(false);
  });

  it('two servers at once get distinct ports and data', async () => {
    const [a, b] = await Promise.all([startPostgres(), startRedis()]);
    started.push(a!, b!);
    expect(a!.port).not.toBe(b!.port);
    expect(a!.dataDir).not.toBe(b!.dataDir);
  });
});
