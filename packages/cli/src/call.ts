import {
  createHandler,
  createLogger,
  type HandlerOptions,
  type LogLevel,
  loadConfig,
  warnContactOnce,
} from '@cityscope/core';
import type { Call, Io } from './commands.js';
import { startProgress } from './progress.js';

/** A setting the environment gives a value the API refuses (exit 78, EX_CONFIG). */
export class SettingError extends Error {}

/** The problem of an API answer, as much of it as the command line shows. */
interface Problem {
  code?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  candidates?: string[];
}

/** What `call` needs beyond the request: the command's name, its options, and --json. */
export interface CallContext {
  command: string;
  options: Set<string>;
  json: boolean;
  /** For the progress line: `compare: 20 cities`. */
  label: string;
}

function handlerFor(io: Io, extra: Pick<HandlerOptions, 'fetch'>, upstream: boolean) {
  try {
    const config = loadConfig(io.env);
    // the warning matters only to a command that asks Wikimedia something
    if (upstream) warnContactOnce(config.contact, (m) => io.err(`cityscope: ${m}\n`));
    // one-shot commands log only when asked, and to stderr, so stdout stays clean for pipes
    const level = ((io.env.LOG_LEVEL ?? '').trim().toLowerCase() || 'silent') as LogLevel;
    return createHandler({
      ...extra,
      platform: 'node',
      env: io.env,
      logger: createLogger(level, (l) => io.err(`${l}\n`)),
    });
  } catch (err) {
    throw new SettingError((err as Error).message);
  }
}

/** Text for a problem: the detail, the fields at fault (as options where they are), candidates. */
function problemText(p: Problem, status: number, c: CallContext): string {
  if (p.code === 'invalid_request') {
    const lines = p.errors?.length
      ? p.errors.map((e) => `cityscope: ${c.options.has(e.path) ? `--${e.path}` : e.path}: ${e.message}`)
      : [`cityscope: ${p.detail ?? 'invalid request'}`];
    return `${lines.join('\n')}\n(cityscope ${c.command} --help lists its options)\n`;
  }
  let text = `cityscope: ${p.detail ?? `HTTP ${status}`}\n`;
  if (p.candidates?.length) text += `Did you mean: ${p.candidates.slice(0, 10).join('; ')}\n`;
  return text;
}

/**
 * Runs one request through core in-process and prints the answer. A problem goes to stderr as
 * text, or to stdout as the problem document with --json; the exit status says which kind.
 */
export async function call(io: Io, req: Call, c: CallContext): Promise<number> {
  const progress = startProgress({
    label: c.label,
    write: io.err,
    tty: Boolean(io.errIsTTY),
    noColor: (io.env.NO_COLOR ?? '') !== '',
  });
  let res: Response;
  let body: unknown;
  try {
    const handle = handlerFor(io, { fetch: progress.fetch }, !/^\/(health|openapi\.json)\b/.test(req.path));
    const headers: Record<string, string> = req.accept ? { accept: req.accept } : {};
    const init: RequestInit = { method: req.method ?? 'GET', headers };
    if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    res = await handle(new Request(`http://cityscope.local${req.path}`, init));
    // another media type (an SVG map) is text; a failure is always problem+json
    body = res.ok && req.accept ? await res.text() : await res.json();
  } finally {
    progress.stop();
  }
  if (res.ok) {
    io.out(req.print(body));
    return 0;
  }
  const p = body as Problem;
  if (c.json) io.out(`${JSON.stringify(body, null, 2)}\n`);
  else io.err(problemText(p, res.status, c));
  // the request was built from the command line, so an invalid one is a usage mistake
  if (p.code === 'invalid_request') return 64;
  return res.status >= 500 ? 2 : 1;
}
