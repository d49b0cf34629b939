import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWAGGER_UI } from '../src/http/docs-page.js';
import { routes } from '../src/http/routes/index.js';
import { createHandler } from '../src/index.js';
import { sendWebResponse, toWebRequest } from '../src/platform/node.js';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.js';

/**
 * GET /docs in a real headless Chromium (Debian's `chromium` package). The CDN is never
 * reached: its URL is answered from the dev dependency `swagger-ui-dist`, so the
 * Subresource Integrity check runs against the very bytes the hashes were made from.
 * Every other request that is not to the loopback server is refused.
 * CITYSCOPE_SCREENSHOT=1 writes the rendered page to docs/api-reference.png.
 */
if (!hasChromium) {
  console.warn(`docs-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
const screenshot = fileURLToPath(new URL('../../../docs/api-reference.png', import.meta.url));

let server: Server;
let base: string;
let profile: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const handle = createHandler({ env: { LOG_LEVEL: 'silent' } });
  server = createServer(async (req, res) => sendWebResponse(res, await handle(toWebRequest(req))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), 'cityscope-chromium-'));
});
afterAll(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('GET /docs in headless Chromium', () => {
  it('renders every operation of /openapi.json with the pinned viewer', async () => {
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: CHROMIUM_ARGS,
    });
    const refused: string[] = [];
    const served: string[] = [];
    try {
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(base)) return route.continue();
        const file = url.startsWith(SWAGGER_UI.cdn) ? url.slice(SWAGGER_UI.cdn.length) : '';
        if (file in SWAGGER_UI.files) {
          served.push(file);
          return route.fulfill({
            status: 200,
            // as the CDN answers: the crossorigin attribute needs CORS for the integrity check
            headers: { 'access-control-allow-origin': '*' },
            contentType: file.endsWith('.css') ? 'text/css' : 'application/javascript',
            body: readFileSync(join(dist, file)),
          });
        }
        refused.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${base}/docs`);
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a reader sees
      const text = await page.locator('#reference').innerText();
      for (const r of routes) expect(text, r.operationId).toContain(r.summary);
      expect(await page.locator('.opblock').count()).toBe(routes.length);
      expect(served.sort()).toEqual(Object.keys(SWAGGER_UI.files).sort());
      expect(refused).toEqual([]);
      expect(errors).toEqual([]);
      const png = await page.screenshot({ fullPage: false });
      expect(png.length).toBeGreaterThan(10_000);
      if (process.env.CITYSCOPE_SCREENSHOT === '1') writeFileSync(screenshot, png);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('refuses a viewer whose bytes do not match the pinned integrity', async () => {
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(`${profile}-tampered`, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(base)) return route.continue();
        if (url.startsWith(SWAGGER_UI.cdn))
          return route.fulfill({
            status: 200,
            headers: { 'access-control-allow-origin': '*' },
            contentType: 'application/javascript',
            body: 'window.tampered = true;',
          });
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(`${base}/docs`);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { tampered?: boolean }).tampered)).toBeUndefined();
      expect(await page.locator('.opblock').count()).toBe(0);
    } finally {
      await context.close();
      rmSync(`${profile}-tampered`, { recursive: true, force: true });
    }
  }, 60_000);
});
