import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read } from './repo.js';

/** Cost caps in every deploy definition, and the warning a deploy without credentials writes. */

const WORKFLOWS = ['deploy-aws.yml', 'deploy-gcp.yml', 'deploy-azure.yml'];

describe('cost caps', () => {
  it('AWS: API Gateway throttles every route, and reserved concurrency is a setting', () => {
    const sls = parse(read('infra/aws/serverless.yml')) as {
      resources: { extensions: { HttpApiStage: { Properties: { DefaultRouteSettings: Record<string, string> } } } };
      functions: Record<string, { reservedConcurrency?: string }>;
    };
    const route = sls.resources.extensions.HttpApiStage.Properties.DefaultRouteSettings;
    expect(route.ThrottlingRateLimit).toMatch(/^\$\{env:AWS_THROTTLE_RATE, \d+\}$/);
    expect(route.ThrottlingBurstLimit).toMatch(/^\$\{env:AWS_THROTTLE_BURST, \d+\}$/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell, osls or Actions expression, as written in the file
    expect(Object.values(sls.functions)[0]?.reservedConcurrency).toBe('${env:AWS_RESERVED_CONCURRENCY, null}');
    const wf = read('.github/workflows/deploy-aws.yml');
    for (const name of ['AWS_THROTTLE_RATE', 'AWS_THROTTLE_BURST', 'AWS_RESERVED_CONCURRENCY'])
      expect(wf).toContain(`${name}: \${{ vars.${name}`);
    // an empty value would reach serverless.yml as "": the deploy step unsets it instead
    expect(wf).toContain('unset AWS_RESERVED_CONCURRENCY');
  });

  it('Google Cloud: an instance cap, and a private function as an option', () => {
    const main = read('infra/gcp/main.tf');
    expect(main).toMatch(/max_instance_count\s*=\s*var\.max_instances/);
    expect(main).toMatch(/count\s*=\s*var\.public_invoker \? 1 : 0/);
    expect(read('infra/gcp/variables.tf')).toMatch(/variable "max_instances" \{[^}]*type\s*=\s*number/);
    const script = read('infra/gcp/deploy.sh');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell, osls or Actions expression, as written in the file
    expect(script).toContain('--max-instances="${GCP_MAX_INSTANCES:-20}"');
    expect(script).toContain('--no-allow-unauthenticated');
    const wf = read('.github/workflows/deploy-gcp.yml');
    for (const name of ['GCP_MAX_INSTANCES', 'GCP_PUBLIC_INVOKER']) expect(wf).toContain(`${name}: \${{ vars.${name}`);
  });

  it('Azure: the Flex Consumption maximum instance count, passed by the workflow', () => {
    const bicep = read('infra/azure/main.bicep');
    expect(bicep).toMatch(/param maximumInstanceCount int = \d+/);
    expect(bicep).toMatch(/maximumInstanceCount: maximumInstanceCount/);
    const wf = read('.github/workflows/deploy-azure.yml');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell, osls or Actions expression, as written in the file
    expect(wf).toContain("AZURE_MAX_INSTANCES: ${{ vars.AZURE_MAX_INSTANCES || '40' }}");
    expect(wf).toContain('maximumInstanceCount="$AZURE_MAX_INSTANCES"');
  });
});

describe('credentials in every deploy', () => {
  it('the keys come from a secret, and are secret in the definitions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell, osls or Actions expression, as written in the file
    for (const f of WORKFLOWS) expect(read(`.github/workflows/${f}`), f).toContain('API_KEYS: ${{ secrets.API_KEYS }}');
    expect(read('infra/gcp/variables.tf')).toMatch(/variable "api_keys" \{[^}]*sensitive\s*=\s*true/);
    expect(read('infra/azure/main.bicep')).toMatch(/@secure\(\)\n@description\('API_KEYS[^\n]*\nparam apiKeys string/);
  });

  for (const f of WORKFLOWS) {
    it(`${f} warns in the run summary when the endpoint is public`, () => {
      const wf = parse(read(`.github/workflows/${f}`)) as {
        jobs: { deploy: { steps: Array<{ name?: string; run?: string }> } };
      };
      const step = wf.jobs.deploy.steps.find((s) => s.name === 'Access is configured');
      expect(step?.run, 'a step named "Access is configured"').toBeDefined();
      const summary = (env: Record<string, string>) => {
        const dir = mkdtempSync(join(tmpdir(), 'access-'));
        const file = join(dir, 'summary.md');
        execFileSync('bash', ['-eo', 'pipefail', '-c', step?.run as string], {
          env: { PATH: process.env.PATH ?? '', GITHUB_STEP_SUMMARY: file, API_KEYS: '', AUTH_JWKS_URL: '', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return '';
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };
      expect(summary({})).toMatch(/The endpoint is public/);
      expect(summary({ API_KEYS: 'a:0' })).toBe('');
      expect(summary({ AUTH_JWKS_URL: 'https://x/jwks' })).toBe('');
    });
  }
});
