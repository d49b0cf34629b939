import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Recordings, runWithFakes } from './fake-cli.js';
import { bicepProviders, read, root } from './repo.js';

// What a first deploy into a new project, subscription or account needs, and what the reviews of
// each cloud's documentation found missing: each test names the finding it guards.

// biome-ignore lint/suspicious/noExplicitAny: HCL as JSON, checked field by field below
type Hcl = Record<string, any>;
const resources: Hcl = {};
beforeAll(async () => {
  const files = readdirSync(join(root, 'infra/gcp')).filter((f) => f.endsWith('.tf'));
  const parsed = await Promise.all(files.map(async (f) => (await parseHcl(f, read(`infra/gcp/${f}`))) as Hcl));
  for (const file of parsed)
    for (const [type, byName] of Object.entries(file.resource ?? {}))
      resources[type] = { ...(resources[type] ?? {}), ...(byName as Hcl) };
});
const one = (type: string, name: string) => (resources[type]?.[name] as Hcl[] | undefined)?.[0] ?? {};

describe('Google Cloud: a first apply and deploy in a new project', () => {
  it('creates every service account only after the APIs are on (IAM API included)', () => {
    const accounts = Object.entries(resources.google_service_account ?? {});
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    for (const [name, [account]] of accounts as Array<[string, Hcl[]]>)
      expect(account?.depends_on ?? [], name).toContainEqual(expect.stringContaining('google_project_service.apis'));
  });

  it('builds with its own Cloud Build service account, holding the build roles, in Terraform and deploy.sh', () => {
    const fn = Object.values(resources.google_cloudfunctions2_function)[0] as Hcl[];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, as HCL JSON spells it
    expect(fn[0]?.build_config[0].service_account).toBe('${google_service_account.build.id}');
    const roles = String(one('google_project_iam_member', 'build').for_each);
    expect(one('google_project_iam_member', 'build').member).toContain('google_service_account.build.email');
    expect(roles.includes('roles/cloudbuild.builds.builder') || roles.includes('roles/artifactregistry.writer')).toBe(
      true,
    );
    // the deployer may pass the build account, as it may the runtime one
    const actsAs = one('google_service_account_iam_member', 'deployer_acts_as');
    expect(actsAs.role).toBe('roles/iam.serviceAccountUser');
    expect(actsAs.for_each).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, as HCL JSON spells it
      build: '${google_service_account.build.name}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, as HCL JSON spells it
      runtime: '${google_service_account.runtime.name}',
    });
    expect(read('infra/gcp/deploy.sh')).toMatch(/^\s+--build-service-account="\$build_account" \\$/m);
  });

  it('leaves the code to deploy.sh after the first apply', () => {
    const fn = Object.values(resources.google_cloudfunctions2_function)[0] as Hcl[];
    expect(fn[0]?.lifecycle[0].ignore_changes).toContainEqual(expect.stringContaining('build_config[0].source'));
  });

  describe('deploy.sh stops before calling gcloud without an account', () => {
    const anything: Recordings = { gcloud: [{ args: '' }] };
    const env = {
      GCP_PROJECT: 'my-project',
      WIKIMEDIA_CONTACT: 'ops@example.org',
      GCP_RUNTIME_SERVICE_ACCOUNT: 'cityscope-run@my-project.iam.gserviceaccount.com',
      GCP_BUILD_SERVICE_ACCOUNT: 'cityscope-build@my-project.iam.gserviceaccount.com',
    };
    // a GitHub variable that is not defined arrives as "" (deploy-gcp.yml passes vars.* through env)
    it.each([
      ['GCP_RUNTIME_SERVICE_ACCOUNT', undefined],
      ['GCP_RUNTIME_SERVICE_ACCOUNT', ''],
      ['GCP_BUILD_SERVICE_ACCOUNT', undefined],
      ['GCP_BUILD_SERVICE_ACCOUNT', ''],
    ])('%s unset (%j)', async (name, value) => {
      const r = await runWithFakes('infra/gcp/deploy.sh', ['gcloud'], anything, { ...env, [name]: value });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`set ${name}`);
      expect(r.calls).toEqual([]);
    });

    it('passes both accounts to gcloud when they are set', async () => {
      // a copy of deploy.sh in a tree with a stand-in bundle, so no build is needed
      const tree = mkdtempSync(join(tmpdir(), 'cityscope-deploy-sh-'));
      try {
        mkdirSync(join(tree, 'infra/gcp'), { recursive: true });
        mkdirSync(join(tree, 'functions/gcp/dist'), { recursive: true });
        copyFileSync(join(root, 'infra/gcp/deploy.sh'), join(tree, 'infra/gcp/deploy.sh'));
        writeFileSync(join(tree, 'functions/gcp/dist/index.mjs'), '');
        const r = await runWithFakes(join(tree, 'infra/gcp/deploy.sh'), ['gcloud'], anything, env);
        expect(r.code, r.stderr).toBe(0);
        const deploy = r.calls.find((c) => c[2] === 'deploy') ?? [];
        expect(deploy).toContain('--service-account=cityscope-run@my-project.iam.gserviceaccount.com');
        expect(deploy).toContain(
          '--build-service-account=projects/my-project/serviceAccounts/cityscope-build@my-project.iam.gserviceaccount.com',
        );
        expect(deploy).toContain('--allow-unauthenticated');
      } finally {
        rmSync(tree, { recursive: true, force: true });
      }
    });
  });
});

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
const steps = (file: string) =>
  (parse(read(`.github/workflows/${file}`)) as { jobs: { deploy: { steps: Step[] } } }).jobs.deploy.steps;

describe('Azure: the first code upload', { timeout: 120_000 }, () => {
  const upload = steps('deploy-azure.yml').find((s) => s.run?.includes('config-zip'));
  const env = { APP: 'func-cityscope-abc', AZURE_RESOURCE_GROUP: 'cityscope' };
  const forbidden = 'ERROR: Status Code: 403, Details: This request is not authorized to perform this operation.\n';
  const run = (az: Recordings['az']) =>
    runWithFakes(`-c ${upload?.run}`, ['az', 'sleep'], { az, sleep: [{ args: '' }] }, env);

  it('retries the upload while the storage role takes effect', async () => {
    const r = await run([
      { args: 'functionapp deployment source config-zip', stderr: forbidden, code: 1, first: 2 },
      { args: 'functionapp deployment source config-zip' },
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.calls.filter((c) => c[0] === 'az')).toHaveLength(3);
    expect(r.calls.filter((c) => c[0] === 'sleep').map((c) => Number(c[1]))).toEqual([30, 60]);
  });

  it('gives up after a bounded number of attempts, waiting at most 2 minutes between two', async () => {
    const r = await run([{ args: 'functionapp deployment source config-zip', stderr: forbidden, code: 1 }]);
    expect(r.code).toBe(1);
    const attempts = r.calls.filter((c) => c[0] === 'az').length;
    const waits = r.calls.filter((c) => c[0] === 'sleep').map((c) => Number(c[1]));
    expect(attempts).toBe(8);
    expect(waits).toHaveLength(attempts - 1);
    expect(Math.max(...waits)).toBeLessThanOrEqual(120);
    expect(r.stdout).toContain('::error title=Upload failed::');
  });
});

describe('Azure: the template and the guide', () => {
  const bicep = read('infra/azure/main.bicep');
  const guide = read('docs/deploying.md');

  it('the guide registers every provider the template uses, and checks the region', () => {
    expect(bicepProviders()).toEqual(
      expect.arrayContaining([
        'Microsoft.Insights',
        'Microsoft.OperationalInsights',
        'Microsoft.Storage',
        'Microsoft.Web',
      ]),
    );
    for (const ns of bicepProviders()) expect(guide, ns).toContain(`az provider register --namespace ${ns}`);
    expect(guide).toContain('az functionapp list-flexconsumption-locations');
  });

  it('allows no maximum instance count below the documented lowest (40)', () => {
    const min = /@minValue\((\d+)\)\s*\n(?:@\w+\([^)]*\)\s*\n)*param maximumInstanceCount /.exec(bicep);
    expect(Number(min?.[1])).toBeGreaterThanOrEqual(40);
  });

  it('says how the code is uploaded as the workflow does it', () => {
    expect(bicep).not.toContain('functions-action');
    expect(bicep).toContain('config-zip');
  });
});

describe('every deploy workflow runs its preflight before deploying', () => {
  it.each([
    ['deploy-gcp.yml', 'infra/gcp/preflight.sh', 'infra/gcp/deploy.sh'],
    ['deploy-azure.yml', 'infra/azure/preflight.sh', 'az deployment group create'],
    ['deploy-aws.yml', 'infra/aws/preflight.sh', 'serverless deploy'],
  ])('%s', (file, preflight, deploy) => {
    const all = steps(file);
    const at = (text: string) => all.findIndex((s) => s.run?.includes(text));
    expect(at(preflight), preflight).toBeGreaterThan(-1);
    expect(at(preflight)).toBeLessThan(at(deploy));
    // and after signing in to the cloud, whose CLI it asks
    expect(all.findIndex((s) => /auth|login|credentials/.test(s.uses ?? ''))).toBeLessThan(at(preflight));
  });
});

describe('AWS', () => {
  it('gives unset variables the defaults serverless.yml would (osls keeps "")', () => {
    const sls = read('infra/aws/serverless.yml');
    const workflow = read('.github/workflows/deploy-aws.yml');
    const defaults = [...sls.matchAll(/^\s+([A-Z][A-Z0-9_]*): \$\{env:\1, '([^']*)'\}/gm)];
    expect(defaults.length).toBeGreaterThanOrEqual(5);
    for (const [, name, value] of defaults) {
      if (value === '') continue; // "" is already the default
      expect(workflow, name).toContain(`${name}: \${{ vars.${name} || '${value}' }}`);
    }
  });

  it("the deploy role's policy covers the calls CloudFormation makes for the function's role", () => {
    const policy = JSON.parse(read('infra/aws/deploy-policy.json')) as { Statement: Array<{ Action: string[] }> };
    const actions = policy.Statement.flatMap((s) => s.Action);
    for (const action of ['iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:PassRole', 'iam:GetRolePolicy'])
      expect(actions).toContain(action);
    expect(read('docs/deploying.md')).toContain('file://infra/aws/deploy-policy.json');
  });
});

describe('docs/deploying.md', () => {
  const guide = read('docs/deploying.md');
  it.each([
    ['that no cloud has been deployed from CI yet', 'No cloud has yet been deployed from this repository'],
    ['application-default login before terraform apply', 'gcloud auth application-default login'],
    ['billing', 'gcloud billing projects link'],
    ['the alternative to allUsers', '--no-invoker-iam-check'],
    ['who owns the code after the first deploy', 'Who owns the code'],
    ['the preflights', 'infra/gcp/preflight.sh'],
  ])('says %s', (_, text) => {
    expect(guide).toContain(text);
  });
});
