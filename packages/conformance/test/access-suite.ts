import { fileURLToPath } from 'node:url';
import { type FakeWikipedia, type ServeProcess, startFakeWikipedia, startServeProcess } from '@cityscope/testing';
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
  let serve: ServeProcess | undefined;
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
    serve = await startServeProcess(
      `${root}node_modules/.bin/tsx`,
      ['packages/cli/src/bin.ts', 'serve', '--port', '0'],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.close()));
    await serve?.stop();
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
          const base = serve?.url ?? '';
          await runCase(c, 'node', (req) => fetchExchange(base, req), fake.faults, answers);
        });
      }
    });
  });
}
