import { existsSync } from 'node:fs';
import { PLATFORMS } from '@cityscope/core';
import { describe, expect, it } from 'vitest';
import { cloudFolders, loadPresets } from '../src/index.js';

/** Adding a cloud is its folder under functions/ with a preset.ts, and its name in PLATFORMS. */
describe('the targets', () => {
  it('are every cloud folder and the Node server, one preset each, in PLATFORMS order', async () => {
    expect(cloudFolders()).toEqual(PLATFORMS.filter((p) => p !== 'node').sort());
    expect((await loadPresets()).map((p) => p.platform)).toEqual([...PLATFORMS]);
  });

  it('each have an entry that exists and an .mjs bundle', async () => {
    for (const preset of await loadPresets()) {
      expect(existsSync(preset.build.entry), preset.build.entry).toBe(true);
      expect(preset.build.outfile).toMatch(/\.mjs$/);
    }
  });

  it('refuse a name that is not a platform', async () => {
    await expect(loadPresets(['nowhere'])).rejects.toThrow(/No such target: nowhere/);
  });
});
