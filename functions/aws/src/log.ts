import type { LogSink } from '@cityscope/core';
import type { Context } from 'aws-lambda';

/**
 * Log lines as Powertools for AWS Lambda's Logger writes them (its field names, one
 * JSON object per line on stdout), so CloudWatch Logs Insights queries and
 * dashboards written for Powertools read them. Powertools itself is not bundled:
 * it adds 23 KB and about 8 ms to the import for what is a line of JSON
 * (docs/decisions.md).
 */
const LEVEL = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

/** The X-Ray trace id (the `Root` part): Lambda's `_X_AMZN_TRACE_ID`, else the request's `X-Amzn-Trace-Id`. */
export function xrayTraceId(header: string | undefined, env = process.env): string | undefined {
  const raw = env._X_AMZN_TRACE_ID || header;
  return raw ? /(?:^|;)\s*Root=([^;\s]+)/.exec(raw)?.[1] : undefined;
}

export interface InvocationInfo {
  coldStart: boolean;
  context?: Pick<Context, 'awsRequestId' | 'functionName' | 'memoryLimitInMB' | 'invokedFunctionArn'>;
  traceId?: string | undefined;
}

/** A sink for one invocation: `level`, `message`, `timestamp`, `service`, `cold_start`, `function_*`, `xray_trace_id`, then core's fields. */
export function powertoolsSink(
  invocation: InvocationInfo,
  write: (line: string) => void = (line) => process.stdout.write(line),
): LogSink {
  const c = invocation.context;
  const fixed = {
    service: process.env.POWERTOOLS_SERVICE_NAME || 'cityscope',
    cold_start: invocation.coldStart,
    ...(c
      ? {
          function_name: c.functionName,
          function_memory_size: Number(c.memoryLimitInMB),
          function_arn: c.invokedFunctionArn,
          function_request_id: c.awsRequestId,
        }
      : {}),
    ...(invocation.traceId ? { xray_trace_id: invocation.traceId } : {}),
  };
  return (severity, msg, fields) =>
    write(
      `${JSON.stringify({ level: LEVEL[severity], message: msg, timestamp: new Date().toISOString(), ...fixed, ...fields })}\n`,
    );
}
