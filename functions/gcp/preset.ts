import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchExchange, type Preset } from '@cityscope/core/preset';

/**
 * Google Cloud Functions (2nd gen) on the Functions Framework. The Framework is the
 * host, not part of the bundle: the platform installs it from dist/package.json.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const FRAMEWORK = '@google-cloud/functions-framework';

const preset: Preset = {
  platform: 'gcp',
  build: {
    entry: here('./src/index.ts'),
    outfile: here('./dist/index.mjs'),
    external: [FRAMEWORK],
    extras({ outdir, version }) {
      const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8'));
      const manifest = {
        name: 'cityscope-gcp',
        version,
        private: true,
        type: 'module',
        main: 'index.mjs',
        engines: { node: '>=20' },
        dependencies: { [FRAMEWORK]: pkg.dependencies[FRAMEWORK] },
      };
      writeFileSync(join(outdir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  },
  emulator: {
    label: 'Google Cloud     (Functions Framework)',
    defaultPort: 8080,
    command: ({ root, port, env }) => ({
      command: join(root, 'functions/gcp/node_modules/.bin/functions-framework'),
      args: ['--target=cityscope', '--source=dist', `--port=${port}`],
      cwd: join(root, 'functions/gcp'),
      env,
    }),
  },
  async inProcess() {
    await import('./src/index.js');
    const { getTestServer } = await import('@google-cloud/functions-framework/testing');
    const server: Server = getTestServer('cityscope');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      name: 'gcp',
      send: (req) => fetchExchange(base, req),
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  },
};
export default preset;
