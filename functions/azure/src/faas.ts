import type { Attributes } from '@cityscope/core';

/**
 * What Azure Functions tells a function app about itself, as OpenTelemetry attributes of its
 * server spans: the app (`WEBSITE_SITE_NAME`), the instance (`WEBSITE_INSTANCE_ID`) and the
 * region (`REGION_NAME`). Read once, at start.
 */
export function instanceAttributes(env: Record<string, string | undefined>): Attributes {
  const out: Attributes = { 'cloud.platform': 'azure_functions', 'faas.trigger': 'http' };
  if (env.WEBSITE_SITE_NAME) out['faas.name'] = env.WEBSITE_SITE_NAME;
  if (env.WEBSITE_INSTANCE_ID) out['faas.instance'] = env.WEBSITE_INSTANCE_ID;
  if (env.REGION_NAME) out['cloud.region'] = env.REGION_NAME;
  return out;
}
