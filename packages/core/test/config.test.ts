import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('takes the defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      wikipediaBaseUrl: 'https://{lang}.wikipedia.org',
      wikipediaTimeoutMs: 5000,
      corsOrigins: ['*'],
      logLevel: 'info',
    });
  });

  it('accepts every documented LOG_LEVEL, in any case, and an empty one as the default', () => {
    for (const level of ['debug', 'info', 'warn', 'error', 'silent'] as const) {
      expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
      expect(loadConfig({ LOG_LEVEL: ` ${level.toUpperCase()} ` }).logLevel).toBe(level);
    }
    expect(loadConfig({ LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it('rejects a LOG_LEVEL it does not know, naming the setting and the allowed values', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, silent: verbose',
    );
    expect(() => loadConfig({ LOG_LEVEL: 'warning' })).toThrow(/LOG_LEVEL/);
  });

  it('rejects the other bad settings the same way', () => {
    expect(() => loadConfig({ WIKIPEDIA_TIMEOUT_MS: '0' })).toThrow(/WIKIPEDIA_TIMEOUT_MS/);
    expect(() => loadConfig({ WIKIPEDIA_BASE_URL: 'ftp://x' })).toThrow(/WIKIPEDIA_BASE_URL/);
    expect(() => loadConfig({ WIKIDATA_BASE_URL: 'ftp://x' })).toThrow(/WIKIDATA_BASE_URL/);
    expect(() => loadConfig({ WIKIDATA_BASE_URL: 'not a url' })).toThrow(/WIKIDATA_BASE_URL/);
  });

  it('reads WIKIDATA_BASE_URL like WIKIPEDIA_BASE_URL, and "off" turns Wikidata off', () => {
    expect(loadConfig({}).wikidataBaseUrl).toBe('https://www.wikidata.org');
    expect(loadConfig({ WIKIDATA_BASE_URL: 'http://127.0.0.1:9/wikidata/' }).wikidataBaseUrl).toBe(
      'http://127.0.0.1:9/wikidata',
    );
    expect(loadConfig({ WIKIDATA_BASE_URL: 'off' }).wikidataBaseUrl).toBeNull();
  });
});
