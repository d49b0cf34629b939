import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeWikipedia, json, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

async function run(...argv: string[]) {
  return runWith(undefined, ...argv);
}

async function runWith(stdin: string | undefined, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    ...(stdin === undefined ? {} : { stdin: async () => stdin }),
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIMEDIA_CONTACT: 'cli-test@example.org' },
  });
  return { code, out, err };
}

describe('cityscope city', () => {
  it('prints readable text', async () => {
    const r = await run('city', 'toronto');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Toronto — Capital city of Ontario, Canada');
    expect(r.out).toMatch(/Population:\s+2,794,356 \(2021\)/);
    expect(r.out).toMatch(/Time zone:\s+EST \(UTC-05:00\)/);
    expect(r.err).toBe('');
  });

  it('prints the API JSON with --json', async () => {
    const r = await run('city', 'São', 'Paulo', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ title: 'São Paulo', facts: { country: 'Brazil' } });
  });

  it('passes --lang through', async () => {
    const r = await run('city', 'Paris', '--lang', 'fr', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ lang: 'fr', facts: { country: 'France' } });
  });

  it('prints the problem detail to stderr and exits non-zero', async () => {
    const missing = await run('city', 'Nowhere Xyz');
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toContain('No Wikipedia page named "Nowhere Xyz"');
    const ambiguous = await run('city', 'Springfield');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('Springfield, Illinois');
    // an option the API refuses is a usage mistake, like a missing argument (README: 64)
    const bad = await run('city', 'Toronto', '--lang', 'EN');
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('--lang');
  });

  it('explains usage mistakes', async () => {
    expect((await run('city')).code).toBe(64);
    expect((await run('nope')).err).toContain('unknown command');
    expect((await run('serve', '--port', 'x')).code).toBe(64);
  });
});

describe('one command per route', () => {
  it('compare prints each city and the distance table', async () => {
    const r = await run('compare', 'Toronto', 'Washington, D.C.', 'Nowhere Xyz');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Toronto: Canada, population 2,794,356');
    expect(r.out).toContain('Nowhere Xyz: No Wikipedia page named');
    expect(r.out).toMatch(/Distances \(km\)/);
    const json = JSON.parse((await run('compare', 'Toronto', 'Montreal', '--json')).out);
    expect(json.distancesKm[0][1]).toBeGreaterThan(400);
  });

  it('distance prints km, miles and hours', async () => {
    const r = await run('distance', 'Toronto', 'Montreal', '--mode', 'rail');
    expect(r.out).toMatch(/^Toronto → Montreal: [\d.,]+ km \([\d.,]+ mi\), about [\d.]+ h by rail/);
    expect((await run('distance', 'Toronto')).code).toBe(64);
  });

  it('route prints the order and the legs', async () => {
    const r = await run('route', 'Toronto', 'Montreal', 'Ottawa', 'Quebec City', '--round-trip');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Toronto → Ottawa → Quebec City → Montreal');
    expect(r.out).toMatch(/Total [\d.,]+ km \(exact\)/);
  });

  it('hubs prints the groups', async () => {
    const r = await run('hubs', 'Toronto', 'Montreal', 'London', 'Manchester', '--k', '2');
    expect(r.out).toContain('k = 2');
    expect(r.out).toMatch(/London|Manchester/);
  });

  it('analyze reads its text from arguments, a file or standard input', async () => {
    const a = await run('analyze', 'A lovely harbour. A lovely day.', '--sentences', '1');
    expect(a.out).toMatch(/Sentiment:\s+positive/);
    const s = await runWith('Terrible traffic. Awful noise.', 'analyze', '--json');
    expect(JSON.parse(s.out).sentiment.label).toBe('negative');
    expect((await runWith('', 'analyze')).code).toBe(64);
  });

  it('parse reads a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cityscope-cli-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, '<html lang="en"><title>Hello</title><p>A happy page with <a href="/x">a link</a>.</p></html>');
    const r = await run('parse', '--file', file, '--base-url', 'https://example.org/');
    expect(r.out).toMatch(/^Hello\n/);
    expect(r.out).toMatch(/Links:\s+1 \(1 internal\)/);
    expect((await run('parse', 'http://169.254.169.254/')).err).toContain('link-local');
  });
});

describe('cityscope serve (a real process)', () => {
  let child: ChildProcess;
  let base = '';
  const lines: string[] = [];

  beforeAll(async () => {
    const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    child = spawn(tsx, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
    base = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        err += d;
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
  });

  it('serves the API with a JSON log line per request', async () => {
    const res = await fetch(`${base}/cities/TO`, { headers: { 'x-request-id': 'cli-test-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('cli-test-1');
    expect(await json(res)).toMatchObject({ title: 'Toronto', redirectedFrom: 'TO' });
    const missing = await fetch(`${base}/cities/Nowhere%20Xyz`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    const health = await json(await fetch(`${base}/health`));
    expect(health.platform).toBe('node');
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(logged.find((l) => l.requestId === 'cli-test-1')).toMatchObject({ status: 200, path: '/cities/TO' });
    expect(logged.length).toBeGreaterThanOrEqual(3);
  });

  it('answers a request with a malformed Host header', async () => {
    const { port } = new URL(base);
    const line = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (c) => {
        data += c;
      });
      socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    expect(line).toBe('HTTP/1.1 200 OK');
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
