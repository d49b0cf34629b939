/** How much the logger writes (LOG_LEVEL). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type LogFields = Record<string, unknown>;
export type Severity = Exclude<LogLevel, 'silent'>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * Where a logger's records go, in the platform's own format. Adapters pass one per
 * request (see `RequestMeta.log`); core never knows which platform it is.
 */
export type LogSink = (severity: Severity, msg: string, fields: LogFields | undefined) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const noop = () => {};

/** A logger over a sink; levels below `level` cost nothing. */
export function sinkLogger(level: LogLevel, sink: LogSink): Logger {
  const emit = (s: Severity) =>
    RANK[s] < RANK[level] ? noop : (msg: string, fields?: LogFields) => sink(s, msg, fields);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

let pending = '';
let scheduled = false;
let hooked = false;
function flush(): void {
  scheduled = false;
  if (pending === '') return;
  const out = pending;
  pending = '';
  process.stdout.write(out);
}

/**
 * stdout, batched: lines written in one turn of the event loop leave in one write
 * (a write to a pipe or file is synchronous in Node, one syscall per call). stderr
 * lines go at once, after whatever stdout holds, so the order is kept; so do the
 * buffered lines when the process exits.
 */
export function writeLine(line: string, severe: boolean): void {
  if (severe) {
    flush();
    process.stderr.write(`${line}\n`);
    return;
  }
  pending += `${line}\n`;
  if (pending.length > 65_536) flush();
  else if (!scheduled) {
    if (!hooked) {
      hooked = true;
      process.once('exit', flush);
    }
    scheduled = true;
    setImmediate(flush);
  }
}

let lastMs = 0;
let lastIso = '';
/** The time as ISO 8601, formatted once per millisecond (a busy server logs many lines in one). */
export function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/**
 * One JSON object per line (`level`, `time`, `msg`, then the fields): stdout, stderr
 * for warn and error. The line is concatenated rather than built as one object, which
 * halves its cost; a field named like a leading one comes later and wins, as in JSON.parse.
 */
export function jsonLines(write: (line: string, severe: boolean) => void = writeLine): LogSink {
  return (severity, msg, fields) => {
    const rest = fields ? JSON.stringify(fields) : '{}';
    const head = `{"level":"${severity}","time":"${isoNow()}","msg":${JSON.stringify(msg)}`;
    write(rest.length > 2 ? `${head},${rest.slice(1)}` : `${head}}`, RANK[severity] >= RANK.warn);
  };
}

/** The default logger: JSON lines, batched on stdout (see `writeLine`), or through `write`. */
export function createLogger(level: LogLevel, write?: (line: string, severe: boolean) => void): Logger {
  return sinkLogger(level, jsonLines(write));
}
