import { readFileSync } from 'node:fs';

/** One setting: its name, its default as .env.example writes it (empty: none, or computed), and what it is. */
export interface Setting {
  name: string;
  value: string;
  comment: string;
}

/** Each `NAME=value` line of a .env example, with the `# comment` line right above it. */
export function readExample(text: string): Setting[] {
  const lines = text.split('\n');
  const settings: Setting[] = [];
  lines.forEach((line, i) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) return;
    const above = lines[i - 1] ?? '';
    settings.push({
      name: m[1] as string,
      value: m[2] as string,
      comment: above.startsWith('# ') ? above.slice(2) : '',
    });
  });
  return settings;
}

/** The bundle's copy of .env.example's settings, written in by the build (packages/cli/preset.ts). */
declare const __CITYSCOPE_SETTINGS__: readonly Setting[] | undefined;

/**
 * Every setting, for the usage text and `cityscope help settings`: read from the repository's
 * .env.example (which packages/infra-tests keeps equal to docs/api.md's table), so the command
 * cannot list other settings than the ones documented. The bundle carries the list the build read.
 */
export function settings(): readonly Setting[] {
  if (typeof __CITYSCOPE_SETTINGS__ !== 'undefined') return __CITYSCOPE_SETTINGS__;
  return readExample(readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8'));
}
