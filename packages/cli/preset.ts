import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Preset } from '@cityscope/core/preset';
import { readExample } from './src/settings.js';

/**
 * The plain Node server: the `cityscope` command, whose `serve` is what a container
 * runs. It has no emulator; `cityscope serve` is the real thing.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const preset: Preset = {
  platform: 'node',
  build: {
    entry: here('./src/bin.ts'),
    outfile: here('./dist/cityscope.mjs'),
    external: [],
    // the settings of .env.example, for the usage text of a bundle that has no repository beside it
    define: {
      __CITYSCOPE_SETTINGS__: JSON.stringify(readExample(readFileSync(here('../../.env.example'), 'utf8'))),
    },
  },
  async inProcess() {
    const { createHandler } = await import('@cityscope/core');
    const handle = createHandler({ platform: 'node' });
    return {
      name: 'node',
      async send(req) {
        const res = await handle(
          new Request(`http://localhost${req.path}`, { method: req.method, headers: req.headers, body: req.body }),
          req.client ? { clientAddress: req.client } : undefined,
        );
        return { status: res.status, headers: res.headers, body: await res.text() };
      },
      close: async () => {},
    };
  },
};
export default preset;
