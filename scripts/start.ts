/**
 * `pnpm start`: builds the bundles, then runs Cityscope in every local cloud emulator, as
 * each target's preset says (functions/<cloud>/preset.ts, found by @cityscope/targets):
 *   AWS    serverless-offline (osls)                     http://127.0.0.1:3000
 *   GCP    Functions Framework                           http://127.0.0.1:8080
 *   Azure  development host (or `func start`, see README) http://127.0.0.1:7071
 * Settings (WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, CORS_ORIGINS, LOG_LEVEL, …) are passed to all of them.
 * `pnpm start --offline` also starts a local Wikipedia stand-in with sample cities; `pnpm start --help`
 * lists the options. Every port is checked free before anything starts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, redactUrl } from '@cityscope/core';
import { loadDotEnv } from '@cityscope/core/platform/env-file';
import type { Preset, PresetEmulator } from '@cityscope/core/preset';
import { loadPresets } from '@cityscope/targets';
import { type FakeWikipedia, SAMPLE_WIKIS, startFakeWikipedia } from '@cityscope/testing';
import { badPort, conflicts, type WantedPort } from './ports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every target with a local emulator, from its preset; each gets a `--<platform>-port` option. */
const targets = (await loadPresets()).filter((p): p is Preset & { emulator: PresetEmulator } => !!p.emulator);
const portOption = (p: Preset) => `${p.platform}-port`;
const count = ['no', 'one', 'two', 'three', 'four', 'five', 'six'][targets.length] ?? String(targets.length);

const WIKIPEDIA_PORT = 8790;
const USAGE = `Usage: pnpm start [options]

Builds the function bundles, then runs Cityscope in ${count} local emulators.

Options:
${targets
  .map(
    (p) =>
      `  --${portOption(p)} <port>`.padEnd(26) +
      `${p.emulator.label.replace(/\s+/g, ' ').replace('*', '')} (default ${p.emulator.defaultPort})`,
  )
  .join('\n')}
  --wikipedia-port <port> the offline Wikipedia stand-in (default ${WIKIPEDIA_PORT}, with --offline)
  --offline               serve sample cities from a local Wikipedia stand-in instead of Wikipedia
  --no-build              start from the bundles already built (functions/*/dist)
  -h, --help              this help

Settings come from the environment and from .env in this folder (the environment wins;
.env.example lists them all: WIKIPEDIA_BASE_URL, WIKIMEDIA_CONTACT, LOG_LEVEL, CACHE_URL, …).
`;

const say = (text: string) => process.stdout.write(`${text}\n`);
const fail = (text: string, code: number): never => {
  process.stderr.write(`pnpm start: ${text}\n`);
  process.exit(code);
};

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      offline: { type: 'boolean', default: false },
      build: { type: 'boolean', default: true },
      ...Object.fromEntries(
        targets.map((p) => [portOption(p), { type: 'string' as const, default: String(p.emulator.defaultPort) }]),
      ),
      'wikipedia-port': { type: 'string', default: String(WIKIPEDIA_PORT) },
    },
    allowNegative: true,
  });
} catch (err) {
  process.stderr.write(`pnpm start: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(64);
}
const values = parsed.values as Record<string, string | boolean | undefined>;
if (values.help) {
  say(USAGE);
  process.exit(0);
}
// .env in the working folder, as `cityscope` reads it; then a bad setting would stop every
// emulator at start-up: say so once, before starting anything
function readSettings(): ReturnType<typeof loadConfig> {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (err) {
    return fail(`${(err as Error).message} (from the environment or .env; see the README's Settings)`, 78);
  }
}
const config = readSettings();

// every port each emulator (and the stand-in) will listen on, checked free before anything starts
const portOf = (option: string) => {
  const text = String(values[option]);
  const problem = badPort(text);
  return problem ? fail(`--${option} ${problem}`, 64) : Number(text);
};
const wanted: WantedPort[] = targets.flatMap((p) => {
  const port = portOf(portOption(p));
  const what = p.emulator.label.replace(/\s+/g, ' ').replace('*', '');
  const option = `--${portOption(p)}`;
  return [
    { port, what, option },
    ...(p.emulator.otherPorts?.(port) ?? []).map((other) => ({
      port: other,
      what: `${what} (its second port)`,
      option,
    })),
  ];
});
if (values.offline)
  wanted.push({ port: portOf('wikipedia-port'), what: 'the Wikipedia stand-in', option: '--wikipedia-port' });
const problems = await conflicts(wanted);
if (problems.length) {
  fail(
    `${problems.join('\n  ')}\nNothing was started. Stop what uses the port, or pick free ones, e.g.\n  pnpm start ${targets
      .map((p) => `--${portOption(p)} ${p.emulator.defaultPort + 100}`)
      .join(' ')}`,
    1,
  );
}
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;

/**
 * Lines an emulator prints that a user cannot act on, left out. @azure/functions warns twice that
 * it runs outside the Azure runtime: the development host is exactly that, as the banner says.
 */
const UNACTIONABLE = [
  /^WARNING: Failed to detect the Azure Functions runtime\./,
  /^WARNING: Skipping call to register function "[^"]*" because the "@azure\/functions" package is in test mode\.$/,
];

/** Emulators whose output said a port was taken (another process won the race after the check). */
const portTaken = new Set<string>();

function prefixed(name: string, stream: NodeJS.ReadableStream | null) {
  let buf = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (d: string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) {
      if (l.includes('EADDRINUSE')) portTaken.add(name);
      if (l.trim() && !UNACTIONABLE.some((r) => r.test(l))) process.stdout.write(`[${name}] ${l}\n`);
    }
  });
}

function run(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  prefixed(name, child.stdout);
  prefixed(name, child.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const why = portTaken.has(name)
      ? `its port is in use; choose another with --${name}-port <port>`
      : `it stopped unexpectedly (${signal ?? `exit ${code}`})`;
    process.stderr.write(`\npnpm start: ${name}: ${why}. Stopping the others.\n`);
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
let stopped: Promise<never> | undefined;
/** Stops every child and exits; every caller waits on the same stop, so nothing runs after it. */
function stop(code: number): Promise<never> {
  stopped ??= stopAll(code);
  return stopped;
}
async function stopAll(code: number): Promise<never> {
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
  env.WIKIDATA_BASE_URL = fake.wikidataUrl;
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
  if (!stopping) process.stderr.write(`\npnpm start: ${(err as Error).message}\n`);
  await stop(1);
}
if (stopping) await stop(1); // an emulator died while the others were starting: no banner

/** The stand-in's cities, from its own sample data, one line of at most ~90 characters each. */
function sampleCities(indent: string): string {
  const lines: string[] = [];
  for (const [lang, wiki] of Object.entries(SAMPLE_WIKIS)) {
    let line = `${lang}:`;
    for (const p of wiki.pages) {
      const name = p.disambiguation ? `${p.title} (ambiguous)` : p.title;
      if (line.length + name.length > 90) {
        lines.push(`${line} ·`);
        line = '   ';
      }
      line += line.endsWith(':') || line.trim() === '' ? ` ${name}` : ` · ${name}`;
    }
    lines.push(line);
  }
  return lines.join(`\n${indent}`);
}
const labelWidth = Math.max(...targets.map((p) => p.emulator.label.length));

const wiki = env.WIKIPEDIA_BASE_URL ?? 'https://{lang}.wikipedia.org';
const footnotes = targets.flatMap((p) => (p.emulator.footnote ? [p.emulator.footnote] : []));
say(`
Cityscope is running in ${count} local emulators:
${targets.map((p) => `  ${p.emulator.label.padEnd(labelWidth)}  ${urls[p.platform]}   docs: ${urls[p.platform]}/docs`).join('\n')}
Wikipedia: ${wiki}
Cache: ${config.cache.url ? `shared, ${redactUrl(config.cache.url)} (and each emulator's memory in front of it)` : 'memory (each emulator its own; set CACHE_URL to share one Redis)'}
User-Agent: ${config.userAgent}${config.contact.fallback ? '  (set WIKIMEDIA_CONTACT to your email or URL)' : ''}${
  values.offline
    ? `
  OFFLINE MODE: a local stand-in serving SAMPLE DATA, not Wikipedia's. Its cities, by language:
    ${sampleCities('    ')}
  The command line against it (see the README):
    export WIKIPEDIA_BASE_URL='${fake?.baseUrl}' WIKIDATA_BASE_URL='${fake?.wikidataUrl}'
    node packages/cli/bin/cityscope.mjs city Toronto`
    : ''
}
${footnotes.join('\n')}

Try:
  curl -s ${Object.values(urls)[0]}/cities/Toronto | head -c 600; echo

Ctrl-C stops all ${count}.`);
