#!/usr/bin/env node
// Prints the notes of one version from CHANGELOG.md (its `## [x.y.z]` section, without the
// heading), for the GitHub release: `node scripts/release-notes.mjs 0.1.0`. Exits 1 when the
// changelog has no such section, so a release never goes out without notes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The body of `## [version]` in a Keep a Changelog file, or null. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`));
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^## /.test(l) || /^\[[^\]]+\]: /.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  return body || null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = (process.argv[2] ?? '').replace(/^v/, '');
  const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
  const notes = version ? releaseNotes(changelog, version) : null;
  if (!notes) {
    process.stderr.write(`CHANGELOG.md has no "## [${version}]" section with notes\n`);
    process.exit(1);
  }
  process.stdout.write(`${notes}\n`);
}
