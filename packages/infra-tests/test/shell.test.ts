import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './repo.js';

// The deploy and preflight scripts under infra/ pass ShellCheck (Debian's shellcheck package; .ci/run
// installs it), as the workflows pass actionlint.
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
    expect(scripts).toEqual(expect.arrayContaining(['infra/gcp/deploy.sh', 'infra/preflight-lib.sh']));
  });

  it.each(scripts)('%s', async (script) => {
    const out = await new Promise<string>((resolve) => {
      execFile('shellcheck', ['-x', '--format=gcc', script], { cwd: root }, (_, stdout) => resolve(stdout));
    });
    expect(out.trim().split('\n').filter(Boolean)).toEqual([]);
  });
});
