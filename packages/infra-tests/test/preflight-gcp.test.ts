import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { lines, preflight, replacing } from './fake-cli.js';
import { read } from './repo.js';

// infra/gcp/preflight.sh against a fake gcloud replaying recorded answers
// (test/fixtures/preflight/gcp.json: a project where everything is in place).
const script = 'infra/gcp/preflight.sh';
const P = 'my-project';
const ready = {
  GCP_PROJECT: P,
  GCP_REGION: 'europe-west1',
  GCP_RUNTIME_SERVICE_ACCOUNT: `cityscope-run@${P}.iam.gserviceaccount.com`,
  GCP_BUILD_SERVICE_ACCOUNT: `cityscope-build@${P}.iam.gserviceaccount.com`,
  WIKIMEDIA_CONTACT: 'ops@example.org',
  GITHUB_ACTIONS: undefined,
};
const { base, run } = preflight('gcp', 'gcloud', ready);
/** gcloud verbs that only read */
const READS = /^(describe|list|get-iam-policy|print-access-token)$/;

// each case starts a few fake gcloud processes: generous on a loaded machine
describe('infra/gcp/preflight.sh', { timeout: 90_000 }, () => {
  it('passes a ready project, reading only', async () => {
    const r = await run();
    expect(lines(r.stdout, 'missing'), r.stdout).toEqual([]);
    expect(r.stdout).toContain('preflight: ready');
    expect(r.code).toBe(0);
    for (const call of r.calls)
      expect(
        call.find((a) => READS.test(a)),
        call.join(' '),
      ).toBeDefined();
  });

  it('names each missing thing of a fresh project with the command that fixes it, and exits 1', async () => {
    const fresh = replacing(base, 'gcloud', [
      { args: `billing projects describe ${P}`, stdout: 'False\n' },
      {
        args: `services list --enabled --project ${P}`,
        stdout: 'bigquery.googleapis.com\nlogging.googleapis.com\nstorage.googleapis.com\n',
      },
      {
        args: `iam service-accounts describe cityscope-build@${P}`,
        stderr: `ERROR: (gcloud.iam.service-accounts.describe) NOT_FOUND: Unknown service account\n`,
        code: 1,
      },
    ]);
    const r = await run(fresh, { GCP_RUNTIME_SERVICE_ACCOUNT: undefined, WIKIMEDIA_CONTACT: undefined });
    const missing = lines(r.stdout, 'missing');
    expect(r.code).toBe(1);
    expect(missing).toContainEqual(expect.stringMatching(/billing.*fix: .*gcloud billing projects link my-project/));
    expect(missing).toContainEqual(
      'missing: API iam.googleapis.com; fix: gcloud services enable iam.googleapis.com --project my-project',
    );
    expect(missing).toContainEqual(expect.stringMatching(/^missing: GCP_RUNTIME_SERVICE_ACCOUNT .*fix: export /));
    expect(missing).toContainEqual(
      expect.stringMatching(/service account cityscope-build@.*NOT_FOUND.*fix: gcloud iam service-accounts create/),
    );
    expect(missing).toContainEqual(expect.stringMatching(/^missing: WIKIMEDIA_CONTACT/));
    // billing, 9 APIs, runtime account, build account, contact: one line each
    expect(missing).toHaveLength(13);
    // without the Cloud Functions API the region cannot be listed: said, not failed
    expect(lines(r.stdout, 'unchecked')).toEqual([expect.stringMatching(/^unchecked: region europe-west1/)]);
    expect(r.stdout).toContain('preflight: 13 missing; nothing was created');
  });

  it('names each role the build service account lacks, and accepts the Cloud Build builder role', async () => {
    const policy = (roles: string) =>
      replacing(base, 'gcloud', [{ args: `projects get-iam-policy ${P}`, stdout: roles }]);
    const some = await run(policy('roles/logging.logWriter\n'));
    expect(some.code).toBe(1);
    expect(lines(some.stdout, 'missing')).toEqual([
      `missing: role roles/artifactregistry.writer for the build service account; fix: gcloud projects add-iam-policy-binding ${P} --member serviceAccount:cityscope-build@${P}.iam.gserviceaccount.com --role roles/artifactregistry.writer`,
      `missing: role roles/storage.objectAdmin for the build service account; fix: gcloud projects add-iam-policy-binding ${P} --member serviceAccount:cityscope-build@${P}.iam.gserviceaccount.com --role roles/storage.objectAdmin`,
    ]);
    const builder = await run(policy('roles/cloudbuild.builds.builder\n'));
    expect(lines(builder.stdout, 'missing')).toEqual([]);
    expect(builder.code).toBe(0);
  });

  it('checks the region against the regions Cloud Functions offers', async () => {
    const r = await run(base, { GCP_REGION: 'mars-north1' });
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      expect.stringMatching(
        /^missing: Cloud Functions in region mars-north1; fix: export GCP_REGION=<one of: .*europe-west1/,
      ),
    ]);
  });

  it('stops at once when the project cannot be read', async () => {
    const denied = replacing(base, 'gcloud', [
      {
        args: `projects describe ${P}`,
        stderr: `ERROR: (gcloud.projects.describe) [me@example.org] does not have permission to access projects instance [${P}]\n`,
        code: 1,
      },
    ]);
    const r = await run(denied);
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      expect.stringMatching(/^missing: access to project my-project .*fix: gcloud auth login/),
    ]);
    expect(r.calls).toHaveLength(1);
  });

  it('before Terraform, checks application-default login and billing, not what Terraform creates', async () => {
    const noAdc = replacing(base, 'gcloud', [
      {
        args: 'auth application-default print-access-token',
        stderr:
          'ERROR: (gcloud.auth.application-default.print-access-token) Your default credentials were not found.\n',
        code: 1,
      },
    ]);
    const r = await run(noAdc, { GCP_RUNTIME_SERVICE_ACCOUNT: undefined, GCP_BUILD_SERVICE_ACCOUNT: undefined }, [
      '--terraform',
    ]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      'missing: application-default credentials (what Terraform uses); fix: gcloud auth application-default login',
    ]);
    expect(r.calls.map((c) => c.slice(1, 3).join(' '))).not.toContain('iam service-accounts');
  });

  it('checks the APIs main.tf enables and the roles build.tf grants', async () => {
    const text = read(script);
    const listed = (name: string) =>
      (new RegExp(`^${name}=\\(([^)]*)\\)`, 'm').exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean).sort();
    const main = (await parse('main.tf', read('infra/gcp/main.tf'))) as { locals: Array<{ apis: string[] }> };
    expect(listed('apis')).toEqual([...(main.locals[0]?.apis ?? [])].sort());
    const build = (await parse('build.tf', read('infra/gcp/build.tf'))) as {
      resource: { google_project_iam_member: { build: Array<{ for_each: string }> } };
    };
    const granted = [
      ...(build.resource.google_project_iam_member.build[0]?.for_each ?? '').matchAll(/"(roles\/[^"]+)"/g),
    ];
    expect(listed('build_roles')).toEqual(granted.map((m) => m[1]).sort());
  });
});
