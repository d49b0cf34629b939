import type { Attributes } from '@cityscope/core';

/**
 * What Google Cloud tells a function about itself, as OpenTelemetry attributes of its server
 * spans: the service (`K_SERVICE`, else the entry point `FUNCTION_TARGET`), its revision
 * (`K_REVISION`) and, where the runtime sets it, `FUNCTION_REGION`. Read once, at start.
 */
export function instanceAttributes(env: Record<string, string | undefined>): Attributes {
  const out: Attributes = { 'cloud.platform': 'gcp_cloud_functions', 'faas.trigger': 'http' };
  const name = env.K_SERVICE || env.FUNCTION_TARGET;
  if (name) out['faas.name'] = name;
  if (env.K_REVISION) out['faas.version'] = env.K_REVISION;
  if (env.FUNCTION_REGION) out['cloud.region'] = env.FUNCTION_REGION;
  return out;
}
