import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLATFORMS, type Platform } from '@cityscope/core';
import type { Preset } from '@cityscope/core/preset';

/**
 * Every build target's preset. A cloud is a workspace package `functions/<platform>/`
 * with a `preset.ts` at its root, and the plain Node server is `packages/cli/preset.ts`;
 * each platform is named in PLATFORMS (packages/core/src/config.ts). Adding a cloud is
 * its folder and that name: nothing here lists clouds. The build, `pnpm start`,
 * `pnpm bench` and the conformance suite loop over these. See docs/architecture.md.
 */

/** The repository root: this package sits at packages/targets. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where a platform's preset is: `functions/<platform>/preset.ts`; the Node server's is the CLI's. */
export function presetFile(platform: Platform, root: string = ROOT): string {
  return platform === 'node' ? join(root, 'packages/cli/preset.ts') : join(root, 'functions', platform, 'preset.ts');
}

/** The cloud folders under functions/ (each must be a platform with a preset). */
export function cloudFolders(root: string = ROOT): string[] {
  const dir = join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

/** One platform's preset, imported on demand (a build of one target loads no other). */
export async function loadPreset(platform: Platform): Promise<Preset> {
  const file = presetFile(platform);
  if (!existsSync(file)) throw new Error(`No preset for ${platform}: ${file} is missing`);
  const preset = ((await import(pathToFileURL(file).href)) as { default: Preset }).default;
  if (preset.platform !== platform) throw new Error(`${file} is for "${preset.platform}", not "${platform}"`);
  return preset;
}

/** The presets of the given platforms (all when none are given), in PLATFORMS order. */
export async function loadPresets(only: readonly string[] = []): Promise<Preset[]> {
  const unknown = only.filter((name) => !(PLATFORMS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`No such target: ${unknown.join(', ')} (targets: ${PLATFORMS.join(', ')})`);
  return Promise.all(PLATFORMS.filter((p) => only.length === 0 || only.includes(p)).map(loadPreset));
}
