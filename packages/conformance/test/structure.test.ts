import { existsSync } from 'node:fs';
import { PLATFORMS } from '@cityscope/core';
import { routeOf, routes } from '@cityscope/core/routes';
import { loadPreset, loadPresets } from '@cityscope/targets';
import { describe, expect, it } from 'vitest';
import { CASES, RUNTIMES } from '../src/cases.js';

/**
 * What "add a route" and "add a target" must not forget (docs/architecture.md): these
 * fail until the new route has a conformance case and the new target a complete preset.
 */
describe('every route', () => {
  for (const route of routes) {
    it(`${route.method} ${route.path} is reached by a conformance case that answers 200`, () => {
      const reaching = CASES.filter(
        (c) =>
          c.status === 200 && routeOf(c.request.method, new URL(`http://x${c.request.path}`).pathname).route === route,
      );
      expect(reaching.map((c) => c.name).length, `add a case for ${route.operationId}`).toBeGreaterThan(0);
    });
  }

  it('has a unique operationId and a response schema', async () => {
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    for (const r of routes) expect(await r.response(), r.operationId).toBeDefined();
  });
});

describe('every target', () => {
  it('runs in the suite', () => expect([...RUNTIMES]).toEqual([...PLATFORMS]));

  for (const platform of PLATFORMS) {
    it(`${platform} has a preset for itself, with an entry that exists`, async () => {
      const preset = await loadPreset(platform);
      expect(preset.platform).toBe(platform);
      expect(existsSync(preset.build.entry), preset.build.entry).toBe(true);
      expect(preset.build.outfile).toMatch(/\.mjs$/);
    });
  }

  it('has its own emulator port', async () => {
    const ports = (await loadPresets()).flatMap((preset) => (preset.emulator ? [preset.emulator.defaultPort] : []));
    expect(new Set(ports).size).toBe(ports.length);
  });
});
