import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './run.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

const run = (...argv: string[]) =>
  runMain(argv, {
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off', WIKIMEDIA_CONTACT: 'cli-test@example.org' },
  });

describe('cityscope route|hubs --svg', () => {
  it('writes the route map to a file, the same bytes the API answers', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cityscope-svg-')), 'map.svg');
    const r = await run('route', 'Toronto', 'Montreal', 'Ottawa', '--round-trip', '--svg', file);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/);
    expect(svg).toContain('<title id="map-title">Route map: Toronto → ');
    const again = await run('route', 'Toronto', 'Montreal', 'Ottawa', '--round-trip', '--svg', '-');
    expect(again.out).toBe(svg);
  }, 60_000);

  it('writes the hubs map to stdout with -', async () => {
    const r = await run('hubs', 'Toronto', 'Montreal', 'Ottawa', 'Dublin', '--k', '2', '--svg', '-');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title id="map-title">Hubs map: ');
    expect(r.out).toContain('>Dublin</text>');
  }, 60_000);

  it('keeps failures as text on stderr, and refuses --svg with --json', async () => {
    const bad = await run('hubs', 'Toronto', 'Montreal', 'Ottawa', '--k', '9', '--svg', '-');
    expect(bad.code).toBe(64);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/--k: .*k must be at most 3/);
    const both = await run('route', 'Toronto', 'Montreal', '--svg', '-', '--json');
    expect(both.code).toBe(64);
    expect(both.err).toContain('--svg and --json cannot go together');
  });
});
