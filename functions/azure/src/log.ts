import type { LogSink } from '@cityscope/core';

/** The logging half of an Azure InvocationContext (what the host correlates with the invocation). */
export interface ContextLog {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * Log lines through the invocation's context, so the Functions host sends them to
 * Application Insights with the invocation's operation id and the severity of the
 * method called. Each message is one JSON object (`msg`, then core's fields), which
 * Kusto reads with `parse_json(message)`.
 */
export function invocationSink(context: ContextLog): LogSink {
  return (severity, msg, fields) => context[severity](JSON.stringify({ msg, ...fields }));
}
