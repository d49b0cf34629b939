import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VERSION } from '@cityscope/core';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands.js';
import { runMain } from './run.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

const run = (env: Record<string, string | undefined>, ...argv: string[]) =>
  runMain(argv, { env: { WIKIPEDIA_BASE_URL: fake.baseUrl, ...env } });

describe('help and version', () => {
  it('prints the version with --version, -v and version', async () => {
    for (const flag of ['--version', '-v', 'version']) {
      const r = await run({}, flag);
      expect(r).toEqual({ code: 0, out: `cityscope ${VERSION}\n`, err: '' });
    }
  });

  it('explains each command with <command> --help and help <command>', async () => {
    for (const name of [...Object.keys(COMMANDS), 'serve']) {
      const a = await run({}, name, '--help');
      expect(a.code, name).toBe(0);
      expect(a.out).toMatch(new RegExp(`^Usage: cityscope ${name}\\b`));
      expect((await run({}, 'help', name)).out).toBe(a.out);
    }
    const city = await run({}, 'city', '--help');
    expect(city.out).toContain('--sentences 3');
    expect(city.err).toBe('');
  });
});

describe('exit status', () => {
  it('is 64 for every usage mistake, including an option the API refuses', async () => {
    const boat = await run({}, 'distance', 'Toronto', 'Montreal', '--mode', 'boat');
    expect(boat.code).toBe(64);
    expect(boat.err).toContain('--mode');
    expect(boat.err).toContain('cityscope distance --help');
    expect((await run({}, 'distance', 'Toronto', 'Montreal', '--bogus')).code).toBe(64);
    expect((await run({}, 'hubs', 'Toronto', 'Montreal', 'Ottawa', '--k', 'x')).code).toBe(64);
    expect((await run({}, 'city', 'Toronto', '--sentences', '99')).code).toBe(64);
    expect((await run({}, 'nope')).code).toBe(64);
  });

  it('is 1 when the API answers no for another reason', async () => {
    expect((await run({}, 'city', 'Nowhere Xyz')).code).toBe(1);
  });

  it('is 78 for a bad setting, named in the message', async () => {
    const r = await run({ LOG_LEVEL: 'verbose' }, 'city', 'Toronto');
    expect(r.code).toBe(78);
    expect(r.err).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent: verbose');
    expect(r.out).toBe('');
  });
});

describe('names', () => {
  it('keeps a comma inside one argument', async () => {
    const r = await run({}, 'compare', 'Washington, D.C.', 'Toronto', '--json');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { cities: Array<{ title?: string; name?: string }> };
    expect(body.cities).toHaveLength(2);
    expect(JSON.stringify(body.cities[0])).toContain('Washington, D.C.');
    const d = await run({}, 'distance', 'Washington, D.C.', 'Toronto', '--json');
    expect(d.code).toBe(0);
    expect(d.out).toContain('Washington, D.C.');
  });
});

describe('a closed pipe (a real process)', () => {
  it('ends quietly when the reader goes away, as in `cityscope openapi | head -1`', async () => {
    const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    // pipefail: the pipeline's status is cityscope's when head is fine
    const script = `set -o pipefail; "${tsx}" "${bin}" openapi | head -c 1 >/dev/null`;
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 20_000);
});

describe('the cityscope command (bin/cityscope.mjs)', () => {
  it('answers whether or not the bundle is built and fresh', async () => {
    const bin = fileURLToPath(new URL('../bin/cityscope.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, '--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(out).toBe(`cityscope ${VERSION}\n`);
  }, 20_000);
});
