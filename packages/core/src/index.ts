export { redactUrl } from './cache/settings.js';
export { type Config, type LogLevel, loadConfig, PLATFORMS, type Platform } from './config.js';
export { type Contact, readContact, userAgentFor, warnContactOnce } from './contact.js';
export * from './errors.js';
export type { LatLon } from './geo/types.js';
export { createHandler, type Handler, type HandlerOptions, type RequestMeta } from './http/handle.js';
export { MAX_BODY_BYTES } from './http/request.js';
export { createLogger, type LogFields, type Logger, type LogSink, type Severity, sinkLogger } from './log.js';
export { type Attributes, faasInvocations, PROMETHEUS_CONTENT_TYPE, type RequestSummary } from './telemetry/hook.js';
export { loadTelemetryConfig } from './telemetry/settings.js';
export { parseAmznTraceId, parseCloudTraceContext, parseTraceparent } from './telemetry/trace-context.js';
export { VERSION } from './version.js';
export { WikipediaClient, type WikipediaClientOptions } from './wikipedia/client.js';
export type { Lookup, WikiPage } from './wikipedia/types.js';

import { createHandler, type Handler } from './http/handle.js';

let defaultHandler: Handler | undefined;
/** The entry point with settings from process.env, built on first use. */
export function handle(request: Request): Promise<Response> {
  defaultHandler ??= createHandler();
  return defaultHandler(request);
}
