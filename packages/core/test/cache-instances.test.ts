import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REDIS_REASON, REDIS_BIN, redisAndFakeWikipedia } from './redis-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(ROOT, 'packages/cli/src/bin.ts');

interface Instance {
  url: string;
  proc: ChildProcess;
}

/** One `cityscope serve` process on a free port. */
async function serveProcess(env: Record<string, string>): Promise<Instance> {
  const proc = spawn(process.execPath, ['--import', 'tsx', BIN, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cityscope serve did not start: ${err}`)), 30_000);
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    proc.once('exit', (code) => reject(new Error(`cityscope serve exited with ${code}: ${err}`)));
  });
  return { url, proc };
}

async function stopAll(instances: Instance[]): Promise<void> {
  await Promise.all(
    instances.map(
      ({ proc }) =>
        new Promise<void>((r) => {
          if (proc.exitCode !== null) return r();
          proc.once('exit', () => r());
          proc.kill('SIGKILL');
        }),
    ),
  );
}

describe.skipIf(!REDIS_BIN)(
  `three cityscope serve processes sharing one store${REDIS_BIN ? '' : ` (skipped: ${NO_REDIS_REASON})`}`,
  () => {
    const servers = redisAndFakeWikipedia({ beforeAll, afterAll });

    /** Upstream requests that asked for this title. */
    const asked = (title: string) =>
      servers.fake.requests.filter(
        (r) => r.path === '/w/api.php' && (r.params.get('titles') ?? '').split(/[|\u001f]/).includes(title),
      ).length;

    /** 3 instances × 100 identical cold lookups, all at once; the answers' statuses and bodies. */
    async function burst(env: Record<string, string>, path: string, during?: () => Promise<void>) {
      const instances = await Promise.all(
        [0, 1, 2].map(() => serveProcess({ WIKIPEDIA_BASE_URL: servers.fake.baseUrl, ...env })),
      );
      try {
        // each process loads the city modules (and connects to the store) first, so that the
        // burst's lookups start together whatever each process's start-up cost
        await Promise.all(instances.map(({ url }) => fetch(`${url}/cities/Warm%20Up%20Nowhere`).then((r) => r.text())));
        const requests = instances.flatMap(({ url }) =>
          Array.from({ length: 100 }, async () => {
            const res = await fetch(`${url}${path}`);
            return { status: res.status, body: await res.text() };
          }),
        );
        await during?.();
        return await Promise.all(requests);
      } finally {
        await stopAll(instances);
      }
    }

    it('with the store: one upstream request for 300 identical cold lookups on 3 instances', async () => {
      await servers.redis.cmd('FLUSHALL');
      servers.fake.delayMs = 300;
      try {
        // a generous store timeout and wait: this is about the lock, not about a slow machine
        // (the next test shows the wait's bound)
        const answers = await burst(
          { CACHE_URL: servers.redis.url, CACHE_TIMEOUT_MS: '2000', CACHE_LOCK_WAIT_MS: '10000' },
          '/cities/Ottawa',
        );
        expect(answers.every((a) => a.status === 200)).toBe(true);
        expect(new Set(answers.map((a) => a.body)).size).toBe(1);
        expect(asked('Ottawa')).toBe(1);
      } finally {
        servers.fake.delayMs = 0;
      }
    }, 60_000);

    it('without it: one upstream request per instance', async () => {
      servers.fake.delayMs = 300;
      try {
        const answers = await burst({}, '/cities/Dublin');
        expect(answers.every((a) => a.status === 200)).toBe(true);
        expect(asked('Dublin')).toBe(3);
      } finally {
        servers.fake.delayMs = 0;
      }
    }, 60_000);

    it('the wait for another instance is bounded: past CACHE_LOCK_WAIT_MS each asks upstream itself', async () => {
      await servers.redis.cmd('FLUSHALL');
      servers.fake.delayMs = 1500;
      try {
        const answers = await burst(
          { CACHE_URL: servers.redis.url, CACHE_LOCK_WAIT_MS: '50', CACHE_TIMEOUT_MS: '2000' },
          '/cities/Montreal',
        );
        expect(answers.every((a) => a.status === 200)).toBe(true);
        expect(asked('Montreal')).toBe(3);
      } finally {
        servers.fake.delayMs = 0;
      }
    }, 60_000);

    it('the store killed during the burst: no request fails', async () => {
      await servers.redis.cmd('FLUSHALL');
      servers.fake.delayMs = 200;
      try {
        const answers = await burst(
          { CACHE_URL: servers.redis.url, CACHE_TIMEOUT_MS: '100' },
          '/cities/Toronto',
          async () => {
            await new Promise((r) => setTimeout(r, 100));
            await servers.redis.kill();
          },
        );
        expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      } finally {
        servers.fake.delayMs = 0;
        await servers.redis.restart();
      }
    }, 60_000);

    it('the store hung (SIGSTOP) during the burst: no request fails', async () => {
      await servers.redis.cmd('FLUSHALL');
      servers.fake.delayMs = 200;
      try {
        const answers = await burst(
          { CACHE_URL: servers.redis.url, CACHE_TIMEOUT_MS: '100' },
          '/cities/Dublin',
          async () => {
            await new Promise((r) => setTimeout(r, 100));
            servers.redis.pause();
          },
        );
        expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      } finally {
        servers.fake.delayMs = 0;
        servers.redis.resume();
      }
    }, 60_000);
  },
);
