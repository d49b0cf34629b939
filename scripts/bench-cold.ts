/**
 * Cold starts, each figure beside its baselines in the same interleaved rounds:
 * - AWS and Azure: a fresh `node` process that imports the bundle and answers one
 *   request through the platform's types, timed from spawn to exit ("whole process"),
 *   against a bare `node -e 0` and the minimal Hono Lambda app; and the import alone,
 *   timed inside the process.
 * - Google Cloud: the Functions Framework's own command, from spawn to the first
 *   answered GET /health, with Cityscope against an empty function on the Framework.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { interleave, progress, type Stat, stat, timedProcess } from './bench-lib.js';

const LAMBDA_PROBE = `const [bundle, path] = process.argv.slice(2);
const event = { version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', headers: { host: 'bench.local' },
  requestContext: { http: { method: 'GET', path }, domainName: 'bench.local', requestId: 'r' }, isBase64Encoded: false };
const context = { awsRequestId: crypto.randomUUID(), functionName: 'bench', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:bench' };
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(bundle);
const t1 = performance.now();
const ci = process.cpuUsage(c0);
const r = await m.handler(event, context);
const t2 = performance.now();
if (r.statusCode !== 200) { console.error(JSON.stringify(r)); process.exit(1); }
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, importCpuMs: (ci.user + ci.system) / 1000, firstMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

// the request and context by shape (as the Azure worker hands them over), so the probe loads nothing the bundle does not
const AZURE_PROBE = `const [bundle, path] = process.argv.slice(2);
const request = { method: 'GET', url: 'http://bench.local' + path, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0) };
const noop = () => {};
const context = { invocationId: crypto.randomUUID(), debug: noop, info: noop, warn: noop, error: noop, log: noop, trace: noop };
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = await import(bundle);
const t1 = performance.now();
const ci = process.cpuUsage(c0);
const r = await m.handler(request, context);
const t2 = performance.now();
if ((r.status ?? 200) !== 200) { console.error(JSON.stringify(r)); process.exit(1); }
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, importCpuMs: (ci.user + ci.system) / 1000, firstMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

export interface ColdFigures {
  whole: Map<string, Stat>;
  /** The process's own CPU time (user + system) up to the answer: steadier than wall time on a busy machine. */
  cpuMs: Map<string, Stat>;
  importMs: Map<string, Stat>;
  /** CPU time of the import alone. */
  importCpuMs: Map<string, Stat>;
  firstMs: Map<string, Stat>;
}

export async function benchLambdaLike(opts: {
  tmp: string;
  env: NodeJS.ProcessEnv;
  runs: number;
  /** `baseline`: the AWS bundle of an earlier tree (BASELINE_AWS), timed in the same rounds. */
  bundles: { aws: string; azure: string; honoLambda: string; baseline?: string | undefined };
  path: string;
}): Promise<ColdFigures> {
  const lambdaProbe = join(opts.tmp, 'probe-lambda.mjs');
  const azureProbe = join(opts.tmp, 'probe-azure.mjs');
  writeFileSync(lambdaProbe, LAMBDA_PROBE);
  writeFileSync(azureProbe, AZURE_PROBE);
  const emptyProbe = join(opts.tmp, 'probe-empty.mjs');
  writeFileSync(
    emptyProbe,
    'const cpu = process.cpuUsage();\nprocess.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 }));\n',
  );
  const variants: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'node empty.mjs': [emptyProbe],
    'Hono Lambda app': [lambdaProbe, opts.bundles.honoLambda, '/health'],
    'Cityscope AWS': [lambdaProbe, opts.bundles.aws, opts.path],
    'Cityscope Azure': [azureProbe, opts.bundles.azure, opts.path],
  };
  if (opts.bundles.baseline) variants['Cityscope AWS, baseline tree'] = [lambdaProbe, opts.bundles.baseline, opts.path];
  if (opts.path !== '/health') delete variants['Hono Lambda app'];
  const runs = await interleave(
    opts.runs,
    Object.keys(variants),
    (v) => timedProcess(variants[v] as string[], opts.env),
    `fresh processes, GET ${opts.path}`,
  );
  const pick = (key: 'importMs' | 'importCpuMs' | 'firstMs' | 'cpuMs') =>
    new Map(
      [...runs]
        .filter(([k]) => k !== 'node -e 0' && (key === 'cpuMs' || k !== 'node empty.mjs'))
        .map(([k, xs]) => [k, stat(xs.map((x) => Number(x.out[key])))] as const),
    );
  return {
    whole: new Map([...runs].map(([k, xs]) => [k, stat(xs.map((x) => x.wallMs))])),
    importMs: pick('importMs'),
    importCpuMs: pick('importCpuMs'),
    cpuMs: pick('cpuMs'),
    firstMs: pick('firstMs'),
  };
}

/** Spawn → the Framework's first 200 on GET /health. */
function frameworkStart(framework: string, source: string, env: NodeJS.ProcessEnv, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child: ChildProcess = spawn(
      process.execPath,
      [framework, '--target=cityscope', `--source=${source}`, `--port=${port}`],
      { env: { ...env, IGNORED_ROUTES: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let asked = false;
    const fail = (e: Error) => {
      child.kill('SIGKILL');
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`Framework not serving after 30 s: ${out.slice(-500)}`)), 30_000);
    child.stdout?.setEncoding('utf8').on('data', async (d: string) => {
      out += d;
      if (asked || !out.includes('Serving function')) return;
      asked = true;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        await res.arrayBuffer();
        const wall = Number(process.hrtime.bigint() - t0) / 1e6;
        clearTimeout(timer);
        child.once('exit', () => (res.status === 200 ? resolve(wall) : reject(new Error(`status ${res.status}`))));
        child.kill();
      } catch (e) {
        clearTimeout(timer);
        fail(e as Error);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
  });
}

export async function benchFramework(opts: {
  root: string;
  env: NodeJS.ProcessEnv;
  runs: number;
  gcpEmpty: string;
}): Promise<Map<string, Stat>> {
  const framework = join(opts.root, 'functions/gcp/node_modules/@google-cloud/functions-framework/build/src/main.js');
  const sources: Record<string, string> = {
    'Framework, empty function': opts.gcpEmpty,
    'Framework, Cityscope': join(opts.root, 'functions/gcp/dist'),
  };
  let port = 20_000 + Math.floor(Math.random() * 20_000);
  progress('Functions Framework starts');
  const runs = await interleave(
    opts.runs,
    Object.keys(sources),
    (v) => frameworkStart(framework, sources[v] as string, { ...opts.env, NODE_ENV: 'development' }, port++),
    'Functions Framework, spawn to first GET /health',
  );
  return new Map([...runs].map(([k, xs]) => [k, stat(xs)]));
}
