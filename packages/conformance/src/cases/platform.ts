import { expect } from 'vitest';
import { type Case, JSON_BODY } from '../types.js';

/** Health, request ids, CORS, routing and the OpenAPI document. */
export const PLATFORM_CASES: Case[] = [
  // GET /health
  {
    name: 'health',
    request: { method: 'GET', path: '/health' },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    check: (b, _e, runtime) => {
      expect(b).toEqual({ status: 'ok', service: 'cityscope', version: expect.any(String), platform: runtime });
    },
  },
  { name: 'HEAD health has no body', request: { method: 'HEAD', path: '/health' }, status: 200, type: 'none' },
  {
    name: 'Server-Timing on every answer, exposed by CORS',
    request: {
      method: 'GET',
      path: '/health',
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    },
    status: 200,
    type: 'json',
    headers: {
      'server-timing': /^total;dur=\d+(\.\d+)?, upstream;dur=\d+(\.\d+)?;desc="0 requests"$/,
      'access-control-expose-headers': /server-timing/,
    },
  },
  {
    name: 'Server-Timing on an error answer',
    request: { method: 'GET', path: '/nowhere' },
    status: 404,
    type: 'problem',
    code: 'not_found',
    headers: { 'server-timing': /^total;dur=\d+(\.\d+)?, upstream;dur=/ },
  },
  {
    name: 'x-request-id is echoed',
    request: { method: 'GET', path: '/health', headers: { 'x-request-id': 'conformance-req-42' } },
    status: 200,
    type: 'json',
    headers: { 'x-request-id': 'conformance-req-42' },
  },
  {
    name: 'an unsafe x-request-id is replaced',
    request: { method: 'GET', path: '/health', headers: { 'x-request-id': 'bad id <script>' } },
    status: 200,
    type: 'json',
    check: (_b, e) => {
      expect(e.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:@+=/-]{1,128}$/);
    },
  },
  {
    name: 'CORS preflight',
    request: {
      method: 'OPTIONS',
      path: '/cities/Toronto',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-request-id',
      },
    },
    status: 204,
    type: 'none',
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': /GET/,
      'access-control-allow-headers': /x-request-id/,
    },
  },
  // routing
  {
    name: 'unknown route',
    request: { method: 'GET', path: '/nowhere' },
    status: 404,
    type: 'problem',
    code: 'not_found',
  },
  {
    name: 'a doubled slash is part of the path, not a host',
    request: { method: 'GET', path: '//health' },
    status: 404,
    type: 'problem',
    code: 'not_found',
    json: { instance: '//health' },
  },
  {
    name: 'a trailing slash is ignored',
    request: { method: 'GET', path: '/health/' },
    status: 200,
    type: 'json',
  },
  {
    name: '405 with Allow',
    request: { method: 'DELETE', path: '/cities/Toronto' },
    status: 405,
    type: 'problem',
    code: 'method_not_allowed',
    headers: { allow: 'GET, HEAD' },
  },
  {
    name: '405 for POST on a GET route',
    request: { method: 'POST', path: '/health', headers: JSON_BODY, body: '{}' },
    status: 405,
    type: 'problem',
    code: 'method_not_allowed',
    headers: { allow: 'GET, HEAD' },
  },
  // GET /openapi.json
  {
    name: 'openapi',
    request: { method: 'GET', path: '/openapi.json' },
    status: 200,
    type: 'json',
    check: (b) => {
      expect(b.openapi).toBe('3.1.0');
      for (const p of ['/health', '/cities/{name}', '/compare', '/distance', '/route', '/hubs', '/analyze', '/parse'])
        expect(b.paths[p]).toBeDefined();
    },
  },
  // GET /docs
  {
    name: 'docs: the interactive reference page',
    request: { method: 'GET', path: '/docs' },
    status: 200,
    type: 'html',
    headers: {
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        /^default-src 'none'; script-src 'self' https:\/\/\S+ 'sha256-[A-Za-z0-9+/=]+';.*frame-ancestors 'none'$/,
      'x-frame-options': 'DENY',
    },
    check: (page: string) => {
      // the viewer comes from a pinned CDN URL with its integrity; the page itself stays small
      expect(page).toMatch(/<script src="https:\/\/[^"]+@\d+\.\d+\.\d+\/[^"]+" integrity="sha384-[^"]+"/);
      expect(page).toContain('/openapi.json');
      expect(page.length).toBeLessThan(2000);
    },
  },
];
