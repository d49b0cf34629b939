import { parseArgs } from 'node:util';
import { createHandler, createLogger, type LogLevel } from '@cityscope/core';
import { type Call, COMMANDS, type Io, UsageError, type Values } from './commands.js';
import { serve } from './serve.js';

export type { Io } from './commands.js';

const USAGE = `Usage: cityscope <command> [options]

Commands:
  serve [--port 8787] [--host 127.0.0.1]
      Serve the HTTP API (also what a container runs); PORT is read when --port is not given
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}

Each command answers through the same core as the HTTP API; --json prints the API's JSON.
Settings come from the environment: WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS, CORS_ORIGINS, LOG_LEVEL.
`;

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

/** Runs one request through core in-process; prints the answer or the problem's detail. */
async function call(io: Io, c: Call): Promise<number> {
  // one-shot commands log only when asked, and to stderr, so stdout stays clean for pipes
  const level = (io.env.LOG_LEVEL as LogLevel | undefined) ?? 'silent';
  const handle = createHandler({
    platform: 'node',
    env: io.env,
    logger: createLogger(level, (line) => io.err(`${line}\n`)),
  });
  const init: RequestInit = { method: c.method ?? 'GET' };
  if (c.body !== undefined) {
    init.body = JSON.stringify(c.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await handle(new Request(`http://cityscope.local${c.path}`, init));
  const body = await res.json();
  if (!res.ok) {
    const p = body as { detail?: string; errors?: Array<{ path: string; message: string }>; candidates?: string[] };
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
    io.err(`cityscope: ${(err as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const values = parsed.values as Values;
  const { positionals } = parsed;
  if (!command || command === 'help' || command === '--help' || command === '-h' || values.help) {
    io.out(USAGE);
    return command ? 0 : 64;
  }
  if (command === 'serve') return runServer(io, values);
  const spec = COMMANDS[command];
  if (!spec) {
    io.err(`cityscope: unknown command "${command}"\n\n${USAGE}`);
    return 64;
  }
  try {
    return await call(io, await spec.build(values, positionals, io));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`cityscope: ${err.message}\n`);
    return 64;
  }
}
