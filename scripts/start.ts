/**
 * `pnpm start`: builds the bundles, then runs Cityscope in every local cloud emulator, as
 * each target's preset says (functions/<cloud>/preset.ts, listed in scripts/presets.ts):
 *   AWS    serverless-offline (Serverless Framework v3)  http://127.0.0.1:3000
 *   GCP    Functions Framework                           http://127.0.0.1:8080
 *   Azure  development host (or `func start`, see README) http://127.0.0.1:7071
 * Settings (WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, CORS_ORIGINS, LOG_LEVEL) are passed to all of them.
 * `pnpm start --offline` also starts a local Wikipedia stand-in with sample cities.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Preset, PresetEmulator } from '@cityscope/core/preset';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { loadPresets } from './presets.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every target with a local emulator, from its preset; each gets a `--<platform>-port` option. */
const targets = (await loadPresets()).filter((p): p is Preset & { emulator: PresetEmulator } => !!p.emulator);
const portOption = (p: Preset) => `${p.platform}-port`;
const count = ['no', 'one', 'two', 'three', 'four', 'five', 'six'][targets.length] ?? String(targets.length);

const { values } = parseArgs({
  options: {
    offline: { type: 'boolean', default: false },
    build: { type: 'boolean', default: true },
    ...Object.fromEntries(
      targets.map((p) => [portOption(p), { type: 'string' as const, default: String(p.emulator.defaultPort) }]),
    ),
    'wikipedia-port': { type: 'string', default: '8790' },
  },
  allowNegative: true,
});

const say = (text: string) => process.stdout.write(`${text}\n`);
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;

function prefixed(name: string, stream: NodeJS.ReadableStream | null) {
  let buf = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (d: string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) process.stdout.write(`[${name}] ${l}\n`);
  });
}

function run(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  prefixed(name, child.stdout);
  prefixed(name, child.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`\n${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the others.`);
    void stop(1);
  });
  children.push({ name, child });
}

async function waitHealthy(name: string, url: string, child: ChildProcess, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer ${url}/health within ${ms / 1000} s`);
}

let fake: FakeWikipedia | undefined;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
          child.once('exit', () => resolve());
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            resolve();
          }
          setTimeout(() => {
            try {
              if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
            resolve();
          }, 5000).unref();
        }),
    ),
  );
  await fake?.close();
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (values.build) {
  say(`Building the ${targets.length} function bundles…`);
  await new Promise<void>((resolve, reject) => {
    const names = targets.map((p) => p.platform);
    const b = spawn(process.execPath, [join(root, 'scripts/build.mjs'), ...names], { stdio: 'inherit' });
    b.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (exit ${code})`))));
  });
}

const env: NodeJS.ProcessEnv = { ...process.env };
if (values.offline) {
  fake = await startFakeWikipedia({ port: Number(values['wikipedia-port']) });
  env.WIKIPEDIA_BASE_URL = fake.baseUrl;
}

const urls: Record<string, string> = {};
for (const preset of targets) {
  const port = Number((values as Record<string, unknown>)[portOption(preset)]);
  const { command, args, cwd, env: childEnv } = preset.emulator.command({ root, port, env });
  run(preset.platform, command, args, { cwd, env: childEnv });
  urls[preset.platform] = `http://127.0.0.1:${port}`;
}
try {
  await Promise.all(children.map(({ name, child }) => waitHealthy(name, urls[name] as string, child)));
} catch (err) {
  say(`\n${(err as Error).message}`);
  await stop(1);
}

const wiki = env.WIKIPEDIA_BASE_URL ?? 'https://{lang}.wikipedia.org';
const footnotes = targets.flatMap((p) => (p.emulator.footnote ? [p.emulator.footnote] : []));
say(`
Cityscope is running in ${count} local emulators:
${targets.map((p) => `  ${p.emulator.label}       ${urls[p.platform]}`).join('\n')}
Wikipedia: ${wiki}${
  values.offline
    ? `
  OFFLINE MODE: a local stand-in serving SAMPLE DATA, not Wikipedia's. Cities: Toronto, Montreal, Ottawa,
  Dublin, São Paulo, Washington, D.C., Dollar Point, Springfield (ambiguous), Atlantis; Paris and Montréal in French.`
    : ''
}
${footnotes.join('\n')}

Try:
  curl -s ${Object.values(urls)[0]}/cities/Toronto | head -c 600; echo

Ctrl-C stops all ${count}.`);
