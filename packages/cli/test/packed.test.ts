import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VERSION } from '@cityscope/core';
import { type FakeWikipedia, finished, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../src/settings.js';

// What a user does: `pnpm pack` the CLI, `npm i -g` the tarball into a prefix, and run
// `cityscope` from an empty folder with nothing of the repository around it.
const cliDir = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Why the package cannot be built and installed here, or null when it can. */
function cannotBuild(): string | null {
  for (const tool of ['npm', 'pnpm']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} is not on PATH`;
  }
  const esbuild = spawnSync(process.execPath, ['-e', "require('esbuild').transformSync('1')"], {
    cwd: join(cliDir, '../..'),
    stdio: 'ignore',
  });
  if (esbuild.status !== 0) return 'esbuild cannot run on this machine';
  return null;
}

const skip = cannotBuild();
if (skip) console.warn(`packed CLI test skipped: ${skip}`);

describe.skipIf(skip !== null)('the packed `cityscope` package, installed with npm i -g', () => {
  let work: string;
  let bin: string;
  let empty: string;
  let fake: FakeWikipedia;
  /** Only what a shell would have: no Cityscope setting, no NODE_OPTIONS or tsx from the test runner. */
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fake = await startFakeWikipedia();
    work = mkdtempSync(join(tmpdir(), 'cityscope-packed-'));
    empty = join(work, 'empty');
    await run('mkdir', ['-p', empty]);
    // pnpm pack runs the package's prepack (the bundle); the held-out check packs the same way
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: cliDir, timeout: 180_000 });
    const tgz = readdirSync(work).find((f) => /^cityscope-.*\.tgz$/.test(f));
    if (!tgz) throw new Error(`pnpm pack wrote no cityscope-*.tgz in ${work}`);
    const prefix = join(work, 'prefix');
    env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: work, npm_config_cache: join(work, 'npm-cache') };
    await run('npm', ['i', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, tgz)], {
      cwd: empty,
      env,
      timeout: 120_000,
    });
    bin = join(prefix, 'bin', 'cityscope');
  }, 300_000);

  afterAll(async () => {
    await fake?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs the installed command in the empty folder. */
  function cityscope(args: string[], extra: NodeJS.ProcessEnv = {}, stdin?: string) {
    const child = spawn(bin, args, { cwd: empty, env: { ...env, ...extra }, stdio: 'pipe' });
    child.stdin.end(stdin ?? '');
    return finished(child);
  }
  const wiki = () => ({ WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: fake.wikidataUrl });

  it('prints its version, and every setting (carried in the bundle) with help settings', async () => {
    expect(await cityscope(['--version'])).toEqual({ code: 0, out: `cityscope ${VERSION}\n`, err: '' });
    const listed = await cityscope(['help', 'settings']);
    expect(listed.code, listed.err).toBe(0);
    const names = [...listed.out.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(names).toEqual(settings().map((s) => s.name));
  }, 30_000);

  it('imports nothing but Node built-ins at run time, on any route or setting (no node_modules beside it)', () => {
    const pkg = join(bin, '../../lib/node_modules/cityscope');
    expect(readdirSync(pkg)).not.toContain('node_modules');
    const files = readdirSync(join(pkg, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.mjs'),
    );
    expect(files.length).toBeGreaterThan(1);
    const bare: string[] = [];
    for (const f of files) {
      const code = readFileSync(join(pkg, 'dist', f), 'utf8');
      for (const m of code.matchAll(/(?:\bfrom ?|\bimport ?\(|\brequire\()\s*["']((?:@[\w.-]+\/)?[a-z][\w.:/-]*)["']/g))
        if (!/^node:/.test(m[1] as string) && !builtinModules.includes(m[1] as string)) bare.push(`${f}: ${m[1]}`);
    }
    expect(bare).toEqual([]);
  });

  it('looks a city up as JSON, with no workspace package at run time', async () => {
    const r = await cityscope(['city', 'Toronto', '--json'], { ...wiki(), WIKIMEDIA_CONTACT: 'ops@example.org' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'Toronto', facts: { country: 'Canada' } });
  }, 30_000);

  it('reads .env from the working folder, and sends WIKIMEDIA_CONTACT in the User-Agent', async () => {
    writeFileSync(
      join(empty, '.env'),
      `WIKIPEDIA_BASE_URL=${fake.baseUrl}\nWIKIDATA_BASE_URL=${fake.wikidataUrl}\nWIKIMEDIA_CONTACT=dotenv@example.org\n`,
    );
    try {
      const before = fake.requests.length;
      const r = await cityscope(['city', 'Montreal', '--json']);
      expect(r.code, r.err).toBe(0);
      const agents = fake.requests.slice(before).map((q) => q.headers['user-agent']);
      expect(agents.length).toBeGreaterThan(0);
      for (const ua of agents) expect(ua).toMatch(/^Cityscope\/\S+ \(dotenv@example\.org\) /);
      // the real environment wins over .env
      const real = await cityscope(['city', 'Ottawa', '--json'], { WIKIMEDIA_CONTACT: 'https://ops.example.org/' });
      expect(real.code, real.err).toBe(0);
      expect(fake.requests.at(-1)?.headers['user-agent']).toContain('(https://ops.example.org/)');
    } finally {
      rmSync(join(empty, '.env'));
    }
  }, 30_000);

  it('parses a page from standard input with --file -', async () => {
    const html = '<html lang="en"><head><title>Harbour</title></head><body><h1>Dock</h1><p>Ships.</p></body></html>';
    const r = await cityscope(['parse', '--file', '-', '--json'], {}, html);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'Harbour', lang: 'en' });
  }, 30_000);

  it('exits 64 with the usage for a misplaced option, 66 for a missing file, and prints a problem as JSON', async () => {
    const misplaced = await cityscope(['city', 'Toronto', '--mode', 'road']);
    expect(misplaced.code).toBe(64);
    expect(misplaced.err).toContain('Usage: cityscope city');
    const missing = await cityscope(['parse', '--file', 'nowhere.html']);
    expect(missing).toEqual({ code: 66, out: '', err: 'cityscope: cannot read nowhere.html: no such file\n' });
    const missingJson = await cityscope(['parse', '--file', 'nowhere.html', '--json']);
    expect(missingJson.code).toBe(66);
    expect(JSON.parse(missingJson.out)).toMatchObject({ status: 400, code: 'invalid_request' });
    const failed = await cityscope(['city', 'Nowhere Xyz', '--json'], { ...wiki(), WIKIMEDIA_CONTACT: 'a@b.org' });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out)).toMatchObject({ status: 404, code: expect.any(String) });
  }, 30_000);

  it('serves the API with `cityscope serve`, its settings (the port too) from .env', async () => {
    writeFileSync(
      join(empty, '.env'),
      `WIKIPEDIA_BASE_URL=${fake.baseUrl}\nWIKIDATA_BASE_URL=off\nWIKIMEDIA_CONTACT=serve@example.org\nPORT=0\n`,
    );
    const server = spawn(bin, ['serve'], { cwd: empty, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = finished(server);
    try {
      let err = '';
      server.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line: ${err}`)), 20_000);
        server.stderr.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(err);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const before = fake.requests.length;
      const res = await fetch(`${url}/cities/Toronto`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(((await res.json()) as { title: string }).title).toBe('Toronto');
      const agents = fake.requests.slice(before).map((q) => q.headers['user-agent']);
      expect(agents.length).toBeGreaterThan(0);
      for (const ua of agents) expect(ua).toMatch(/^Cityscope\/\S+ \(serve@example\.org\) /);
      const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { components: { schemas: object } };
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['City', 'Problem']));
    } finally {
      server.kill('SIGTERM');
      await exited;
      rmSync(join(empty, '.env'));
    }
  }, 40_000);
});
