import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read } from './repo.js';

// WIKIMEDIA_CONTACT falls back to the project URL only locally: every deploy must name its operator.
describe('every deploy definition requires WIKIMEDIA_CONTACT', () => {
  it('serverless.yml reads it with no default (osls refuses to resolve an unset one)', () => {
    const sls = parse(read('infra/aws/serverless.yml')) as { provider: { environment: Record<string, string> } };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless variable, not a JavaScript one
    expect(sls.provider.environment.WIKIMEDIA_CONTACT).toBe('${env:WIKIMEDIA_CONTACT}');
  });

  it('Terraform declares it without a default, validated, and passes it to the function', () => {
    const block = /variable "wikimedia_contact" \{[\s\S]*?\n\}/.exec(read('infra/gcp/variables.tf'))?.[0] ?? '';
    expect(block).toContain('validation');
    expect(block).not.toMatch(/^\s*default\s*=/m);
    expect(read('infra/gcp/main.tf')).toMatch(/WIKIMEDIA_CONTACT\s*=\s*var\.wikimedia_contact/);
    expect(read('infra/gcp/deploy.sh')).toContain(': "${WIKIMEDIA_CONTACT:?');
  });

  it('the Bicep declares it without a default and sets the app setting', () => {
    const bicep = read('infra/azure/main.bicep');
    expect(bicep).toMatch(/^param wikimediaContact string$/m);
    expect(bicep).toContain("{ name: 'WIKIMEDIA_CONTACT', value: wikimediaContact }");
  });

  for (const cloud of ['aws', 'gcp', 'azure']) {
    it(`deploy-${cloud}.yml stops before anything else when it is unset`, () => {
      const wf = parse(read(`.github/workflows/deploy-${cloud}.yml`)) as {
        jobs: { deploy: { env: Record<string, string>; steps: Array<{ name?: string; run?: string }> } };
      };
      const { env, steps } = wf.jobs.deploy;
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript one
      expect(env.WIKIMEDIA_CONTACT).toBe('${{ vars.WIKIMEDIA_CONTACT }}');
      const check = steps.findIndex((s) => s.name === 'WIKIMEDIA_CONTACT is set');
      expect(check, 'a step named "WIKIMEDIA_CONTACT is set"').toBeGreaterThanOrEqual(0);
      expect(steps[check]?.run).toMatch(/-z "\$\{WIKIMEDIA_CONTACT[^"]*\}"[\s\S]*exit 1/);
      // only other preflight checks may come before it: nothing is installed, built or deployed yet
      for (const s of steps.slice(0, check)) expect(JSON.stringify(s)).not.toMatch(/pnpm|deploy|install|build/i);
    });
  }
});
