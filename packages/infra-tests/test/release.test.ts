import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error a plain .mjs script without types
import { releaseNotes } from '../../../scripts/release-notes.mjs';
import { read } from './repo.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  'working-directory'?: string;
}
const wf = parse(read('.github/workflows/release.yml')) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; uses?: string; permissions?: Record<string, string>; steps?: Step[] }>;
};
const publish = wf.jobs.publish;
const steps = publish?.steps ?? [];
const runs = steps.map((s) => s.run ?? '').join('\n');

// actionlint and the SHA pins are checked for every workflow in workflows.test.ts
describe('.github/workflows/release.yml', () => {
  it('runs on version tags, after the whole test suite', () => {
    expect(wf.on.push.tags).toEqual(['v*']);
    expect(wf.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
    expect(publish?.needs).toBe('test');
  });

  it('publishes with npm trusted publishing (OIDC) and provenance, no token', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(publish?.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(runs).toMatch(/npm publish \S+cityscope-\*\.tgz --provenance/);
    expect(read('.github/workflows/release.yml')).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
    // setup-node's registry-url writes a token line to .npmrc that npm would send instead of OIDC
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@')) as Step & { with?: object };
    expect(setupNode?.with).not.toHaveProperty('registry-url');
    // trusted publishing needs npm 11.5.1 or newer
    const npm = /npm install --global npm@(\d+)\.(\d+)\.(\d+)/.exec(runs);
    expect(npm && Number(npm[1]) * 1000 + Number(npm[2])).toBeGreaterThanOrEqual(11_005);
  });

  it('publishes what `pnpm pack` makes of packages/cli, whose version the tag must name', () => {
    expect(steps.some((s) => s['working-directory'] === 'packages/cli' && /pnpm pack/.test(s.run ?? ''))).toBe(true);
    expect(runs).toContain("require('./packages/cli/package.json').version");
    const pkg = JSON.parse(read('packages/cli/package.json')) as { name: string; private?: boolean; bin: object };
    expect(pkg).toMatchObject({ name: 'cityscope', bin: { cityscope: './bin/cityscope.mjs' } });
    expect(pkg.private).toBeUndefined();
  });

  it("makes a GitHub release with the tag's notes from CHANGELOG.md", () => {
    expect(runs).toContain('node scripts/release-notes.mjs');
    expect(runs).toMatch(/gh release create "\$TAG" [^\n]*\\\n\s+--notes-file/);
    const version = (JSON.parse(read('packages/cli/package.json')) as { version: string }).version;
    expect(releaseNotes(read('CHANGELOG.md'), version)).toMatch(/^### /);
  });

  it('reads one section of a changelog, and nothing for a version it lacks', () => {
    const log = '# Changelog\n\n## [1.1.0] - 2027-01-01\n\n- b\n\n## [1.0.0]\n\n- a\n\n[1.1.0]: https://x\n';
    expect(releaseNotes(log, '1.1.0')).toBe('- b');
    expect(releaseNotes(log, '1.0.0')).toBe('- a');
    expect(releaseNotes(log, '2.0.0')).toBeNull();
  });
});
