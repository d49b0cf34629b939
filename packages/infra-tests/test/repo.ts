import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export const read = (path: string) => readFileSync(join(root, path), 'utf8');

/**
 * The settings every runtime reads (packages/core/src/config.ts, the one place they are read):
 * each cloud's definition must pass every one of them.
 */
export function coreSettings(): string[] {
  const names = new Set<string>();
  // config.ts, and the access settings it reads through access/settings.ts (TRUST_PROXY, read by name, is the Node server's alone)
  for (const file of ['packages/core/src/config.ts', 'packages/core/src/access/settings.ts']) {
    for (const m of read(file).matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1] as string);
  }
  return [...names].sort();
}

/** The esbuild targets of scripts/build.mjs: { name, entry, out }. */
export function buildTargets(): Array<{ name: string; entry: string; out: string }> {
  const text = read('scripts/build.mjs');
  return [...text.matchAll(/name: '([a-z]+)',\s*entry: '([^']+)',\s*out: '([^']+)'/g)].map((m) => ({
    name: m[1] as string,
    entry: m[2] as string,
    out: m[3] as string,
  }));
}

/** The Node major every deploy target runs (the Dockerfile's base image is the reference). */
export function deployedNodeMajor(): number {
  const m = /^FROM node:(\d+)/m.exec(read('Dockerfile'));
  if (!m) throw new Error('no "FROM node:<major>" in the Dockerfile');
  return Number(m[1]);
}

/**
 * The resource providers of infra/azure/main.bicep's resource types, as infra/azure/preflight.sh
 * derives them (Microsoft.Authorization is registered in every subscription).
 */
export function bicepProviders(): string[] {
  const types = read('infra/azure/main.bicep').matchAll(/^resource \w+ '(Microsoft\.[A-Za-z]+)\//gm);
  return [...new Set([...types].map((m) => m[1] as string))].filter((ns) => ns !== 'Microsoft.Authorization').sort();
}
