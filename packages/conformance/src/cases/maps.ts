import { expect } from 'vitest';
import { type Case, JSON_BODY } from '../types.js';

/** POST /route and /hubs as SVG maps (content negotiation), and the explorer at / with its assets. */
const ROUTE_BODY = JSON.stringify({ cities: ['Toronto', 'Montreal', 'Ottawa', 'Dublin'], start: 'Toronto' });
const HUBS_BODY = JSON.stringify({ cities: ['Toronto', 'Montreal', 'Ottawa', 'Dublin'], k: 2 });
const SVG = { ...JSON_BODY, accept: 'image/svg+xml' };

/** One well-formed-looking <svg> root, accessible, naming each city in a real <text>. */
function expectMap(svg: string, title: RegExp, cities: string[]): void {
  expect(svg.match(/<svg[\s>]/g)).toHaveLength(1);
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(/<title id="map-title">([^<]+)<\/title>/.exec(svg)?.[1]).toMatch(title);
  for (const city of cities) expect(svg).toContain(`>${city}</text>`);
  expect(Buffer.byteLength(svg)).toBeLessThan(150 * 1024);
}

export const MAPS_CASES: Case[] = [
  {
    name: 'route: an SVG map when Accept prefers image/svg+xml',
    request: { method: 'POST', path: '/route', headers: SVG, body: ROUTE_BODY },
    status: 200,
    type: 'svg',
    headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store', vary: /Accept/ },
    check: (svg: string) => expectMap(svg, /^Route map: Toronto → /, ['Toronto', 'Montreal', 'Ottawa', 'Dublin']),
  },
  {
    name: 'route: JSON when Accept prefers it (q-values)',
    request: {
      method: 'POST',
      path: '/route',
      headers: { ...JSON_BODY, accept: 'image/svg+xml;q=0.5, application/json' },
      body: ROUTE_BODY,
    },
    status: 200,
    type: 'json',
    headers: { vary: /Accept/ },
    json: { algorithm: 'exact', unresolved: [] },
  },
  {
    name: 'route: errors stay problem+json when a map is asked for',
    request: { method: 'POST', path: '/route', headers: SVG, body: JSON.stringify({ cities: ['Toronto'] }) },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  {
    name: 'hubs: an SVG map with a legend',
    request: { method: 'POST', path: '/hubs', headers: { ...JSON_BODY, accept: 'image/*' }, body: HUBS_BODY },
    status: 200,
    type: 'svg',
    headers: { 'content-type': 'image/svg+xml; charset=utf-8' },
    check: (svg: string) => {
      expectMap(svg, /^Hubs map: /, ['Toronto', 'Montreal', 'Ottawa', 'Dublin']);
      expect(svg.match(/<text[^>]*>\d\. [^<]+: \d+ cit(y|ies), within [^<]+<\/text>/g)).toHaveLength(2);
    },
  },
  {
    name: 'explorer: the page at /',
    request: { method: 'GET', path: '/?route=Toronto,Montreal,Ottawa' },
    status: 200,
    type: 'html',
    headers: {
      'cache-control': 'public, max-age=300',
      'content-security-policy': /^default-src 'none'; script-src 'self';.*frame-ancestors 'none'$/,
    },
    check: (page: string) => {
      // its script and style sheet are same-origin assets at versioned URLs; nothing inline
      expect(page).toMatch(/<script type="module" src="assets\/explorer\.js\?v=[0-9a-f]{12}"><\/script>/);
      expect(page).toMatch(/<link rel="stylesheet" href="assets\/explorer\.css\?v=[0-9a-f]{12}">/);
      expect(page).not.toMatch(/<script>|<style|style="|(src|href)="(https?:)?\/\//);
    },
  },
  {
    name: 'explorer: its script, cached for a year',
    request: { method: 'GET', path: '/assets/explorer.js?v=1' },
    status: 200,
    type: 'javascript',
    headers: { 'cache-control': 'public, max-age=31536000, immutable', 'content-security-policy': null },
    check: (js: string) => expect(js).toContain('image/svg+xml'),
  },
  {
    name: 'explorer: its style sheet, cached for a year',
    request: { method: 'GET', path: '/assets/explorer.css?v=1' },
    status: 200,
    type: 'css',
    headers: { 'cache-control': 'public, max-age=31536000, immutable' },
    check: (css: string) => expect(css).toContain('.map svg'),
  },
];
