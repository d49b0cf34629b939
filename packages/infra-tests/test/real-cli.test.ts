import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preflight, type Recording } from './fake-cli.js';
import { root } from './repo.js';

// The recorded answers the preflight tests replay (fixtures/preflight/*.json) were written from
// each CLI's documented output. Where the real gcloud or aws is installed, every call a ready
// preflight makes is made again with the real CLI, against a stand-in of the cloud's API on
// loopback that answers the documented JSON or XML with the recording's data: the real CLI must
// accept the call's arguments and print exactly what the recording says.

const onPath = (program: string) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

type Answer = { status?: number; type?: string; body: string };
/** A stand-in API on loopback: `answer` maps a request to what the cloud would send. */
async function standIn(answer: (method: string, url: string, body: string) => Answer | undefined) {
  const seen: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      const a = answer(req.method ?? 'GET', req.url ?? '/', body) ?? { status: 404, body: '{}' };
      res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs a real CLI; resolves with its status and output. */
const real = (program: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(program, args, { env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });

/** The recording a fake replayed for a call (the first whose prefix the joined arguments start with). */
const recordingFor = (recordings: Recording[], call: string[]) =>
  recordings.find((r) => call.slice(1).join(' ').startsWith(r.args));

/** Runs `jobs` two at a time (the machine has two cores; each gcloud start is a Python start). */
async function inPairs<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return results;
}

// CITYSCOPE_REAL_CLIS=0 leaves these out (.ci/run's second Node run: the CLIs are the same)
const wanted = process.env.CITYSCOPE_REAL_CLIS !== '0';
const P = 'my-project';
const hasGcloud = wanted && onPath('gcloud');
if (wanted && !hasGcloud)
  console.warn('skipped: gcloud is not installed (the Google Cloud CLI), so only the recordings are used');

describe.skipIf(!hasGcloud)(
  'the real gcloud prints what the GCP preflight recordings say',
  { timeout: 300_000 },
  () => {
    const build = `cityscope-build@${P}.iam.gserviceaccount.com`;
    const { base, run } = preflight('gcp', 'gcloud', {
      GCP_PROJECT: P,
      GCP_REGION: 'europe-west1',
      GCP_RUNTIME_SERVICE_ACCOUNT: `cityscope-run@${P}.iam.gserviceaccount.com`,
      GCP_BUILD_SERVICE_ACCOUNT: build,
      WIKIMEDIA_CONTACT: 'ops@example.org',
      GITHUB_ACTIONS: undefined,
    });
    const recordings = base.gcloud ?? [];
    const said = (prefix: string) =>
      (recordings.find((r) => r.args.startsWith(prefix))?.stdout ?? '').split('\n').filter(Boolean);
    // the documented resources (Resource Manager, Cloud Billing, Service Usage, Cloud Functions v2, IAM)
    const json = (body: unknown): Answer => ({ body: JSON.stringify(body) });
    let api: Awaited<ReturnType<typeof standIn>>;
    let dir: string;
    beforeAll(async () => {
      api = await standIn((method, url) => {
        const path = url.split('?')[0] ?? '';
        if (path === `/v1/projects/${P}`) return json({ projectId: P, projectNumber: said('projects describe')[0] });
        if (path === `/v1/projects/${P}/billingInfo`)
          return json({ projectId: P, billingEnabled: said('billing projects describe')[0] === 'True' });
        if (path.endsWith('/services'))
          return json({
            services: said('services list').map((name) => ({ name: `projects/1/services/${name}`, config: { name } })),
          });
        if (path === `/v2/projects/${P}/locations`)
          return json({
            locations: said('functions regions list').map((id) => ({
              name: `projects/${P}/locations/${id}`,
              locationId: id,
            })),
          });
        const account = /^\/v1\/projects\/-\/serviceAccounts\/(.+)$/.exec(path)?.[1];
        if (account) return json({ email: decodeURIComponent(account), projectId: P });
        if (method === 'POST' && path === `/v1/projects/${P}:getIamPolicy`)
          return json({
            version: 1,
            etag: 'BwWKmjvelug=',
            bindings: [
              ...said('projects get-iam-policy').map((role) => ({
                role,
                members: [`serviceAccount:${build}`, 'user:owner@example.org'],
              })),
              { role: 'roles/owner', members: ['user:owner@example.org'] },
            ],
          });
        return undefined;
      });
      dir = mkdtempSync(join(tmpdir(), 'cityscope-real-gcloud-'));
      mkdirSync(join(dir, 'config'));
      writeFileSync(join(dir, 'token'), 'stand-in-token\n');
    });
    afterAll(async () => {
      await api?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('for every call of a ready project (application-default credentials aside)', async () => {
      const r = await run();
      expect(r.code, r.stdout).toBe(0);
      const calls = r.calls.filter((c) => !c.includes('application-default'));
      expect(calls.length).toBeGreaterThanOrEqual(6);
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: dir,
        CLOUDSDK_CONFIG: join(dir, 'config'),
        CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
        CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
        CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
      };
      for (const api_ of ['CLOUDRESOURCEMANAGER', 'CLOUDBILLING', 'SERVICEUSAGE', 'CLOUDFUNCTIONS', 'IAM'])
        env[`CLOUDSDK_API_ENDPOINT_OVERRIDES_${api_}`] = api.url;
      const results = await inPairs(
        calls.map((call) => async () => {
          const out = await real('gcloud', [...call.slice(1), `--access-token-file=${join(dir, 'token')}`], env);
          return { call: call.join(' '), out, want: recordingFor(recordings, call)?.stdout };
        }),
      );
      for (const { call, out, want } of results) {
        expect(out.stderr, call).not.toMatch(/unrecognized arguments|Invalid choice|argument --/);
        expect(out.stdout, `${call}\n${out.stderr}`).toBe(want);
      }
    });
  },
);

describe.skipIf(!hasGcloud)("the real gcloud accepts deploy.sh's command line", { timeout: 300_000 }, () => {
  it('gets past the arguments to the API (a stand-in that knows no function), with both accounts', async () => {
    const api = await standIn(() => ({
      status: 404,
      body: '{"error":{"code":404,"message":"stand-in","status":"NOT_FOUND"}}',
    }));
    // a copy of deploy.sh in a tree with a stand-in bundle, so no build is needed
    const tree = mkdtempSync(join(tmpdir(), 'cityscope-real-deploy-'));
    try {
      mkdirSync(join(tree, 'infra/gcp'), { recursive: true });
      mkdirSync(join(tree, 'functions/gcp/dist'), { recursive: true });
      mkdirSync(join(tree, 'config'));
      writeFileSync(join(tree, 'functions/gcp/dist/index.mjs'), '');
      writeFileSync(join(tree, 'token'), 'stand-in-token\n');
      copyFileSync(join(root, 'infra/gcp/deploy.sh'), join(tree, 'infra/gcp/deploy.sh'));
      const out = await real('bash', [join(tree, 'infra/gcp/deploy.sh')], {
        PATH: process.env.PATH,
        HOME: tree,
        CLOUDSDK_CONFIG: join(tree, 'config'),
        CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
        CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
        CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
        CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: join(tree, 'token'),
        CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDFUNCTIONS: api.url,
        GCP_PROJECT: P,
        GCP_RUNTIME_SERVICE_ACCOUNT: `cityscope-run@${P}.iam.gserviceaccount.com`,
        GCP_BUILD_SERVICE_ACCOUNT: `cityscope-build@${P}.iam.gserviceaccount.com`,
        WIKIMEDIA_CONTACT: 'ops@example.org',
        CORS_ORIGINS: 'https://a.example,https://b.example',
      });
      expect(out.stderr).toContain('(gcloud.functions.deploy)');
      expect(out.stderr).not.toMatch(/unrecognized arguments|Invalid choice|argument --|Invalid YAML/);
      // it reached the API: the stand-in's answer is what stopped it
      expect(api.seen.length, out.stderr).toBeGreaterThan(0);
    } finally {
      await api.close();
      rmSync(tree, { recursive: true, force: true });
    }
  });
});

const hasAws = wanted && onPath('aws');
if (wanted && !hasAws) console.warn('skipped: aws is not installed (the AWS CLI), so only the recordings are used');

describe.skipIf(!hasAws)('the real aws prints what the AWS preflight recordings say', { timeout: 300_000 }, () => {
  const { base, run } = preflight('aws', 'aws', {
    AWS_REGION: 'eu-west-1',
    AWS_DEPLOY_ROLE_ARN: 'arn:aws:iam::123456789012:role/cityscope-deploy',
    WIKIMEDIA_CONTACT: 'ops@example.org',
  });
  const recordings = base.aws ?? [];
  const said = (prefix: string) => (recordings.find((r) => r.args.startsWith(prefix))?.stdout ?? '').trim();
  const xml = (body: string): Answer => ({ type: 'text/xml', body });
  let api: Awaited<ReturnType<typeof standIn>>;
  beforeAll(async () => {
    // STS and IAM speak the Query protocol (form posts, XML answers); Lambda a REST JSON one
    api = await standIn((_method, url, body) => {
      const action = new URLSearchParams(body).get('Action');
      if (action === 'GetCallerIdentity')
        return xml(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${said('sts get-caller-identity')}</Arn><UserId>AROAEXAMPLE:GitHubActions</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      if (action === 'GetRolePolicy') {
        const policy = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: said('iam get-role-policy').split('\t'), Resource: '*' }],
        };
        return xml(
          `<GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRolePolicyResult><RoleName>cityscope-deploy</RoleName><PolicyName>deploy</PolicyName><PolicyDocument>${encodeURIComponent(JSON.stringify(policy))}</PolicyDocument></GetRolePolicyResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetRolePolicyResponse>`,
        );
      }
      if (url.startsWith('/2016-08-19/account-settings'))
        return {
          body: JSON.stringify({ AccountLimit: { ConcurrentExecutions: Number(said('lambda get-account-settings')) } }),
        };
      return undefined;
    });
  });
  afterAll(() => api?.close());

  it('for every call of a ready account', async () => {
    const r = await run();
    expect(r.code, r.stdout).toBe(0);
    expect(r.calls.length).toBe(3);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: tmpdir(),
      AWS_CONFIG_FILE: join(tmpdir(), 'cityscope-no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'cityscope-no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_DEFAULT_REGION: 'eu-west-1',
    };
    const results = await inPairs(
      r.calls.map((call) => async () => {
        const out = await real('aws', [...call.slice(1), '--endpoint-url', api.url], env);
        return { call: call.join(' '), out, want: recordingFor(recordings, call)?.stdout };
      }),
    );
    for (const { call, out, want } of results) expect(out.stdout, `${call}\n${out.stderr}`).toBe(want);
  });
});
