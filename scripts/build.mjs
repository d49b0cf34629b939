#!/usr/bin/env node
// Builds one minified esbuild bundle per runtime, plus what each cloud needs beside it.
//   functions/aws/dist/{index.mjs,cityscope-aws.zip}   Lambda handler `index.handler`, and the
//                                           artifact that serverless deploys and serverless-offline runs
//   functions/gcp/dist/{index.mjs,package.json}   Functions Framework source folder
//   functions/azure/dist/{index.mjs,host.json,package.json}   Function App root
//   packages/cli/dist/cityscope.mjs         the command and the container's server
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

const targets = [
  { name: 'aws', entry: 'functions/aws/src/index.ts', out: 'functions/aws/dist/index.mjs', external: [] },
  {
    name: 'gcp',
    entry: 'functions/gcp/src/index.ts',
    out: 'functions/gcp/dist/index.mjs',
    // the Functions Framework is the host: the platform installs it from dist/package.json
    external: ['@google-cloud/functions-framework'],
  },
  {
    name: 'azure',
    entry: 'functions/azure/src/index.ts',
    out: 'functions/azure/dist/index.mjs',
    // provided by the Azure Functions worker at run time
    external: ['@azure/functions-core'],
  },
  { name: 'cli', entry: 'packages/cli/src/bin.ts', out: 'packages/cli/dist/cityscope.mjs', external: [] },
];

const only = process.argv.slice(2);
const results = [];
for (const t of targets.filter((x) => only.length === 0 || only.includes(x.name))) {
  const outdir = join(root, dirname(t.out));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const r = await build({
    entryPoints: [join(root, t.entry)],
    outfile: join(root, t.out),
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner,
    external: t.external,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const bytes = Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  results.push({ target: t.name, file: t.out, bytes });
  if (t.name === 'aws') {
    const zip = zipSync({ 'index.mjs': readFileSync(join(root, t.out)) }, { level: 9, mtime: new Date('2020-01-01') });
    writeFileSync(join(outdir, 'cityscope-aws.zip'), zip);
  }
  if (t.name === 'gcp') {
    const gcpPkg = JSON.parse(readFileSync(join(root, 'functions/gcp/package.json'), 'utf8'));
    writeFileSync(
      join(outdir, 'package.json'),
      `${JSON.stringify(
        {
          name: 'cityscope-gcp',
          version,
          private: true,
          type: 'module',
          main: 'index.mjs',
          engines: { node: '>=20' },
          dependencies: {
            '@google-cloud/functions-framework': gcpPkg.dependencies['@google-cloud/functions-framework'],
          },
        },
        null,
        2,
      )}\n`,
    );
  }
  if (t.name === 'azure') {
    copyFileSync(join(root, 'functions/azure/host.json'), join(outdir, 'host.json'));
    writeFileSync(
      join(outdir, 'package.json'),
      `${JSON.stringify({ name: 'cityscope-azure', version, private: true, type: 'module', main: 'index.mjs' }, null, 2)}\n`,
    );
    writeFileSync(join(outdir, '.funcignore'), 'local.settings.json\n*.map\n');
    // for `func start` in this folder (Azure Functions Core Tools)
    writeFileSync(
      join(outdir, 'local.settings.json'),
      `${JSON.stringify({ IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node', AzureWebJobsStorage: '' } }, null, 2)}\n`,
    );
  }
}
for (const r of results) console.log(`${r.target.padEnd(6)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB  ${r.file}`);
