import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import preset from '../../../functions/gcp/preset.js';
import { coreSettings, deployedNodeMajor, read, root } from './repo.js';

// biome-ignore lint/suspicious/noExplicitAny: HCL as JSON, checked field by field below
type Hcl = Record<string, any>;
const tfFiles = readdirSync(join(root, 'infra/gcp')).filter((f) => f.endsWith('.tf'));
let tf: Record<string, Hcl> = {};
let fn: Hcl;

beforeAll(async () => {
  tf = Object.fromEntries(
    await Promise.all(tfFiles.map(async (f) => [f, (await parse(f, read(`infra/gcp/${f}`))) as Hcl] as const)),
  );
  const functions = Object.values(tf).flatMap((f) => Object.values(f.resource?.google_cloudfunctions2_function ?? {}));
  expect(functions).toHaveLength(1);
  fn = (functions[0] as Hcl[])[0] as Hcl;
});

/** deploy.sh's `--flag=value` arguments to `gcloud functions deploy`. */
function scriptFlags(): Record<string, string> {
  const text = read('infra/gcp/deploy.sh');
  return Object.fromEntries([...text.matchAll(/^\s+--([a-z-]+)(?:=(\S+?))?\s*\\?$/gm)].map((m) => [m[1], m[2] ?? '']));
}

describe('infra/gcp Terraform against the GCP adapter', () => {
  it('declares the function, its own service account, and GitHub workload identity', () => {
    const resources = Object.assign({}, ...Object.values(tf).map((f) => f.resource ?? {}));
    for (const type of [
      'google_cloudfunctions2_function',
      'google_service_account',
      'google_iam_workload_identity_pool',
      'google_iam_workload_identity_pool_provider',
      'google_service_account_iam_member',
      'google_cloud_run_service_iam_member',
    ])
      expect(Object.keys(resources), type).toContain(type);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, as HCL JSON spells it
    expect(fn.service_config[0].service_account_email).toBe('${google_service_account.runtime.email}');
    const provider = Object.values(resources.google_iam_workload_identity_pool_provider)[0] as Hcl[];
    expect(provider[0]?.oidc[0].issuer_uri).toBe('https://token.actions.githubusercontent.com');
    expect(provider[0]?.attribute_condition).toContain('assertion.repository');
  });

  it('uses the entry point the adapter registers, as deploy.sh does', async () => {
    const entryPoint = fn.build_config[0].entry_point as string;
    expect(scriptFlags()['entry-point']).toBe(entryPoint);
    process.env.LOG_LEVEL = 'silent';
    await import(preset.build.entry);
    // throws "function not registered" when the adapter registers another name
    expect(() => getTestServer(entryPoint)).not.toThrow();
    expect(() => getTestServer(`${entryPoint}-renamed`)).toThrow();
  });

  it('runs the Node version the other clouds run, as deploy.sh does', () => {
    const runtime = `nodejs${deployedNodeMajor()}`;
    expect(fn.build_config[0].runtime).toBe(runtime);
    expect(scriptFlags().runtime).toBe(runtime);
  });

  it('uploads the folder the build writes', () => {
    const archive = (tf['main.tf'] as Hcl).data.archive_file.source[0] as Hcl;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, as HCL JSON spells it
    const sourceDir = join(root, 'infra/gcp', String(archive.source_dir).replace('${path.module}/', ''));
    expect(sourceDir).toBe(preset.build.outfile.replace(/\/[^/]+$/, ''));
    expect(join(root, scriptFlags().source ?? '')).toBe(sourceDir);
  });

  it('passes every setting, and lets every path reach the function', () => {
    const env = fn.service_config[0].environment_variables as Record<string, string>;
    const script = read('infra/gcp/deploy.sh');
    for (const name of coreSettings()) {
      expect(env[name], name).toMatch(/^\$\{var\.[a-z_]+\}$/);
      expect(script).toContain(`printf '${name}: "%s"\\n' "\${${name}:-`);
    }
    expect(env.IGNORED_ROUTES).toBe('');
  });

  it('refers only to variables it declares and resources it defines', () => {
    const declared = new Set(Object.values(tf).flatMap((f) => Object.keys(f.variable ?? {})));
    const defined = new Set(
      Object.values(tf).flatMap((f) =>
        Object.entries({
          ...(f.resource ?? {}),
          ...Object.fromEntries(Object.entries(f.data ?? {}).map(([k, v]) => [`data.${k}`, v])),
        }).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`)),
      ),
    );
    const text = JSON.stringify(tf);
    for (const m of text.matchAll(/\bvar\.([a-z_]+)/g)) expect(declared, `var.${m[1]}`).toContain(m[1]);
    for (const m of text.matchAll(/\$\{(data\.[a-z_0-9]+\.[a-z_0-9]+|google_[a-z_0-9]+\.[a-z_0-9]+)/g))
      expect(defined, m[1]).toContain(m[1]);
  });
});

// `terraform fmt` works offline (validate needs the providers: ci.yml runs it on GitHub's runners)
const terraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
if (!terraform) console.warn('skipped: terraform is not installed, so `terraform fmt -check` runs only in ci.yml');

describe.skipIf(!terraform)('infra/gcp Terraform', () => {
  it('is formatted as `terraform fmt` writes it', () => {
    const r = spawnSync('terraform', ['-chdir=infra/gcp', 'fmt', '-check', '-diff', '-no-color'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' },
    });
    expect(r.stdout, 'run: terraform -chdir=infra/gcp fmt').toBe('');
    expect(r.status).toBe(0);
  });
});
