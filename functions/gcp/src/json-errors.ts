import { createRequire } from 'node:module';
import type { Request, Response } from '@google-cloud/functions-framework';

/**
 * The Functions Framework parses JSON bodies before the function runs and answers
 * malformed JSON itself, with an HTML 400. The API answers every bad body with
 * problem+json, so a JSON syntax error is handed to the function instead: the
 * Framework's `verify` hook has already saved the bytes in `rawBody`, from which
 * core reports the error. The patch must be in place before the Framework builds
 * its server.
 *
 * body-parser costs about 200 ms to load on this machine, so it is never loaded
 * here. Under the Framework's own command (production, the emulator) it is already
 * loaded when this module runs, and is patched at once. Otherwise (a test server, a
 * bench importing the bundle first) it is patched the moment Node loads it: a
 * one-shot hook on its entry in the CommonJS module cache.
 */
type Middleware = (req: Request, res: Response, next: (err?: unknown) => void) => void;
type BodyParser = { json: (options?: unknown) => Middleware; __cityscopeJsonErrors?: true };
type CjsModule = { exports: unknown; load: (filename: string) => void };

function patch(bodyParser: BodyParser): void {
  if (bodyParser.__cityscopeJsonErrors) return;
  const json = bodyParser.json;
  bodyParser.json = (options?: unknown) => {
    const parse = json(options);
    return (req, res, next) =>
      parse(req, res, (err?: unknown) => {
        if ((err as { type?: string } | undefined)?.type === 'entity.parse.failed') {
          req.body = undefined;
          return next();
        }
        next(err);
      });
  };
  bodyParser.__cityscopeJsonErrors = true;
}

const fromFramework = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
const path = fromFramework.resolve('body-parser');
const cache = fromFramework.cache as Record<string, CjsModule | undefined>;
const loaded = cache[path];

if (loaded) patch(loaded.exports as BodyParser);
else {
  // Node puts a module in the cache, then loads it: wrap that one load, then step aside
  Object.defineProperty(cache, path, {
    configurable: true,
    enumerable: true,
    set(mod: CjsModule) {
      Object.defineProperty(cache, path, { value: mod, writable: true, configurable: true, enumerable: true });
      const load = mod.load;
      mod.load = function (this: CjsModule, filename: string) {
        load.call(this, filename);
        patch(this.exports as BodyParser);
      };
    },
    get: () => undefined,
  });
}
