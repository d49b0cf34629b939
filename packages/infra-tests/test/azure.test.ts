import { describe, expect, it } from 'vitest';
import { coreSettings, deployedNodeMajor, read } from './repo.js';

const bicep = read('infra/azure/main.bicep');
/** The names in the Function App's appSettings array. */
const appSettings = [
  ...(/appSettings:\s*\[([\s\S]*?)\n\s*\]/.exec(bicep)?.[1] ?? '').matchAll(/name:\s*'([A-Za-z0-9_]+)'/g),
].map((m) => m[1]);
const params = new Set([...bicep.matchAll(/^param\s+([A-Za-z0-9_]+)\s/gm)].map((m) => m[1]));
const camel = (name: string) => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('infra/azure/main.bicep against the code', () => {
  it('sets every setting from a parameter of the same name', () => {
    for (const name of coreSettings()) {
      expect(appSettings, name).toContain(name);
      expect(bicep, name).toMatch(new RegExp(`\\{ name: '${name}', value: ${camel(name)} \\}`));
      expect(params, camel(name)).toContain(camel(name));
    }
  });

  it('runs the Node version the other clouds run', () => {
    expect(bicep).toMatch(new RegExp(`runtime: \\{ name: 'node', version: '${deployedNodeMajor()}' \\}`));
  });

  it('serves the API at the root path, as the adapter registers it', () => {
    expect(JSON.parse(read('functions/azure/host.json')).extensions.http.routePrefix).toBe('');
  });

  it('is given every setting by the deploy workflow', () => {
    const workflow = read('.github/workflows/deploy-azure.yml');
    for (const name of coreSettings()) {
      // a variable, or a secret (API_KEYS)
      expect(workflow, name).toMatch(new RegExp(`${name}: \\$\\{\\{ (vars|secrets)\\.${name}\\b`));
      expect(workflow, name).toContain(`${camel(name)}="$${name}"`);
    }
  });
});
