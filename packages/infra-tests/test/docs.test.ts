import { createHandler, PROBLEM_CODES } from '@cityscope/core';
import { describe, expect, it } from 'vitest';
import { coreSettings, read } from './repo.js';

const api = read('docs/api.md');

describe('docs/api.md against the code', () => {
  it('has a section for every route of /openapi.json', async () => {
    const handle = createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } });
    const doc = (await (await handle(new Request('http://localhost/openapi.json'))).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops))
        expect(api, `${method} ${path}`).toContain(`### \`${method.toUpperCase()} ${path}\``);
  });

  it('explains every problem code', () => {
    for (const code of PROBLEM_CODES) expect(api, code).toContain(`\`${code}\``);
  });

  it('lists every setting the code reads', () => {
    const cache = [
      ...read('packages/core/src/cache/settings.ts').matchAll(/'(CACHE_[A-Z_]+)'|env\.(CACHE_[A-Z_]+)/g),
    ].map((m) => m[1] ?? m[2]);
    for (const name of [...coreSettings(), ...cache]) expect(api, name).toContain(`| \`${name}\` |`);
  });

  it('is what the README links to, instead of a contract outside the repository', () => {
    const readme = read('README.md');
    expect(readme).toContain('(docs/api.md)');
    expect(readme).not.toContain('../shared/API.md');
  });
});
