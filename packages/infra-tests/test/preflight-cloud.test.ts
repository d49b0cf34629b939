import { describe, expect, it } from 'vitest';
import { lines, preflight, replacing } from './fake-cli.js';
import { bicepProviders } from './repo.js';

// infra/azure/preflight.sh and infra/aws/preflight.sh against a fake az / aws replaying recorded
// answers (test/fixtures/preflight/azure.json, aws.json: an account where everything is in place).
const contact = { WIKIMEDIA_CONTACT: 'https://example.org/contact', GITHUB_ACTIONS: undefined };

describe('infra/azure/preflight.sh', { timeout: 90_000 }, () => {
  const { base, run } = preflight('azure', 'az', { AZURE_RESOURCE_GROUP: 'cityscope', ...contact });
  const app = '6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b';

  it('passes a ready subscription, reading only, and asks for every provider of the template', async () => {
    const r = await run();
    expect(lines(r.stdout, 'missing'), r.stdout).toEqual([]);
    expect(r.code).toBe(0);
    const asked = r.calls.filter((c) => c[1] === 'provider').map((c) => c[4]);
    expect(asked.sort()).toEqual(bicepProviders().sort());
    for (const call of r.calls) expect(call.join(' ')).not.toMatch(/\b(create|register|delete|set|deploy)\b/);
  });

  it('names unregistered providers, a region without Flex Consumption and a missing role, and exits 1', async () => {
    const r = await run(
      replacing(base, 'az', [
        { args: 'provider show --namespace Microsoft.Insights', stdout: 'NotRegistered\n' },
        { args: 'provider show --namespace Microsoft.OperationalInsights', stdout: 'Registering\n' },
        { args: 'group show --name cityscope', stdout: 'brazilsouth\n' },
        { args: 'role assignment list', stdout: 'Contributor\nReader\n' },
      ]),
      { WIKIMEDIA_CONTACT: 'not a contact' },
    );
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      'missing: resource provider Microsoft.Insights (it is NotRegistered); fix: az provider register --namespace Microsoft.Insights --wait',
      'missing: resource provider Microsoft.OperationalInsights (it is Registering); fix: az provider register --namespace Microsoft.OperationalInsights --wait',
      expect.stringMatching(
        /^missing: Flex Consumption in brazilsouth .*fix: az functionapp list-flexconsumption-locations/,
      ),
      expect.stringMatching(
        new RegExp(`^missing: role User Access Administrator for ${app} on cityscope; fix: az role assignment create`),
      ),
      expect.stringMatching(/^missing: WIKIMEDIA_CONTACT as an email address or http\(s\) URL/),
    ]);
  });

  it('accepts Owner for both roles, and region names written with capitals and spaces', async () => {
    const r = await run(
      replacing(base, 'az', [
        { args: 'group show --name cityscope', stdout: 'West Europe\n' },
        { args: 'role assignment list', stdout: 'Owner\n' },
      ]),
    );
    expect(lines(r.stdout, 'missing')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reads the roles by the object id in its own token, without group memberships when Graph refuses them', async () => {
    const oid = '0a7c1f4e-2b3d-4c5e-8f60-7a8b9c0d1e2f';
    const graphDenied = replacing(base, 'az', [
      {
        args: `role assignment list --assignee ${oid} --scope /subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/cityscope --include-inherited --include-groups`,
        stderr: 'ERROR: Insufficient privileges to complete the operation.\n',
        code: 1,
      },
    ]);
    const r = await run(graphDenied);
    expect(lines(r.stdout, 'missing'), r.stdout).toEqual([]);
    const listed = r.calls.filter((c) => c[1] === 'role');
    expect(listed).toHaveLength(2);
    expect(listed[1]).toContain(oid);
    expect(listed[1]).not.toContain('--include-groups');
    // `az role assignment list` takes no --assignee-object-id (azure-cli's list_role_assignments)
    for (const call of listed) expect(call).not.toContain('--assignee-object-id');
    // without a token to read, by the sign-in name
    const noToken = replacing(base, 'az', [{ args: 'account get-access-token', code: 1 }]);
    const byName = await run(noToken);
    expect(byName.calls.find((c) => c[1] === 'role')).toContain(app);
  });

  it('stops at once without a sign-in', async () => {
    const r = await run(
      replacing(base, 'az', [
        { args: 'account show', stderr: "ERROR: Please run 'az login' to setup account.\n", code: 1 },
      ]),
    );
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      expect.stringMatching(/^missing: an Azure sign-in .*; fix: az login$/),
    ]);
    expect(r.calls).toHaveLength(1);
  });
});

describe('infra/aws/preflight.sh', { timeout: 90_000 }, () => {
  const role = 'arn:aws:iam::123456789012:role/cityscope-deploy';
  const { base, run } = preflight('aws', 'aws', { AWS_REGION: 'eu-west-1', AWS_DEPLOY_ROLE_ARN: role, ...contact });

  it('passes the deploy role with the whole policy, reading only', async () => {
    const r = await run();
    expect(lines(r.stdout, 'missing'), r.stdout).toEqual([]);
    expect(r.code).toBe(0);
    for (const call of r.calls) expect(call[2], call.join(' ')).toMatch(/^get-/);
  });

  it('names the actions an older policy lacks (iam:ListRolePolicies…), a missing contact, and exits 1', async () => {
    const old = 'cloudformation:*\ts3:*\tlambda:*\tapigateway:*\tlogs:*\tiam:GetRole\tiam:CreateRole\tiam:PassRole\n';
    const r = await run(replacing(base, 'aws', [{ args: 'iam get-role-policy', stdout: old }]), {
      WIKIMEDIA_CONTACT: undefined,
    });
    expect(r.code).toBe(1);
    const missing = lines(r.stdout, 'missing');
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^missing: .*iam:ListRolePolicies.* in role cityscope-deploy's policy deploy; fix: /);
    expect(missing[0]).toContain(
      'aws iam put-role-policy --role-name cityscope-deploy --policy-name deploy --policy-document file://infra/aws/deploy-policy.json',
    );
    expect(missing[1]).toMatch(/^missing: WIKIMEDIA_CONTACT .*fix: export WIKIMEDIA_CONTACT=/);
  });

  it('names another role than AWS_DEPLOY_ROLE_ARN, and a region that is not a region', async () => {
    const r = await run(
      replacing(base, 'aws', [
        { args: 'sts get-caller-identity', stdout: 'arn:aws:sts::123456789012:assumed-role/other/GitHubActions\n' },
        {
          args: 'iam get-role-policy',
          stderr: 'An error occurred (AccessDenied) when calling the GetRolePolicy operation\n',
          code: 254,
        },
      ]),
      { AWS_REGION: 'Ireland', GITHUB_ACTIONS: 'true' },
    );
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'missing')).toEqual([
      expect.stringMatching(
        /^missing: the deploy role cityscope-deploy \(running as .*other.*fix: gh secret set AWS_DEPLOY_ROLE_ARN --env aws/,
      ),
      expect.stringMatching(/^missing: a region name in AWS_REGION \(it is 'Ireland'\)/),
    ]);
    expect(lines(r.stdout, 'unchecked')).toEqual([expect.stringMatching(/^unchecked: the policy of role other/)]);
  });

  it('says an opt-in region must be enabled', async () => {
    const r = await run(
      replacing(base, 'aws', [
        {
          args: 'lambda get-account-settings --region ap-east-1',
          stderr:
            'An error occurred (UnrecognizedClientException) when calling the GetAccountSettings operation: The security token included in the request is invalid.\n',
          code: 254,
        },
      ]),
      { AWS_REGION: 'ap-east-1' },
    );
    expect(lines(r.stdout, 'missing')).toEqual([
      'missing: region ap-east-1 enabled for this account (an opt-in region); fix: aws account enable-region --region-name ap-east-1',
    ]);
  });
});
