import { PLATFORMS, type Platform } from '@cityscope/core';
import type { Preset } from '@cityscope/core/preset';

/**
 * Every build target's preset, by platform: the build, `pnpm start` and the conformance
 * suite loop over these. Adding a target: a folder with its adapter and `preset.ts`,
 * its name in PLATFORMS (packages/core/src/config.ts) and one line here; the compiler
 * refuses a platform without a preset. See docs/architecture.md.
 */
export const PRESETS: Record<Platform, () => Promise<{ default: Preset }>> = {
  aws: () => import('../functions/aws/preset.js'),
  gcp: () => import('../functions/gcp/preset.js'),
  azure: () => import('../functions/azure/preset.js'),
  node: () => import('../packages/cli/preset.js'),
};

/** The presets of the given platforms (all when none are given), in PLATFORMS order. */
export async function loadPresets(only: readonly string[] = []): Promise<Preset[]> {
  const unknown = only.filter((name) => !(PLATFORMS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`No such target: ${unknown.join(', ')} (targets: ${PLATFORMS.join(', ')})`);
  const chosen = PLATFORMS.filter((p) => only.length === 0 || only.includes(p));
  return Promise.all(chosen.map(async (p) => (await PRESETS[p]()).default));
}
