import { type AccessConfig, loadAccessConfig } from './access/settings.js';
import { type CacheConfig, loadCacheConfig } from './cache/settings.js';
import { type Contact, readContact, userAgentFor } from './contact.js';
import type { LogLevel } from './log.js';
import { loadTelemetryConfig, type TelemetryConfig } from './telemetry/settings.js';

/**
 * Every runtime Cityscope is built for: one preset each (found by packages/targets), the
 * `platform` of /health, and one column of the conformance suite. Add a target here.
 */
export const PLATFORMS = ['aws', 'gcp', 'azure', 'node'] as const;
export type Platform = (typeof PLATFORMS)[number];
export type { LogLevel };

/** The settings of docs/api.md, read from the environment once per handler. */
export interface Config {
  wikipediaBaseUrl: string;
  wikipediaTimeoutMs: number;
  /** Where Wikidata's API lives (`{base}/w/api.php`); null when WIKIDATA_BASE_URL is `off`. */
  wikidataBaseUrl: string | null;
  corsOrigins: string[];
  logLevel: LogLevel;
  /** `Cityscope/<version> (<WIKIMEDIA_CONTACT>) Node.js/<version>`, Wikimedia's User-Agent form. */
  userAgent: string;
  /** WIKIMEDIA_CONTACT, or the project URL (with one warning) when it is unset. */
  contact: Contact;
  /** CACHE_* settings: lifetimes, and the optional shared store. */
  cache: CacheConfig;
  /** API_KEYS, AUTH_*, RATE_LIMIT, TRUST_PROXY, PARSE_URL_HOSTS: who may call, how much, and what /parse fetches. */
  access: AccessConfig;
  /** OTEL_*, PROMETHEUS_METRICS, EMF_*: where traces and metrics go. */
  telemetry: TelemetryConfig;
}

export const DEFAULT_WIKIPEDIA_BASE_URL = 'https://{lang}.wikipedia.org';
export const DEFAULT_WIKIDATA_BASE_URL = 'https://www.wikidata.org';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

type Env = Record<string, string | undefined>;

/** Reads the settings; a bad value is a deploy mistake, so it fails loudly at start-up. */
export function loadConfig(env: Env = process.env): Config {
  const base = (env.WIKIPEDIA_BASE_URL ?? '').trim() || DEFAULT_WIKIPEDIA_BASE_URL;
  let probe: URL;
  try {
    probe = new URL(base.replaceAll('{lang}', 'en'));
  } catch {
    throw new Error(`WIKIPEDIA_BASE_URL is not a URL: ${base}`);
  }
  if (probe.protocol !== 'http:' && probe.protocol !== 'https:') {
    throw new Error(`WIKIPEDIA_BASE_URL must be http(s): ${base}`);
  }
  const wikidata = (env.WIKIDATA_BASE_URL ?? '').trim() || DEFAULT_WIKIDATA_BASE_URL;
  if (wikidata.toLowerCase() !== 'off') {
    let wd: URL;
    try {
      wd = new URL(wikidata);
    } catch {
      throw new Error(`WIKIDATA_BASE_URL is not a URL (or "off"): ${wikidata}`);
    }
    if (wd.protocol !== 'http:' && wd.protocol !== 'https:') {
      throw new Error(`WIKIDATA_BASE_URL must be http(s) (or "off"): ${wikidata}`);
    }
  }
  const timeoutText = (env.WIKIPEDIA_TIMEOUT_MS ?? '').trim();
  const timeout = timeoutText === '' ? 5000 : Number(timeoutText);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60_000) {
    throw new Error(`WIKIPEDIA_TIMEOUT_MS must be an integer from 1 to 60000: ${timeoutText}`);
  }
  const origins = (env.CORS_ORIGINS ?? '*')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const levelText = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  const level = (levelText === '' ? 'info' : levelText) as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}: ${env.LOG_LEVEL}`);
  }
  const contact = readContact(env.WIKIMEDIA_CONTACT);
  return {
    wikipediaBaseUrl: base.replace(/\/+$/, ''),
    wikipediaTimeoutMs: timeout,
    wikidataBaseUrl: wikidata.toLowerCase() === 'off' ? null : wikidata.replace(/\/+$/, ''),
    corsOrigins: origins.length ? origins : ['*'],
    logLevel: level,
    userAgent: userAgentFor(contact.value),
    contact,
    cache: loadCacheConfig(env),
    access: loadAccessConfig(env),
    telemetry: loadTelemetryConfig(env),
  };
}
