import { VERSION } from '@cityscope/core';
import { serverProblem } from '@cityscope/core/platform/node';
import { call, SettingError } from './call.js';
import { COMMANDS, type Command, type Io } from './commands.js';
import { InputError } from './input.js';
import { KEY } from './key.js';
import { optionLines, parseCommandArgs, UsageError, usageOptions, type Values } from './options.js';
import { serve } from './serve.js';
import { settings } from './settings.js';

export type { Io } from './commands.js';

const SERVE: Command = {
  args: '',
  summary: 'Serve the HTTP API (also what a container runs); PORT is read when --port is not given',
  options: {
    port: { type: 'string', value: '8787', help: 'the port (0 picks a free one)' },
    host: { type: 'string', value: '127.0.0.1', help: 'the address to listen on' },
  },
  run: runServer,
};

/** Every command, by name: serve, then one per route. */
const ALL: Record<string, Command> = { serve: SERVE, key: KEY, ...COMMANDS };

const usageLine = (name: string, c: Command) => [name, c.args, usageOptions(c.options)].filter(Boolean).join(' ');

/** Names wrapped to the usage text's width. */
function wrap(words: string[], indent: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + w.length + 2 > width) {
      lines.push(`${line},`);
      line = '';
    }
    line = line ? `${line}, ${w}` : w;
  }
  lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/** `cityscope help`: every command, every setting, the exit statuses. */
const usage = () => `Usage: cityscope <command> [options]

Commands:
${Object.entries(ALL)
  .map(([name, c]) => `  ${usageLine(name, c)}\n      ${c.summary}`)
  .join('\n')}

cityscope <command> --help explains a command; cityscope --version prints the version.
Each command answers through the same core as the HTTP API; --json prints the API's JSON.

Settings come from the environment, and from a .env file in the working folder (the
environment wins). cityscope help settings prints each with its default and meaning, as a .env:
${wrap(
  settings().map((s) => s.name),
  '  ',
)}

Exit status: 0 done, 1 the API said no (4xx), 2 it failed (5xx), 64 a usage mistake,
66 an input file that cannot be read, 78 a bad setting.
`;

/** `cityscope <command> --help`. */
function commandHelp(name: string, c: Command): string {
  const lines = [...(c.argHelp ?? []), ...optionLines(c.options)];
  const details = lines.length ? `\n\n${lines.map((o) => `  ${o}`).join('\n')}` : '';
  return `Usage: cityscope ${usageLine(name, c)}\n\n${c.summary}${details}\n\nEvery command: cityscope help\n`;
}

/**
 * `cityscope help settings`: every setting under its one-line meaning, with its default, commented
 * out, so `cityscope help settings > .env` changes nothing until a line is uncommented.
 */
const settingsEnv = () => `# Cityscope's settings and their defaults. \`cityscope help settings > .env\`, then uncomment
# what you change: cityscope reads .env from the working folder, and the real environment wins.
${settings()
  .map((s) => `\n# ${s.comment}\n# ${s.name}=${s.value}`)
  .join('')}
`;

/**
 * With --json, a mistake found before any request (a usage mistake, an input file it cannot read)
 * is a problem document on stdout too: `invalid_request`, as the API answers a bad request.
 */
const localProblem = (detail: string) =>
  `${JSON.stringify(JSON.parse(serverProblem(400, undefined, detail).body), null, 2)}\n`;

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  errIsTTY: process.stderr.isTTY === true,
  stdin: async () => {
    if (process.stdin.isTTY) return '';
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

async function runServer(values: Values, _args: string[], io: Io): Promise<number> {
  const port = Number(values.port ?? io.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number, not ${values.port}`);
  }
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve({ port, host: String(values.host ?? '127.0.0.1'), env: io.env });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw err;
    throw new SettingError((err as Error).message);
  }
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

/** What the progress line says while a command waits: `compare: 20 names`. */
const progressLabel = (name: string, args: string[]) =>
  args.length > 1 ? `${name}: ${args.length} names` : `${name}${args[0] ? `: ${args[0].slice(0, 40)}` : ''}`;

async function runCommand(name: string, spec: Command, rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(rest, spec.options);
  if (values.help) {
    io.out(commandHelp(name, spec));
    return 0;
  }
  if (spec.run) return spec.run(values, positionals, io);
  if (!spec.build) throw new Error(`command ${name} has neither build nor run`);
  const req = await spec.build(values, positionals, io);
  const context = { command: name, options: new Set(Object.keys(values)), json: values.json === true };
  return call(io, req, { ...context, label: progressLabel(name, positionals) });
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(`cityscope ${VERSION}\n`);
    return 0;
  }
  if (command === 'help' && rest[0] === 'settings') {
    io.out(settingsEnv());
    return 0;
  }
  if (command === 'help' && rest[0] && ALL[rest[0]]) {
    io.out(commandHelp(rest[0], ALL[rest[0]] as Command));
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(usage());
    return command ? 0 : 64;
  }
  const spec = ALL[command];
  if (!spec) {
    const what = command.startsWith('-')
      ? `options go after the command, not before: ${command}`
      : `unknown command "${command}"`;
    io.err(`cityscope: ${what}\n\n${usage()}`);
    return 64;
  }
  try {
    return await runCommand(command, spec, rest, io);
  } catch (err) {
    // only a command that takes --json answers in JSON (`serve --json` is a plain usage mistake)
    const json = 'json' in spec.options && rest.includes('--json');
    if (err instanceof UsageError) {
      io.err(`cityscope: ${err.message}\n\n${commandHelp(command, spec)}`);
      if (json) io.out(localProblem(err.message));
      return 64;
    }
    if (err instanceof InputError) {
      io.err(`cityscope: ${err.message}\n`);
      if (json) io.out(localProblem(err.message));
      return 66;
    }
    if (err instanceof SettingError) {
      io.err(`cityscope: ${err.message}\n`);
      return 78;
    }
    throw err;
  }
}
