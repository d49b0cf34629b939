import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readExample } from '../../cli/src/settings.js';
import { read } from './repo.js';

/** The rows of docs/api.md's "Settings" table: name and the default cell as written. */
function documentedSettings(): Map<string, string> {
  const section =
    read('docs/api.md')
      .split(/^## Settings$/m)[1]
      ?.split(/^## /m)[0] ?? '';
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/gm)) {
    rows.set(m[1] as string, (m[2] as string).trim());
  }
  return rows;
}

/** The settings .env.example assigns, each with the comment line right above it (read as `cityscope help` reads them). */
function exampleSettings(): Map<string, { value: string; comment: string }> {
  return new Map(readExample(read('.env.example')).map(({ name, ...rest }) => [name, rest]));
}

describe('.env.example against docs/api.md', () => {
  const documented = documentedSettings();
  const example = exampleSettings();

  it('finds the settings table', () => {
    expect(documented.size).toBeGreaterThan(5);
  });

  it('lists every documented setting, with a one-line comment above it', () => {
    for (const name of documented.keys()) {
      const entry = example.get(name);
      expect(
        entry,
        `${name} is in docs/api.md's settings table: add "# what it is" and "${name}=<default>" to .env.example`,
      ).toBeDefined();
      expect(entry?.comment, `${name} in .env.example needs a one-line "# ..." comment right above it`).not.toBe('');
    }
  });

  it('lists nothing docs/api.md does not document', () => {
    for (const name of example.keys())
      expect(documented.has(name), `${name} is in .env.example but not in docs/api.md's settings table`).toBe(true);
  });

  it('gives each setting its documented default (empty when the default is "empty" or computed)', () => {
    for (const [name, cell] of documented) {
      const single = /^`([^`]*)`$/.exec(cell);
      const value = example.get(name)?.value;
      if (single) expect(value, `${name}'s default in docs/api.md is ${cell}`).toBe(single[1]);
      else expect(value, `${name} has no single default in docs/api.md (${cell}): leave it empty`).toBe('');
    }
  });

  it('is what process.loadEnvFile reads: every line a comment, blank or NAME=value', () => {
    const text = read('.env.example');
    for (const line of text.split('\n')) expect(line, line).toMatch(/^(#.*|[A-Z][A-Z0-9_]*=.*|)$/);
    expect(Object.keys(parseEnv(text)).sort()).toEqual([...example.keys()].sort());
  });
});
