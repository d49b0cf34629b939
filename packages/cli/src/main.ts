import { parseArgs } from 'node:util';
import { createHandler, createLogger, type LogLevel, VERSION } from '@cityscope/core';
import { type Call, COMMANDS, type Command, type Io, UsageError, type Values } from './commands.js';
import { serve } from './serve.js';

export type { Io } from './commands.js';

const SERVE = {
  usage: 'serve [--port 8787] [--host 127.0.0.1]',
  summary: 'Serve the HTTP API (also what a container runs); PORT is read when --port is not given',
  options: ['--port 8787       the port (0 picks a free one)', '--host 127.0.0.1  the address to listen on'],
};

const USAGE = `Usage: cityscope <command> [options]

Commands:
  ${SERVE.usage}
      ${SERVE.summary}
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}

cityscope <command> --help explains a command; cityscope --version prints the version.
Each command answers through the same core as the HTTP API; --json prints the API's JSON.
Settings come from the environment: WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, WIKIDATA_BASE_URL,
CORS_ORIGINS, LOG_LEVEL. Exit status: 0 done, 1 the API said no (4xx), 2 it failed (5xx),
64 a usage mistake, 78 a bad setting.
`;

/** `cityscope <command> --help`. */
function commandHelp(c: { usage: string; summary: string; options?: string[] }): string {
  const options = c.options?.length ? `\n\n${c.options.map((o) => `  ${o}`).join('\n')}` : '';
  return `Usage: cityscope ${c.usage}\n\n${c.summary}${options}\n\nEvery command: cityscope help\n`;
}

/** The problem of an API answer, as much of it as the command line shows. */
interface Problem {
  code?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  candidates?: string[];
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  stdin: async () => {
    if (process.stdin.isTTY) return '';
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** A setting the environment gives a value the API refuses (exit 78, EX_CONFIG). */
class SettingError extends Error {}

/** Runs one request through core in-process; prints the answer or the problem's detail. */
async function call(io: Io, c: Call & { command: string; options: Set<string> }): Promise<number> {
  let handle: ReturnType<typeof createHandler>;
  try {
    // one-shot commands log only when asked, and to stderr, so stdout stays clean for pipes
    const level = ((io.env.LOG_LEVEL ?? '').trim().toLowerCase() || 'silent') as LogLevel;
    handle = createHandler({
      platform: 'node',
      env: io.env,
      logger: createLogger(level, (line) => io.err(`${line}\n`)),
    });
  } catch (err) {
    throw new SettingError((err as Error).message);
  }
  const init: RequestInit = { method: c.method ?? 'GET' };
  if (c.body !== undefined) {
    init.body = JSON.stringify(c.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await handle(new Request(`http://cityscope.local${c.path}`, init));
  const body = await res.json();
  if (!res.ok) {
    const p = body as Problem;
    // the request was built from the command line, so an invalid one is a usage mistake
    if (p.code === 'invalid_request') {
      const lines = p.errors?.length
        ? p.errors.map((e) => `cityscope: ${c.options?.has(e.path) ? `--${e.path}` : e.path}: ${e.message}`)
        : [`cityscope: ${p.detail ?? 'invalid request'}`];
      io.err(`${lines.join('\n')}\n(cityscope ${c.command} --help lists its options)\n`);
      return 64;
    }
    let text = `cityscope: ${p.detail ?? `HTTP ${res.status}`}\n`;
    if (p.candidates?.length) text += `Did you mean: ${p.candidates.slice(0, 10).join('; ')}\n`;
    io.err(text);
    return res.status >= 500 ? 2 : 1;
  }
  io.out(c.print(body));
  return 0;
}

async function runServer(io: Io, values: Values): Promise<number> {
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

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(`cityscope ${VERSION}\n`);
    return 0;
  }
  const spec = command === 'serve' ? SERVE : command ? COMMANDS[command] : undefined;
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
        keywords: { type: 'string' },
        mode: { type: 'string' },
        start: { type: 'string' },
        'round-trip': { type: 'boolean' },
        k: { type: 'string' },
        file: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`cityscope: ${(err as Error).message}\n\n${spec && command ? commandHelp(spec) : USAGE}`);
    return 64;
  }
  const values = parsed.values as Values;
  const { positionals } = parsed;
  if (spec && command && values.help) {
    io.out(commandHelp(spec));
    return 0;
  }
  if (command === 'help' && positionals[0] && (positionals[0] === 'serve' || COMMANDS[positionals[0]])) {
    const name = positionals[0];
    io.out(commandHelp(name === 'serve' ? SERVE : (COMMANDS[name] as Command)));
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h' || values.help) {
    io.out(USAGE);
    return command ? 0 : 64;
  }
  if (command === 'serve') return runServer(io, values);
  if (!spec || !(command in COMMANDS)) {
    io.err(`cityscope: unknown command "${command}"\n\n${USAGE}`);
    return 64;
  }
  try {
    const c = await (spec as Command).build(values, positionals, io);
    return await call(io, { ...c, command, options: new Set(Object.keys(values)) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`cityscope: ${err.message}\n(cityscope ${command} --help lists its options)\n`);
      return 64;
    }
    if (err instanceof SettingError) {
      io.err(`cityscope: ${err.message}\n`);
      return 78;
    }
    throw err;
  }
}
