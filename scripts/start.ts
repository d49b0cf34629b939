/**
 * `pnpm start`: builds the bundles, then runs Cityscope in all three local cloud emulators:
 *   AWS    serverless-offline (Serverless Framework v3)  http://127.0.0.1:3000
 *   GCP    Functions Framework                           http://127.0.0.1:8080
 *   Azure  development host (or `func start`, see README) http://127.0.0.1:7071
 * Settings (WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, CORS_ORIGINS, LOG_LEVEL) are passed to all three.
 * `pnpm start --offline` also starts a local Wikipedia stand-in with sample cities.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg: string, name: string) => join(root, pkg, 'node_modules', '.bin', name);

const { values } = parseArgs({
  options: {
    offline: { type: 'boolean', default: false },
    build: { type: 'boolean', default: true },
    'aws-port': { type: 'string', default: '3000' },
    'gcp-port': { type: 'string', default: '8080' },
    'azure-port': { type: 'string', default: '7071' },
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
  say('Building the three function bundles…');
  await new Promise<void>((resolve, reject) => {
    const b = spawn(process.execPath, [join(root, 'scripts/build.mjs'), 'aws', 'gcp', 'azure'], { stdio: 'inherit' });
    b.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (exit ${code})`))));
  });
}

const env: NodeJS.ProcessEnv = { ...process.env };
if (values.offline) {
  fake = await startFakeWikipedia({ port: Number(values['wikipedia-port']) });
  env.WIKIPEDIA_BASE_URL = fake.baseUrl;
}

const ports = { aws: values['aws-port'], gcp: values['gcp-port'], azure: values['azure-port'] };
run(
  'aws',
  bin('infra/aws', 'serverless'),
  ['offline', 'start', '--httpPort', ports.aws, '--lambdaPort', String(Number(ports.aws) + 2)],
  {
    cwd: join(root, 'infra/aws'),
    env: {
      ...env,
      // make the emulator pass CORS through to the function as API Gateway does (see the file)
      NODE_OPTIONS:
        `${env.NODE_OPTIONS ?? ''} --require ${join(root, 'infra/aws/offline-cors-passthrough.cjs')}`.trim(),
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
  },
);
run(
  'gcp',
  bin('functions/gcp', 'functions-framework'),
  ['--target=cityscope', '--source=dist', `--port=${ports.gcp}`],
  {
    cwd: join(root, 'functions/gcp'),
    env,
  },
);
run('azure', bin('.', 'tsx'), ['src/dev-host.ts', '--port', ports.azure], { cwd: join(root, 'functions/azure'), env });

const urls = {
  aws: `http://127.0.0.1:${ports.aws}`,
  gcp: `http://127.0.0.1:${ports.gcp}`,
  azure: `http://127.0.0.1:${ports.azure}`,
};
try {
  await Promise.all(children.map(({ name, child }) => waitHealthy(name, urls[name as keyof typeof urls], child)));
} catch (err) {
  say(`\n${(err as Error).message}`);
  await stop(1);
}

const wiki = env.WIKIPEDIA_BASE_URL ?? 'https://{lang}.wikipedia.org';
say(`
Cityscope is running in three local emulators:
  AWS Lambda       (serverless-offline)        ${urls.aws}
  Google Cloud     (Functions Framework)       ${urls.gcp}
  Azure Functions  (development host*)         ${urls.azure}
Wikipedia: ${wiki}${
  values.offline
    ? `
  OFFLINE MODE: a local stand-in serving SAMPLE DATA, not Wikipedia's. Cities: Toronto, Montreal, Ottawa,
  Dublin, São Paulo, Washington, D.C., Dollar Point, Springfield (ambiguous), Atlantis; Paris and Montréal in French.`
    : ''
}
* not the Azure runtime: with Azure Functions Core Tools installed, run \`func start\` in functions/azure/dist.

Try:
  curl -s ${urls.aws}/cities/Toronto | head -c 600; echo

Ctrl-C stops all three.`);
