import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { explorerAssets, GENERATED } from '../../../scripts/explorer-assets.js';
import { ASSETS } from '../src/explorer/assets.generated.js';
import { EXPLORER_PAGE } from '../src/explorer/page.js';
import { openApiDocument } from '../src/http/openapi.js';
import { routes } from '../src/http/routes/index.js';

describe('the explorer', () => {
  it('serves the assets built from its current sources (pnpm build:explorer)', async () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(await explorerAssets());
  });

  it('is small: page, script and style sheet at most 60 KB gzipped together', () => {
    const bytes = [EXPLORER_PAGE, ASSETS['explorer.js'].body, ASSETS['explorer.css'].body]
      .map((t) => gzipSync(t, { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
  });

  it('links each asset by its content hash, and loads nothing from another origin', () => {
    for (const [name, asset] of Object.entries(ASSETS))
      expect(EXPLORER_PAGE).toContain(`assets/${name}?v=${asset.version}`);
    expect(EXPLORER_PAGE).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(ASSETS['explorer.js'].body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('OpenAPI', () => {
  it('declares the SVG answer of /route and /hubs beside JSON, and the open explorer routes', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the generated document, read path by path
    const doc = (await openApiDocument(routes, '0.0.0')) as any;
    for (const path of ['/route', '/hubs']) {
      const content = doc.paths[path].post.responses['200'].content;
      expect(Object.keys(content)).toEqual(['application/json', 'image/svg+xml']);
    }
    expect(Object.keys(doc.paths['/'].get.responses['200'].content)).toEqual(['text/html']);
    expect(doc.paths['/'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/assets/explorer.js'].get.responses['200'].content)).toEqual(['text/javascript']);
  });
});
