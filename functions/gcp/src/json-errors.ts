import { createRequire } from 'node:module';
import type { Request, Response } from '@google-cloud/functions-framework';

/**
 * The Functions Framework parses JSON bodies before the function runs and answers
 * malformed JSON itself, with an HTML 400. The API answers every bad body with
 * problem+json, so a JSON syntax error is handed to the function instead: the
 * Framework's `verify` hook has already saved the bytes in `rawBody`, from which
 * core reports the error. Imported before the Framework builds its server.
 */
type Middleware = (req: Request, res: Response, next: (err?: unknown) => void) => void;
type BodyParser = { json: (options?: unknown) => Middleware; __cityscopeJsonErrors?: true };

const fromFramework = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
const bodyParser = fromFramework('body-parser') as BodyParser;

if (!bodyParser.__cityscopeJsonErrors) {
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
