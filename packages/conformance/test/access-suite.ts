import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Answers, type Case, RUNTIMES, runCase } from '../src/cases.js';
import { fetchExchange, type InProcessRuntime, loadInProcessRuntimes } from '../src/in-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const overHttp = process.env.CONFORMANCE_HTTP !== '0';

/**
 * Runs access cases, in order, on every runtime in-process (each platform's identity
 * fields: API Gateway's sourceIp, X-Forwarded-For on Google and Azure, RequestMeta on
 * node) and over HTTP on `cityscope serve`, with `env` set before any of them loads.
 */
export function accessSuite(title: string, env: Record<string, string>, cases: Case[]): void {
  let fake: FakeWikipedia;
  let runtimes: InProcessRuntime[] = [];
  let serve: ChildProcess | undefined;
  let serveBase = '';
  const answers = new Answers();

  beforeAll(async () => {
    fake = await startFakeWikipedia();
    Object.assign(process.env, {
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      // the cases count requests: an upstream timeout under a loaded machine would shift every count after it
      WIKIPEDIA_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'silent',
      ...env,
    });
    runtimes = await loadInProcessRuntimes();
    if (!overHttp) return;
    serve = spawn(`${root}node_modules/.bin/tsx`, ['packages/cli/src/bin.ts', 'serve', '--port', '0'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serveBase = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`cityscope serve not ready:\n${seen}`)), 30_000);
      const onData = (d: Buffer) => {
        seen += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      };
      serve?.stdout?.on('data', onData);
      serve?.stderr?.on('data', onData);
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.close()));
    serve?.kill('SIGINT');
    await fake?.close();
  });

  describe(title, () => {
    for (const runtime of RUNTIMES) {
      describe(`${runtime} in-process`, () => {
        for (const c of cases) {
          it(c.name, async () => {
            const rt = runtimes.find((r) => r.name === runtime);
            if (!rt) throw new Error(`runtime ${runtime} did not load`);
            await runCase(c, runtime, (req) => rt.send(req), fake.faults, answers);
          });
        }
      });
    }
    describe.skipIf(!overHttp)('cityscope serve over HTTP', () => {
      for (const c of cases) {
        it(c.name, async () => {
          await runCase(c, 'node', (req) => fetchExchange(serveBase, req), fake.faults, answers);
        });
      }
    });
  });
}
