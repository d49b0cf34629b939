import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import preset from '../../../functions/aws/preset.js';
// @ts-expect-error a plain .mjs script without types
import { apiUrl } from '../../../infra/aws/api-url.mjs';
import { coreSettings, deployedNodeMajor, read, root } from './repo.js';

interface ServerlessYml {
  frameworkVersion: string;
  configValidationMode: string;
  provider: { runtime: string; environment: Record<string, string> };
  functions: Record<string, { handler: string; package: { artifact: string }; events: unknown[] }>;
  custom: { 'serverless-offline': { location: string } };
}
const sls = parse(read('infra/aws/serverless.yml')) as ServerlessYml;
const fn = Object.values(sls.functions)[0] as ServerlessYml['functions'][string];
const dist = join(root, 'infra/aws');

describe('infra/aws/serverless.yml against the AWS adapter', () => {
  it('is for osls, validated strictly', () => {
    expect(sls.frameworkVersion).toBe('4');
    expect(sls.configValidationMode).toBe('error');
    // osls installed under the name serverless-offline asks for as its peer (no Framework v3 at all)
    const pkg = JSON.parse(read('infra/aws/package.json')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.serverless).toMatch(/^npm:osls@/);
    expect(read('pnpm-lock.yaml')).not.toMatch(/^ {2}serverless@/m);
  });

  it('names a handler the adapter exports, in the file the zip holds', async () => {
    const [file, exportName] = fn.handler.split('.') as [string, string];
    // the preset zips the bundle as index.mjs: the handler's file part must be that name
    expect(`${file}.mjs`).toBe(preset.build.outfile.split('/').pop());
    const adapter = (await import(preset.build.entry)) as Record<string, unknown>;
    expect(typeof adapter[exportName], `the adapter exports no function "${exportName}"`).toBe('function');
  });

  it('deploys the zip the build writes, and serverless-offline runs the same folder', () => {
    const outdir = preset.build.outfile.replace(/\/[^/]+$/, '');
    expect(join(dist, fn.package.artifact)).toBe(join(outdir, 'cityscope-aws.zip'));
    expect(join(dist, sls.custom['serverless-offline'].location)).toBe(outdir);
  });

  it('runs the Node version the other clouds run and passes every setting', () => {
    expect(sls.provider.runtime).toBe(`nodejs${deployedNodeMajor()}.x`);
    for (const name of coreSettings()) {
      expect(sls.provider.environment[name], `provider.environment.${name}`).toMatch(
        new RegExp(`\\$\\{env:${name}\\b`),
      );
    }
  });
});

describe('the deploy smoke test finds the API URL (infra/aws/api-url.mjs)', () => {
  const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com';

  it('reads the indented stack output of Serverless Framework 3.40 and osls', () => {
    const framework340 = [
      'service: cityscope',
      'stage: prod',
      'region: eu-west-1',
      'stack: cityscope-prod',
      'endpoints:',
      `  ANY - ${url}/`,
      `  ANY - ${url}/{proxy+}`,
      'functions:',
      '  api: cityscope-prod-api (412 kB)',
      '',
      'Stack Outputs:',
      '  HttpApiId: abc123',
      `  HttpApiUrl: ${url}`,
      '  ServerlessDeploymentBucketName: cityscope-prod-serverlessdeploymentbucket-1',
      '',
    ].join('\n');
    expect(apiUrl(framework340)).toBe(url);
    expect(apiUrl(read('packages/infra-tests/test/fixtures/osls-info-verbose.txt'))).toBe(url);
  });

  it('also reads a flush-left line, colours and a trailing slash', () => {
    expect(apiUrl(`HttpApiUrl: ${url}/\n`)).toBe(url);
    expect(apiUrl(`\u001b[90mStack Outputs:\u001b[39m\n  HttpApiUrl: ${url}\r\n`)).toBe(url);
  });

  it('finds nothing rather than a wrong URL', () => {
    expect(apiUrl('Stack Outputs:\n  HttpApiId: abc123\n')).toBeUndefined();
    expect(apiUrl('  HttpApiUrl: http://plain.example\n')).toBeUndefined();
    expect(apiUrl('  XHttpApiUrl: https://other.example\n')).toBeUndefined();
  });

  describe('on the output of a real `serverless info --verbose`', () => {
    // osls asks CloudFormation for the stack; a loopback stand-in answers (AWS_ENDPOINT_URL)
    let cfn: Server;
    let endpoint = '';
    beforeAll(async () => {
      cfn = createServer((req, res) => {
        let body = '';
        req.on('data', (d) => {
          body += d;
        });
        req.on('end', () => {
          const answer = cloudFormation(new URLSearchParams(body).get('Action'), url);
          res.writeHead(answer ? 200 : 400, { 'content-type': 'text/xml' });
          res.end(answer ?? '<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
        });
      });
      await new Promise<void>((r) => cfn.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(cfn.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => cfn.close(() => r())));

    it('pipes osls into the script as the workflow does', async () => {
      const env = {
        ...process.env,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'eu-west-1',
        SLS_TELEMETRY_DISABLED: '1',
        WIKIMEDIA_CONTACT: 'ops@example.org',
      };
      const run = promisify(execFile);
      const info = await run(join(dist, 'node_modules/.bin/serverless'), ['info', '--stage', 'prod', '--verbose'], {
        cwd: dist,
        env,
        timeout: 60_000,
      });
      expect(info.stdout).toContain(`  HttpApiUrl: ${url}`);
      expect(apiUrl(info.stdout)).toBe(url);
    }, 90_000);
  });
});

/** CloudFormation's query-protocol answers for the two calls `info` makes. */
function cloudFormation(action: string | null, url: string): string | undefined {
  const ns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
  const meta = '<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>';
  if (action === 'ListStackResources')
    return `<ListStackResourcesResponse xmlns="${ns}"><ListStackResourcesResult><StackResourceSummaries/></ListStackResourcesResult>${meta}</ListStackResourcesResponse>`;
  if (action !== 'DescribeStacks') return undefined;
  const outputs = { HttpApiId: 'abc123', HttpApiUrl: url, ServerlessDeploymentBucketName: 'cityscope-prod-bucket' };
  const members = Object.entries(outputs)
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('');
  return `<DescribeStacksResponse xmlns="${ns}"><DescribeStacksResult><Stacks><member><StackName>cityscope-prod</StackName><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/cityscope-prod/1</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult>${meta}</DescribeStacksResponse>`;
}
