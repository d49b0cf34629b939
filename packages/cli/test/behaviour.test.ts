import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { VERSION } from '@cityscope/core';
import { type FakeWikipedia, finished, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/commands.js';
import { COMMANDS } from '../src/commands.js';
import { settings } from '../src/settings.js';
import { runMain } from './run.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let fake: FakeWikipedia;
let dir: string;
beforeAll(async () => {
  fake = await startFakeWikipedia();
  dir = mkdtempSync(join(tmpdir(), 'cityscope-cli-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (argv: string[], io: Partial<Io> = {}, env: Record<string, string> = {}) =>
  runMain(argv, {
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off', WIKIMEDIA_CONTACT: 'cli@example.org', ...env },
    ...io,
  });

describe('options belong to their command', () => {
  it("refuses another command's option with 64 and the command's usage", async () => {
    const cases: Array<[string[], string]> = [
      [['city', 'Toronto', '--mode', 'road'], 'city'],
      [['city', 'Toronto', '--k', '3'], 'city'],
      [['compare', 'Toronto', 'Ottawa', '--sentences', '2'], 'compare'],
      [['distance', 'Toronto', 'Ottawa', '--round-trip'], 'distance'],
      [['hubs', 'Toronto', 'Ottawa', 'Montreal', '--start', 'Ottawa'], 'hubs'],
      [['analyze', 'text', '--base-url', 'https://example.org/'], 'analyze'],
      [['serve', '--json'], 'serve'],
      [['health', '--port', '1'], 'health'],
    ];
    for (const [argv, command] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(64);
      expect(r.err, argv.join(' ')).toContain(`Usage: cityscope ${command} `);
      expect(r.out).toBe('');
    }
  });

  it('says so when an option comes before the command', async () => {
    const r = await run(['--json', 'city', 'Toronto']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('options go after the command');
  });

  it('lists every option a command takes in its --help, from the same table that parses them', async () => {
    for (const [name, c] of Object.entries(COMMANDS)) {
      const help = (await run([name, '--help'])).out;
      for (const option of Object.keys(c.options)) expect(help, `${name} --${option}`).toContain(`--${option}`);
    }
  });
});

describe('input files', () => {
  it('exits 66 with one line when the file is missing or not a file', async () => {
    for (const argv of [
      ['parse', '--file', join(dir, 'missing.html')],
      ['analyze', '--file', join(dir, 'missing.txt')],
      ['parse', '--file', dir],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(66);
      expect(r.err).toMatch(/^cityscope: cannot read .+: (no such file|it is a folder)\n$/);
    }
  });

  it('reads standard input for --file -', async () => {
    const stdin = async () => '<html lang="en"><title>From stdin</title><p>Boats in the harbour.</p></html>';
    const page = await run(['parse', '--file', '-', '--json'], { stdin });
    expect(page.code, page.err).toBe(0);
    expect(JSON.parse(page.out)).toMatchObject({ title: 'From stdin' });
    const text = await run(['analyze', '--file', '-', '--json'], { stdin: async () => 'A lovely harbour city.' });
    expect(JSON.parse(text.out)).toMatchObject({ stats: { words: 4 } });
  });
});

describe('--json failures', () => {
  it('print the problem document on stdout and exit non-zero', async () => {
    const missing = await run(['city', 'Nowhere Xyz', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('');
    expect(JSON.parse(missing.out)).toMatchObject({
      status: 404,
      code: 'not_found',
      instance: '/cities/Nowhere%20Xyz',
    });
    const invalid = await run(['city', 'Toronto', '--sentences', '99', '--json']);
    expect(invalid.code).toBe(64);
    expect(JSON.parse(invalid.out)).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('print a mistake found before any request as an invalid_request problem too, with the same exit status', async () => {
    const misplaced = await run(['city', 'Toronto', '--mode', 'road', '--json']);
    expect(misplaced.code).toBe(64);
    expect(misplaced.err).toContain('Usage: cityscope city ');
    expect(JSON.parse(misplaced.out)).toMatchObject({
      status: 400,
      code: 'invalid_request',
      detail: "unknown option '--mode'",
    });
    const missing = await run(['parse', '--file', join(dir, 'missing.html'), '--json']);
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/^cityscope: cannot read .+: no such file\n$/);
    expect(JSON.parse(missing.out)).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});

describe('progress', () => {
  const slow = async (io: Partial<Io>, env: Record<string, string> = {}) => {
    fake.delayMs = 700;
    try {
      return await run(['compare', 'Toronto', 'Ottawa', '--json'], io, env);
    } finally {
      fake.delayMs = 0;
    }
  };

  it('shows on a terminal, on stderr, and is erased before the answer', async () => {
    const r = await slow({ errIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.err).toContain('compare: 2 names…');
    expect(r.err).toContain('\u001b[');
    expect(r.err.endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(r.out).cities).toHaveLength(2);
  }, 20_000);

  it('has no escape codes under NO_COLOR, and is absent when stderr is not a terminal', async () => {
    const plain = await slow({ errIsTTY: true }, { NO_COLOR: '1' });
    expect(plain.err).toContain('compare: 2 names…');
    expect(plain.err).not.toContain('\u001b');
    expect((await slow({ errIsTTY: false })).err).toBe('');
  }, 20_000);
});

describe('usage and version', () => {
  it('lists every setting docs/api.md documents, read from .env.example (which infra-tests keeps equal to it)', async () => {
    const api = readFileSync(join(repo, 'docs/api.md'), 'utf8').split(/^## Settings$/m)[1] ?? '';
    const documented = [...api.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    expect(
      settings()
        .map((s) => s.name)
        .sort(),
    ).toEqual(documented.sort());
    for (const s of settings()) expect(s.comment, s.name).not.toBe('');
    const usage = (await run(['help'])).out.replace(/\s+/g, ' ');
    for (const name of documented) expect(usage).toContain(name as string);
  });

  it('prints every setting as a commented .env with help settings, which changes nothing as it is', async () => {
    const r = await run(['help', 'settings']);
    expect(r.code).toBe(0);
    for (const s of settings()) expect(r.out).toContain(`# ${s.comment}\n# ${s.name}=${s.value}\n`);
    expect(Object.keys(parseEnv(r.out))).toEqual([]);
  });

  it('has the package version of core', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(VERSION);
  });
});

describe('WIKIMEDIA_CONTACT unset (a real process)', () => {
  it('warns once on stderr and still answers', async () => {
    const tsx = join(repo, 'node_modules/.bin/tsx');
    const { WIKIMEDIA_CONTACT: _drop, ...env } = process.env;
    const child = spawn(tsx, [join(repo, 'packages/cli/src/bin.ts'), 'compare', 'Toronto', 'Ottawa', '--json'], {
      cwd: dir,
      env: { ...env, WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, err } = await finished(child);
    expect(code).toBe(0);
    expect(err.match(/WIKIMEDIA_CONTACT is not set/g)).toHaveLength(1);
  }, 30_000);
});
