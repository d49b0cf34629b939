import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Preset } from '@cityscope/core/preset';

/**
 * Azure Functions (v4 programming model). `@azure/functions` is bundled; the worker
 * provides `@azure/functions-core`. dist/ is a Function App root (`func start` runs there).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const preset: Preset = {
  platform: 'azure',
  build: {
    entry: here('./src/index.ts'),
    outfile: here('./dist/index.mjs'),
    external: ['@azure/functions-core'],
    extras({ outdir, version }) {
      copyFileSync(here('./host.json'), join(outdir, 'host.json'));
      writeFileSync(
        join(outdir, 'package.json'),
        json({ name: 'cityscope-azure', version, private: true, type: 'module', main: 'index.mjs' }),
      );
      writeFileSync(join(outdir, '.funcignore'), 'local.settings.json\n*.map\n');
      // for `func start` in this folder (Azure Functions Core Tools)
      writeFileSync(
        join(outdir, 'local.settings.json'),
        json({ IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node', AzureWebJobsStorage: '' } }),
      );
    },
  },
  emulator: {
    label: 'Azure Functions  (development host*)',
    defaultPort: 7071,
    footnote:
      '* not the Azure runtime: with Azure Functions Core Tools installed, run `func start` in functions/azure/dist.',
    command: ({ root, port, env }) => ({
      command: join(root, 'node_modules/.bin/tsx'),
      args: ['src/dev-host.ts', '--port', String(port)],
      cwd: join(root, 'functions/azure'),
      env,
    }),
  },
  async inProcess() {
    const { handler } = await import('./src/index.js');
    const { default: azure } = await import('@azure/functions');
    return {
      name: 'azure',
      async send(req) {
        const request = new azure.HttpRequest({
          method: req.method,
          url: `http://localhost:7071${req.path}`,
          // Azure's front end reports the caller as X-Forwarded-For, address and port
          headers: { ...req.headers, ...(req.client ? { 'x-forwarded-for': `${req.client}:50123` } : {}) },
          ...(req.body === undefined ? {} : { body: { string: req.body } }),
        });
        const context = new azure.InvocationContext({ functionName: 'cityscope', invocationId: crypto.randomUUID() });
        const response = new azure.HttpResponse(await handler(request, context));
        const headers = new Headers();
        response.headers.forEach((value, name) => {
          headers.append(name, value);
        });
        return {
          status: response.status,
          headers,
          body: await response.text(),
        };
      },
      close: async () => {},
    };
  },
};
export default preset;
