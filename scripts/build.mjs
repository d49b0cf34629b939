#!/usr/bin/env node
// Builds one minified esbuild bundle per target, plus what each platform needs beside it,
// as each target's preset says (@cityscope/targets finds them):
//   functions/aws/dist/{index.mjs,cityscope-aws.zip}   Lambda handler `index.handler`, and the
//                                           artifact that serverless deploys and serverless-offline runs
//   functions/gcp/dist/{index.mjs,package.json}   Functions Framework source folder
//   functions/azure/dist/{index.mjs,host.json,package.json}   Function App root
//   packages/cli/dist/cityscope.mjs         the command and the container's server (target `node`, alias `cli`)
// `node scripts/build.mjs [target…]` builds only the named targets; `--out-dir DIR` (one target)
// writes that target's files to DIR instead (a test's private copy of the command).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

const ALIASES = { cli: 'node' };
const args = process.argv.slice(2);
const outDirAt = args.indexOf('--out-dir');
const outDir = outDirAt >= 0 ? args.splice(outDirAt, 2)[1] : undefined;
const only = args.map((name) => ALIASES[name] ?? name);
/** @type {{ loadPresets: (only: string[]) => Promise<import('@cityscope/core/preset').Preset[]> }} */
const { loadPresets } = await tsImport('@cityscope/targets', import.meta.url);
const presets = await loadPresets(only);
if (outDirAt >= 0 && (!outDir || presets.length !== 1)) {
  console.error('build: --out-dir DIR takes one target, e.g. `node scripts/build.mjs cli --out-dir /tmp/cli`');
  process.exit(64);
}

const results = [];
for (const preset of presets) {
  const { entry, external, extras, define } = preset.build;
  const outfile = outDir ? join(resolve(outDir), basename(preset.build.outfile)) : preset.build.outfile;
  const outdir = dirname(outfile);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const r = await build({
    // Code splitting: what only one route uses (cheerio's tokenizer, the NLP, the facts reader, the
    // schemas of /openapi.json, node:http for /parse) is a chunk imported on that route's first
    // request, not compiled at import. Chunks sit in chunks/ beside the entry, inside the artifact.
    entryPoints: { [basename(outfile, '.mjs')]: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner,
    external,
    define,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await extras?.({ root, outdir, version });
  const outputs = Object.entries(r.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
  const bytes = outputs.find(([f]) => join(root, f) === outfile)?.[1].bytes ?? 0;
  const chunkBytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) - bytes;
  results.push({
    target: preset.platform,
    file: relative(root, outfile),
    bytes,
    chunks: outputs.length - 1,
    chunkBytes,
  });
}
const kib = (n) => `${(n / 1024).toFixed(1).padStart(7)} KiB`;
for (const r of results) {
  console.log(`${r.target.padEnd(6)} ${kib(r.bytes)}  ${r.file}  (+ ${r.chunks} chunks, ${kib(r.chunkBytes).trim()})`);
}
