import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';
import { sendWebResponse, toWebRequest } from '../src/platform/node.js';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.js';

/**
 * The explorer (GET /) and the SVG maps in a real headless Chromium (Debian's `chromium`),
 * against the Wikipedia stand-in. Any request to another origin is refused and recorded;
 * console errors are recorded; both must stay empty. CITYSCOPE_SCREENSHOT=1 writes
 * docs/explorer.png and docs/route-map.png (the README's pictures).
 */
if (!hasChromium) {
  console.warn(
    `explorer-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}
const SCREENSHOTS = process.env.CITYSCOPE_SCREENSHOT === '1';
const docs = (file: string) => fileURLToPath(new URL(`../../../docs/${file}`, import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KEY = 'explorer-test-key';

let fake: FakeWikipedia;
const servers: Server[] = [];
let base: string;
let lockedBase: string;
let profile: string;
let context: BrowserContext;
const offOrigin: string[] = [];
const consoleErrors: string[] = [];

async function serve(env: Record<string, string>): Promise<string> {
  const handle = createHandler({
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: fake.wikidataUrl, LOG_LEVEL: 'silent', ...env },
  });
  const server = createServer(async (req, res) => sendWebResponse(res, await handle(toWebRequest(req))));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  if (!hasChromium) return;
  // the maps' code and outlines, compiled once before the clock of any test starts
  const { worldOutline } = await import('../src/maps/world.js');
  await Promise.all([
    import('../src/maps/route-map.js'),
    import('../src/maps/hubs-map.js'),
    worldOutline('110m'),
    worldOutline('50m'),
  ]);
  fake = await startFakeWikipedia();
  base = await serve({});
  lockedBase = await serve({ API_KEYS: `tester:${createHash('sha256').update(KEY).digest('hex')}` });
  profile = mkdtempSync(join(tmpdir(), 'cityscope-chromium-'));
  const { chromium } = await import('playwright-core');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: CHROMIUM_ARGS,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith(lockedBase) || url.startsWith('data:')) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await fake?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(path: string, at = base): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    // Chromium reports every 4xx fetch; a 401 is how the locked server asks for the key
    const asked = at === lockedBase && /status of 401/.test(m.text());
    if (m.type() === 'error' && !asked) consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${at}${path}`);
  return page;
}

describe.skipIf(!hasChromium)('the explorer in headless Chromium', () => {
  it('opens /?route=… with the route drawn on a map, every city named', async () => {
    const page = await open('/?route=Toronto,Montreal,Ottawa');
    const map = page.locator('figure.map svg[role="img"]');
    await map.waitFor({ timeout: 30_000 });
    const texts = await map.locator('text').allTextContents();
    for (const city of ['Toronto', 'Montreal', 'Ottawa']) expect(texts).toContain(city);
    expect(await map.locator('title').textContent()).toMatch(/^Route map: Toronto → /);
    expect(await page.locator('#route-q').inputValue()).toBe('Toronto\nMontreal\nOttawa');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Route');
    await page.close();
  }, 60_000);

  it('reads a comma-separated list in the URL whose names keep their own commas written %2C', async () => {
    const page = await open('/?route=Toronto,Washington%2C%20D.C.,Dublin,S%C3%A3o%20Paulo');
    const map = page.locator('#view-route figure.map svg[role="img"]');
    await map.waitFor({ timeout: 30_000 });
    const texts = await map.locator('text').allTextContents();
    for (const city of ['Toronto', 'Washington, D.C.', 'Dublin', 'São Paulo']) expect(texts).toContain(city);
    // and a list written %2C throughout is split at each
    await page.goto(`${base}/?compare=${encodeURIComponent('Toronto,Dublin')}`);
    await page.locator('#view-compare table.compare').waitFor({ timeout: 30_000 });
    expect(await page.locator('#view-compare thead th').allTextContents()).toEqual(['Fact', 'Toronto', 'Dublin']);
    await page.close();
  }, 60_000);

  it('looks up a typed city and shows its facts with their sources', async () => {
    const page = await open('/');
    await page.locator('#city-q').fill('Dublin');
    await page.keyboard.press('Enter');
    const card = page.locator('#view-city output article');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('h3').textContent()).toBe('Dublin');
    expect(await card.locator('table.facts').textContent()).toMatch(/CountryIreland\s*infobox/);
    expect(page.url()).toMatch(/\?city=Dublin$/);
    await page.close();
  }, 60_000);

  it('is usable by keyboard: skip link first, then the views', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Route');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('route-q');
    await page.close();
  }, 60_000);

  it('draws hubs and compares cities from the URL', async () => {
    // a name with a comma: the parameter once per name
    const page = await open('/?hubs=Toronto&hubs=Montreal&hubs=Washington%2C%20D.C.&hubs=Dublin&k=2');
    await page.locator('#view-hubs figure.map svg').waitFor({ timeout: 30_000 });
    expect(await page.locator('#view-hubs .legs li').count()).toBe(2);
    expect(await page.locator('#view-hubs svg text').allTextContents()).toContain('Washington, D.C.');
    await page.goto(`${base}/?compare=Toronto,Dublin`);
    await page.locator('#view-compare table.compare').waitFor({ timeout: 30_000 });
    expect(await page.locator('#view-compare thead th').allTextContents()).toEqual(['Fact', 'Toronto', 'Dublin']);
    await page.close();
  }, 60_000);

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    for (const path of ['/?route=Toronto,Montreal,Ottawa', '/?city=Dublin']) {
      const page = await open(path);
      await page.locator('output article, output figure').first().waitFor({ timeout: 30_000 });
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global
        const result = await (globalThis as any).axe.run(document);
        return result.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v: { id: string; nodes: { target: string[] }[] }) =>
              `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
      });
      expect(violations, path).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('asks for an API key when access control is on, keeping it in sessionStorage only', async () => {
    const page = await open('/?city=Dublin', lockedBase);
    await page.locator('#key-panel').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('#key-input').fill(KEY);
    await page.keyboard.press('Enter');
    await page.locator('#view-city output article h3').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length, document.cookie])).toEqual([
      1,
      0,
      '',
    ]);
    await page.close();
    // a route asks twice at once (its map and its JSON): one key form answers both
    const route = await open('/?route=Toronto,Montreal,Ottawa', lockedBase);
    await route.locator('#key-panel').waitFor({ state: 'visible', timeout: 30_000 });
    await route.locator('#key-input').fill(KEY);
    await route.keyboard.press('Enter');
    await route.locator('#view-route figure.map svg[role="img"]').waitFor({ timeout: 30_000 });
    expect(await route.locator('#view-route .legs li').count()).toBe(2);
    await route.close();
  }, 90_000);

  it('renders the SVG answers of /route and /hubs as pictures that are not blank', async () => {
    const page = await open('/');
    const drawn = await page.evaluate(async () => {
      const post = async (path: string, body: unknown) =>
        (
          await fetch(path, {
            method: 'POST',
            headers: { accept: 'image/svg+xml', 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).text();
      const colours = async (svg: string) => {
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await img.decode();
        const canvas = Object.assign(document.createElement('canvas'), { width: 960, height: 600 });
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, 960, 600).data;
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 7)
          seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        return seen.size;
      };
      const route = await post('/route', { cities: ['Toronto', 'Montreal', 'Ottawa', 'Dublin'] });
      const hubs = await post('/hubs', { cities: ['Toronto', 'Montreal', 'Ottawa', 'Dublin'], k: 2 });
      return [await colours(route), await colours(hubs)];
    });
    for (const n of drawn) expect(n).toBeGreaterThan(20);
    await page.close();
  }, 60_000);

  it.runIf(SCREENSHOTS)(
    "takes the README's screenshots",
    async () => {
      const page = await open(
        '/?hubs=Toronto,Montreal,Ottawa,Quebec City,Boston,New York City,London,Manchester,Dublin,Rio de Janeiro,São Paulo&k=3',
      );
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.locator('#view-hubs figure.map svg').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: docs('explorer.png'), fullPage: true });
      await page.goto(
        `${base}/?route=Toronto,New York City,Rio de Janeiro,São Paulo,Dublin,Manchester,London,Montreal&round=1`,
      );
      await page.locator('#view-route figure.map svg').waitFor({ timeout: 30_000 });
      await page.locator('#view-route figure.map').screenshot({ path: docs('route-map.png') });
      await page.close();
    },
    60_000,
  );

  it('sent nothing to another origin and logged no console error', () => {
    expect(offOrigin).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
