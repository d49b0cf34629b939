import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPresets } from '@cityscope/targets';
import { type FakeWikipedia, type StandInDns, startFakeWikipedia, startStandInDns } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCESS_CASES, EMULATOR_ACCESS_ENV } from '../src/cases/access.js';
import { Answers, appliesTo, CASES, RUNTIMES, type RuntimeName, runCase } from '../src/cases.js';
import { fetchExchange } from '../src/in-process.js';

/**
 * The same cases over real HTTP against each running emulator, started the way a
 * newcomer starts them (`pnpm start`, here on other ports), plus `cityscope serve`.
 * Wikipedia is the loopback stand-in. Set CONFORMANCE_HTTP=0 to skip.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
/**
 * `pnpm start` as this process's own child (node with tsx's loader, not tsx's command, which
 * is a second process in between): SIGINT reaches start.ts itself, which stops the emulators
 * (each in a process group of its own) before it exits, so none outlives the test.
 */
const startCommand = (args: string[]) => [process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args]] as const;
const skip = process.env.CONFORMANCE_HTTP === '0';
/**
 * Each emulator's port: its preset's default plus 10000 (13000, 18080, 17071), clear of a
 * running `pnpm start`; CONFORMANCE_PORT_OFFSET picks another offset (two runs at once).
 */
const offset = Number(process.env.CONFORMANCE_PORT_OFFSET ?? 10_000);
const emulated = (await loadPresets()).flatMap((p) =>
  p.emulator ? [{ platform: p.platform, port: p.emulator.defaultPort + offset }] : [],
);

let fake: FakeWikipedia;
/** The servers look names up here (every name is NXDOMAIN), not in the system's DNS. */
let dns: StandInDns;
const procs: ChildProcess[] = [];
const bases: Partial<Record<RuntimeName, string>> = {};
const answers = new Answers();
/** The emulators started a second time with EMULATOR_ACCESS_ENV, 100 ports above the first. */
const ACCESS_SHIFT = 100;
const accessBases: Partial<Record<RuntimeName, string>> = {};

function waitFor(child: ChildProcess, pattern: RegExp, label: string, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${label} not ready in ${ms} ms:\n${seen.slice(-3000)}`)), ms);
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before it was ready:\n${seen.slice(-3000)}`));
    });
  });
}

beforeAll(async () => {
  if (skip) return;
  fake = await startFakeWikipedia();
  dns = await startStandInDns();
  const env = {
    ...process.env,
    ...dns.env,
    WIKIPEDIA_BASE_URL: fake.baseUrl,
    WIKIPEDIA_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'warn',
  };
  const start = spawn(...startCommand(emulated.flatMap(({ platform, port }) => [`--${platform}-port`, String(port)])), {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serve = spawn(tsx, ['packages/cli/src/bin.ts', 'serve', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(start, serve);
  const [, node] = await Promise.all([
    waitFor(start, /Cityscope is running/, 'pnpm start', 170_000),
    waitFor(serve, /listening on (http:\/\/\S+)/, 'cityscope serve', 30_000),
  ]);
  bases.node = node[1];
  for (const { platform, port } of emulated) bases[platform] = `http://127.0.0.1:${port}`;
  // again with API_KEYS and RATE_LIMIT, from the bundles the first one built (about 20 s more)
  const guarded = spawn(
    ...startCommand([
      '--no-build',
      ...emulated.flatMap(({ platform, port }) => [`--${platform}-port`, String(port + ACCESS_SHIFT)]),
    ]),
    { cwd: root, env: { ...env, ...EMULATOR_ACCESS_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  procs.push(guarded);
  await waitFor(guarded, /Cityscope is running/, 'pnpm start --no-build with access settings', 120_000);
  for (const { platform, port } of emulated) accessBases[platform] = `http://127.0.0.1:${port + ACCESS_SHIFT}`;
}, 320_000);

afterAll(async () => {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGINT');
          // start.ts gives each emulator 5 s before it kills it; a SIGKILL here would orphan them
          setTimeout(() => {
            p.kill('SIGKILL');
            resolve();
          }, 30_000).unref();
        }),
    ),
  );
  await fake?.close();
  await dns?.close();
});

describe.skipIf(skip)('over HTTP', () => {
  // the Node server, and every target whose preset has an emulator
  const overHttp = RUNTIMES.filter((r) => r === 'node' || emulated.some((e) => e.platform === r));
  for (const runtime of overHttp) {
    describe(runtime, () => {
      for (const c of CASES.filter((x) => appliesTo(x, runtime, true))) {
        it(c.name, async () => {
          const base = bases[runtime];
          if (!base) throw new Error(`${runtime} is not running`);
          await runCase(c, runtime, (req) => fetchExchange(base, req), fake.faults, answers);
        });
      }
    });
  }

  it('every runtime gives the same answer, apart from platform, request id and retrieval time', () =>
    answers.expectSame());
  it('looked names up in the stand-in DNS (no lookup left this machine)', () => {
    expect(dns.asked.map((q) => q.name)).toContain('no-such-name.example.com');
  });
});

describe.skipIf(skip)('over HTTP with API_KEYS and RATE_LIMIT', () => {
  const accessAnswers = new Answers();
  for (const { platform } of emulated) {
    describe(platform, () => {
      for (const c of EMULATOR_ACCESS_CASES) {
        it(c.name, async () => {
          const base = accessBases[platform];
          if (!base) throw new Error(`${platform} with access settings is not running`);
          await runCase(c, platform, (req) => fetchExchange(base, req), fake.faults, accessAnswers);
        });
      }
    });
  }
});
