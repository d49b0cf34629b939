import { cacheOptions } from '../cache/create.js';
import type { Config } from '../config.js';
import { wikidataStep } from '../facts/wikidata-step.js';
import type { Logger } from '../log.js';
import type { FetchLike } from '../util/upstream.js';
import { WikipediaClient } from '../wikipedia/client.js';

/**
 * A handler's Wikipedia client from the settings: its cache (memory, or memory in front of
 * the shared store), and Wikidata as the step after a lookup unless WIKIDATA_BASE_URL is off.
 * `fetch` stands in for global fetch toward both (tests).
 */
export function wikipediaClientFor(config: Config, logger: Logger, fetch?: FetchLike): WikipediaClient {
  const upstream = { timeoutMs: config.wikipediaTimeoutMs, userAgent: config.userAgent, ...(fetch ? { fetch } : {}) };
  return new WikipediaClient({
    baseUrl: config.wikipediaBaseUrl,
    ...upstream,
    ...(config.wikidataBaseUrl ? { afterLookup: wikidataStep({ baseUrl: config.wikidataBaseUrl, ...upstream }) } : {}),
    ...cacheOptions(config, logger),
  });
}
