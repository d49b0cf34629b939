import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { read } from './repo.js';

/**
 * The OpenTelemetry settings an operator sets at deploy time (docs/deploying.md, "Telemetry"):
 * every cloud's definition and deploy workflow passes them, as optional settings. They are
 * read in telemetry/settings.ts, so coreSettings() does not list them.
 */
const OTEL = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_SERVICE_NAME',
] as const;
/** Headers may hold an API key: a secret in every workflow. */
const SECRET = new Set<string>(['OTEL_EXPORTER_OTLP_HEADERS']);
const camel = (name: string) => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function workflowEnv(file: string): Record<string, string> {
  const wf = parseYaml(read(`.github/workflows/${file}`)) as { jobs: Record<string, { env?: Record<string, string> }> };
  return Object.assign({}, ...Object.values(wf.jobs).map((j) => j.env ?? {}));
}

function expectFromWorkflow(file: string) {
  const env = workflowEnv(file);
  for (const name of OTEL) {
    const source = SECRET.has(name) ? 'secrets' : 'vars';
    expect(env[name], `${file}: ${name}`).toMatch(new RegExp(`^\\$\\{\\{ ${source}\\.${name}\\b`));
  }
}

describe('OpenTelemetry settings on every cloud', () => {
  it('AWS: serverless.yml and its workflow', () => {
    const sls = parseYaml(read('infra/aws/serverless.yml')) as { provider: { environment: Record<string, string> } };
    for (const name of OTEL) expect(sls.provider.environment[name], name).toMatch(new RegExp(`^\\$\\{env:${name},`));
    expectFromWorkflow('deploy-aws.yml');
  });

  it('Google Cloud: Terraform (headers sensitive), deploy.sh and its workflow', async () => {
    const main = (await parseHcl('main.tf', read('infra/gcp/main.tf'))) as {
      resource: {
        google_cloudfunctions2_function: Record<string, [{ service_config: [{ environment_variables: object }] }]>;
      };
    };
    const fn = Object.values(main.resource.google_cloudfunctions2_function)[0]?.[0];
    const env = fn?.service_config[0].environment_variables as Record<string, string>;
    const vars = (
      (await parseHcl('variables.tf', read('infra/gcp/variables.tf'))) as { variable: Record<string, [object]> }
    ).variable;
    const script = read('infra/gcp/deploy.sh');
    for (const name of OTEL) {
      const v = name.toLowerCase();
      expect(env[name], name).toBe(`\${var.${v}}`);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform type, as HCL JSON spells it
      expect(vars[v]?.[0], v).toMatchObject({ type: '${string}', ...(SECRET.has(name) ? { sensitive: true } : {}) });
      expect(script).toContain(`printf '${name}: "%s"\\n' "\${${name}:-`);
    }
    expectFromWorkflow('deploy-gcp.yml');
  });

  it('Azure: Bicep parameters (headers secure), app settings and the workflow', () => {
    const bicep = read('infra/azure/main.bicep');
    const workflow = read('.github/workflows/deploy-azure.yml');
    for (const name of OTEL) {
      expect(bicep, name).toContain(`{ name: '${name}', value: ${camel(name)} }`);
      expect(bicep, name).toMatch(
        new RegExp(
          `${SECRET.has(name) ? "@secure\\(\\)\\n@description\\('[^\\n]*'\\)\\n" : ''}param ${camel(name)} string = '`,
        ),
      );
      expect(workflow, name).toContain(`${camel(name)}="$${name}"`);
    }
    expectFromWorkflow('deploy-azure.yml');
  });
});
