import { parseArgs } from 'node:util';
import { createHandler, createLogger, type LogLevel } from '@cityscope/core';
import { formatCity } from './format.js';
import { serve } from './serve.js';

const USAGE = `Usage: cityscope <command> [options]

Commands:
  serve [--port 8787] [--host 127.0.0.1]       Serve the HTTP API (also what a container runs)
  city <name> [--lang en] [--sentences 3] [--json]
                                               Facts, summary, keywords and sentiment of a city (GET /cities/{name})
  health [--json]                              GET /health
  openapi                                      Print the OpenAPI document (GET /openapi.json)

Settings come from the environment: WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, CORS_ORIGINS, LOG_LEVEL.
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};

/** Runs one request through core in-process; prints the answer or the problem's detail. */
async function call(io: Io, path: string, print: (body: unknown) => string): Promise<number> {
  // one-shot commands log only problems, and to stderr, so stdout stays clean for pipes
  const level = (io.env.LOG_LEVEL as LogLevel | undefined) ?? 'silent';
  const handle = createHandler({
    platform: 'node',
    env: io.env,
    logger: createLogger(level, (line) => io.err(`${line}\n`)),
  });
  const res = await handle(new Request(`http://cityscope.local${path}`));
  const body = await res.json();
  if (!res.ok) {
    const p = body as { detail?: string; errors?: Array<{ path: string; message: string }>; candidates?: string[] };
    let text = `cityscope: ${p.detail ?? `HTTP ${res.status}`}\n`;
    if (p.candidates?.length) text += `Did you mean: ${p.candidates.slice(0, 10).join('; ')}\n`;
    io.err(text);
    return res.status >= 500 ? 2 : 1;
  }
  io.out(print(body));
  return 0;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  const json = (b: unknown) => `${JSON.stringify(b, null, 2)}\n`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        lang: { type: 'string' },
        sentences: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`cityscope: ${(err as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (!command || command === 'help' || command === '--help' || command === '-h' || values.help) {
    io.out(USAGE);
    return command ? 0 : 64;
  }
  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? io.env.PORT ?? 8787);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`cityscope: --port must be a port number, not ${values.port}\n`);
        return 64;
      }
      const server = await serve({ port, host: String(values.host ?? '127.0.0.1'), env: io.env });
      io.err(`cityscope listening on ${server.url}  (try: curl ${server.url}/cities/Toronto)\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          io.err(`cityscope: ${signal}, finishing requests in flight…\n`);
          server.close().then(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      return 0;
    }
    case 'city': {
      const name = positionals.join(' ').trim();
      if (!name) {
        io.err('cityscope: city needs a name, e.g. cityscope city Toronto\n');
        return 64;
      }
      const q = new URLSearchParams();
      if (values.lang) q.set('lang', String(values.lang));
      if (values.sentences) q.set('sentences', String(values.sentences));
      const qs = q.size ? `?${q}` : '';
      return call(io, `/cities/${encodeURIComponent(name)}${qs}`, values.json ? json : formatCity);
    }
    case 'health':
      return call(io, '/health', values.json ? json : (b) => `${(b as { status: string }).status}\n`);
    case 'openapi':
      return call(io, '/openapi.json', json);
    default:
      io.err(`cityscope: unknown command "${command}"\n\n${USAGE}`);
      return 64;
  }
}
